import { type APIEmbed, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { and, count, eq, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faqEntries, faqHidden, faqVotes, openings } from '../src/db/schema/index.ts';
import { type Actor, buildButtonPress } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { OPENINGS_TEXT_CHANNEL, useOpeningsTextChannel } from './helpers/openings-channel.ts';
import { buttonsOf, ephemeralContent, expectEphemeral, visibleText } from './helpers/responses.ts';
import { allTables, rowCounts } from './helpers/row-counts.ts';

const TEXT_CHANNEL = OPENINGS_TEXT_CHANNEL;
const MINUTE = 60 * 1000;
const APPLICATION_ID = '100000000000000001';

const ALICE = '300000000000000011';
const BOB = '300000000000000012';
const alice = member(ALICE);
const bob = member(BOB);
const aliceElsewhere = member(ALICE, GUILD_B);

const ALICE_OPENING = {
  title: 'Radiation dose audit in uterine fibroid embolization',
  institution: 'Alice Teaching Hospital',
  mentor: 'Dr. Alice Mentor',
  description: 'Collect fluoroscopy times and dose-area products for the last 300 procedures.',
  contact: 'alice.private@example.org',
};
const BOB_OPENING = {
  title: 'Case series of splenic artery aneurysm coiling',
  institution: 'Bob Medical Center',
  mentor: '',
  description: 'Gather imaging and follow-up for about 15 cases; two hours a week is enough.',
  contact: 'bob.lab@example.org',
};

async function assess(harness: Harness, actor: Actor, publications: number) {
  const response = await harness.command(
    'assess',
    {
      options: {
        publications,
        ir_publications: Math.min(publications, 1),
        first_author: 0,
        abstracts: 1,
        presentations: 0,
        ir_projects: 1,
        ongoing: 1,
        months_to_apply: 18,
      },
    },
    actor,
  );
  expectEphemeral(response);
}

async function postOpening(harness: Harness, actor: Actor, fields: typeof ALICE_OPENING) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
    actor,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error('no opening form');
  expectEphemeral(await harness.submitModal(modal.data.custom_id, fields, actor));
  const [stored] = await harness.db
    .select()
    .from(openings)
    .where(and(eq(openings.guildId, actor.guildId ?? ''), eq(openings.title, fields.title)));
  if (!stored?.messageId) throw new Error('the opening was not posted');
  return stored;
}

async function pressInterest(harness: Harness, actor: Actor, openingId: number) {
  expectEphemeral(await harness.press(`opening:interest:${openingId}`, actor));
}

/**
 * Rows of every table of the schema in which some column, read as text, contains `needle`: in
 * `guildId` only for tables that have a guild column. Tables added later are covered by themselves.
 */
async function tablesMentioning(harness: Harness, needle: string, guildId: string) {
  const found: Record<string, number> = {};
  for (const table of allTables) {
    const columns = Object.values(getTableColumns(table));
    const guildColumn = getTableColumns(table).guildId;
    const mentions = sql`(${sql.join(
      columns.map((column) => sql`${column}::text like ${`%${needle}%`}`),
      sql` or `,
    )})`;
    const where: SQL | undefined = guildColumn ? and(eq(guildColumn, guildId), mentions) : mentions;
    const [row] = await harness.db.select({ total: count() }).from(table).where(where);
    if ((row?.total ?? 0) > 0) found[getTableName(table)] = row?.total ?? 0;
  }
  return found;
}

/** Follow-up messages posted on interaction webhooks (where the JSON file goes), as multipart parts. */
function followUps(harness: Harness): Array<Record<string, string>> {
  return harness.standIn
    .find('POST', new RegExp(`^/webhooks/${APPLICATION_ID}/[^/]+$`))
    .map((request) => multipartParts(String(request.body), String(request.headers['content-type'])));
}

/** The parts of a multipart/form-data body by field name (a file's content as text). */
function multipartParts(body: string, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const parts: Record<string, string> = {};
  for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(part.slice(0, split));
    if (split < 0 || !name?.[1]) continue;
    parts[name[1]] = part.slice(split + 4).replace(/\r\n$/, '');
    const filename = /filename="([^"]+)"/.exec(part.slice(0, split));
    if (filename?.[1]) parts[`${name[1]}:filename`] = filename[1];
  }
  return parts;
}

describe.each(databaseKinds())('/mydata (%s)', (kind) => {
  let harness: Harness;
  let aliceOpening: typeof openings.$inferSelect;
  let bobOpening: typeof openings.$inferSelect;

  beforeAll(async () => {
    harness = await createHarness({ kind });
    await useOpeningsTextChannel(harness);
    // Alice's data in guild A, through the real commands where there is one.
    await assess(harness, alice, 2);
    harness.clock.advance(MINUTE);
    await assess(harness, alice, 3);
    aliceOpening = await postOpening(harness, alice, ALICE_OPENING);
    expectEphemeral(await harness.command('pitfall', {}, alice));
    // Bob's data in guild A, some of it touching Alice's.
    await assess(harness, bob, 7);
    bobOpening = await postOpening(harness, bob, BOB_OPENING);
    await pressInterest(harness, alice, bobOpening.id);
    await pressInterest(harness, bob, aliceOpening.id);
    // Alice in guild B.
    await assess(harness, aliceElsewhere, 9);
    expectEphemeral(await harness.command('pitfall', {}, aliceElsewhere));
    // Votes and moderator edits inserted as rows directly: quicker than the buttons and forms, same rows.
    await harness.db.insert(faqVotes).values([
      { guildId: GUILD_A, slug: 'first-author', userId: ALICE, helpful: true },
      { guildId: GUILD_A, slug: 'first-author', userId: BOB, helpful: false },
      { guildId: GUILD_B, slug: 'abstracts', userId: ALICE, helpful: false },
    ]);
    await harness.db.insert(faqEntries).values({
      guildId: GUILD_A,
      slug: 'local-mentors',
      question: 'Who in this server can mentor a first case report?',
      answer: 'Ask in the mentoring channel; the pinned list names volunteers.',
      source: 'moderators',
      updatedBy: ALICE,
    });
    await harness.db.insert(faqHidden).values({ guildId: GUILD_A, slug: 'step-scores', hiddenBy: ALICE });
    await harness.router.idle();
  });
  afterAll(() => harness.close());

  it('exports everything of the member in this server and nothing of anyone else', async () => {
    harness.standIn.clear();
    const summary = visibleText(
      expectEphemeral(await harness.command('mydata', { subcommand: 'export' }, alice)),
    );
    for (const line of [
      'Openings you posted (1)',
      ALICE_OPENING.title,
      'Openings you showed interest in (1)',
      BOB_OPENING.title,
      'Portfolio checks with /assess (2)',
      '3 publications',
      'FAQ votes (1)',
      '`first-author`: helpful',
      'Seen 1 pitfall',
      'FAQ entries you last edited as a moderator (1)',
      'Built-in FAQ entries you hid as a moderator (1)',
    ]) {
      expect(summary).toContain(line);
    }
    // Bob's own check (7 publications) and Alice's check in guild B (9) are not hers here.
    expect(summary).not.toMatch(/\b[79] publications/);

    await harness.router.idle();
    const [followUp, ...others] = followUps(harness);
    expect(others).toEqual([]);
    if (!followUp) throw new Error('no JSON file was sent');
    expect(JSON.parse(followUp.payload_json ?? '{}')).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    expect(followUp['files[0]:filename']).toBe('my-data.json');
    const file = followUp['files[0]'] ?? '';
    const exported = JSON.parse(file);
    expect(exported).toMatchObject({
      guildId: GUILD_A,
      userId: ALICE,
      openings: [{ id: aliceOpening.id, ...ALICE_OPENING, status: 'open' }],
      openingInterests: [{ openingId: bobOpening.id, openingTitle: BOB_OPENING.title }],
      faqVotes: [{ slug: 'first-author', helpful: true }],
      pitfallProgress: { shown: 1 },
      faqEntriesWrittenAsModerator: [{ slug: 'local-mentors' }],
      faqBuiltInsHiddenAsModerator: [{ slug: 'step-scores' }],
    });
    expect(exported.assessments).toHaveLength(2);
    expect(
      (exported.assessments as Array<{ publications: number }>).map((check) => check.publications),
    ).toEqual([3, 2]);
    expect(file).not.toContain(BOB);
    expect(file).not.toContain(GUILD_B);
    expect(file).not.toContain(BOB_OPENING.contact);
  });

  it('still delivers the file when Discord has not taken the summary yet', async () => {
    harness.standIn.clear();
    harness.standIn.on(
      'POST',
      new RegExp(`^/webhooks/${APPLICATION_ID}/`),
      () => ({ status: 404, body: { message: 'Unknown Webhook', code: 10015 } }),
      1,
    );
    expectEphemeral(await harness.command('mydata', { subcommand: 'export' }, alice));
    await harness.router.idle();
    const [refused, delivered, ...others] = followUps(harness);
    expect(others).toEqual([]);
    expect(refused?.['files[0]']).toBe(delivered?.['files[0]']);
    expect(JSON.parse(delivered?.['files[0]'] ?? '{}')).toMatchObject({ guildId: GUILD_A, userId: ALICE });
  });

  it('sends no file when the summary already shows everything', async () => {
    const shortOne = member('300000000000000013');
    await assess(harness, shortOne, 1);
    // /assess's card follows its reply; it must not be taken for the export's file.
    await harness.router.idle();
    harness.standIn.clear();
    const summary = visibleText(
      expectEphemeral(await harness.command('mydata', { subcommand: 'export' }, shortOne)),
    );
    expect(summary).toContain('Portfolio checks with /assess (1)');
    expect(summary).not.toContain('JSON file');
    await harness.router.idle();
    expect(followUps(harness)).toEqual([]);
  });

  it('deletes nothing until confirmed, and nothing when cancelled', async () => {
    const before = await rowCounts(harness.db);
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, alice);
    const text = visibleText(expectEphemeral(prompt));
    expect(text).toContain('2 /assess checks: deleted');
    expect(text).toContain('1 opening you posted: withdrawn');
    expect(buttonsOf(prompt).map((button) => button.label)).toEqual(['Delete my data', 'Keep my data']);
    expect(await rowCounts(harness.db)).toEqual(before);

    const cancel = buttonsOf(prompt)[1];
    if (!cancel) throw new Error('no cancel button');
    const cancelled = await harness.press(cancel.custom_id, alice);
    expect(cancelled.type).toBe(InteractionResponseType.UpdateMessage);
    expect(visibleText(cancelled)).toContain('Nothing was deleted');
    expect(buttonsOf(cancelled)).toEqual([]);
    expect(await rowCounts(harness.db)).toEqual(before);
    expect(await tablesMentioning(harness, ALICE, GUILD_A)).not.toEqual({});
  });

  it('refuses a confirmation pressed by someone else, elsewhere, too late or forged', async () => {
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, alice);
    const confirm = buttonsOf(prompt)[0];
    if (!confirm) throw new Error('no confirm button');
    const before = await rowCounts(harness.db);
    const mentionsBefore = await tablesMentioning(harness, ALICE, GUILD_A);

    expect(ephemeralContent(await harness.press(confirm.custom_id, bob))).toMatch(/not yours to press/);
    expect(ephemeralContent(await harness.press(confirm.custom_id, aliceElsewhere))).toMatch(
      /not yours to press/,
    );
    const [, , , , issuedAt] = confirm.custom_id.split(':');
    for (const forged of [
      `mydata:delete:${GUILD_A}:${ALICE}`,
      `mydata:delete:${GUILD_A}:${ALICE}:${issuedAt}:extra`,
      `mydata:delete:${GUILD_A}:not-a-member:${issuedAt}`,
      `mydata:wipe:${GUILD_A}:${ALICE}:${issuedAt}`,
      // A time past what a Date can hold would otherwise skip the 10-minute window.
      `mydata:delete:${GUILD_A}:${ALICE}:zzzzzzzzzz`,
    ]) {
      expect(ephemeralContent(await harness.press(forged, alice))).toMatch(/out of date/);
    }
    harness.clock.advance(11 * MINUTE);
    expect(ephemeralContent(await harness.press(confirm.custom_id, alice))).toMatch(
      /expired and nothing was deleted/,
    );

    expect(await rowCounts(harness.db)).toEqual(before);
    expect(await tablesMentioning(harness, ALICE, GUILD_A)).toEqual(mentionsBefore);
  });

  it('on confirmation leaves nothing of the member in this server and edits their posts', async () => {
    const mentionsBefore = await tablesMentioning(harness, ALICE, GUILD_A);
    expect(Object.keys(mentionsBefore)).toEqual(
      expect.arrayContaining([
        'assessments',
        'openings',
        'opening_interests',
        'faq_votes',
        'member_pitfall_progress',
        'faq_entries',
        'faq_hidden',
      ]),
    );
    const bobBefore = await tablesMentioning(harness, BOB, GUILD_A);
    const elsewhereBefore = await tablesMentioning(harness, ALICE, GUILD_B);
    harness.standIn.clear();

    const prompt = await harness.command('mydata', { subcommand: 'delete' }, alice);
    const confirm = buttonsOf(prompt)[0];
    if (!confirm) throw new Error('no confirm button');
    const done = await harness.press(confirm.custom_id, alice);
    expect(done.type).toBe(InteractionResponseType.UpdateMessage);
    expect(buttonsOf(done)).toEqual([]);
    const report = visibleText(done);
    for (const line of [
      '2 /assess checks: deleted',
      '1 interest in openings: deleted',
      '1 FAQ vote: deleted',
      'Your progress through /pitfall: deleted',
      '1 opening you posted: withdrawn',
      '2 FAQ changes you made as a moderator',
    ]) {
      expect(report).toContain(line);
    }

    // What is left: when Alice posted her opening, for the posting limits (no text; see the schema).
    expect(await tablesMentioning(harness, ALICE, GUILD_A)).toEqual({ deleted_opening_traces: 1 });
    expect(await tablesMentioning(harness, BOB, GUILD_A)).toEqual(bobBefore);
    expect(await tablesMentioning(harness, ALICE, GUILD_B)).toEqual(elsewhereBefore);

    const [stored] = await harness.db.select().from(openings).where(eq(openings.id, aliceOpening.id));
    expect(stored).toMatchObject({ status: 'withdrawn', authorId: '0', mentor: null, postState: 'posted' });
    for (const text of Object.values(ALICE_OPENING)) {
      expect(JSON.stringify(stored)).not.toContain(text);
    }
    const [untouched] = await harness.db.select().from(openings).where(eq(openings.id, bobOpening.id));
    expect(untouched).toMatchObject({ status: 'open', authorId: BOB, title: BOB_OPENING.title });
    const [entry] = await harness.db.select().from(faqEntries).where(eq(faqEntries.slug, 'local-mentors'));
    expect(entry?.updatedBy).toBeNull();

    const edits = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${aliceOpening.messageId}$`),
    );
    expect(edits).toHaveLength(1);
    const [embed] = (edits[0]?.body as { embeds?: APIEmbed[] } | undefined)?.embeds ?? [];
    expect(embed?.title).toBe("[Withdrawn] Removed at the author's request");
    const postText = JSON.stringify(edits[0]?.body);
    expect(postText).not.toContain(ALICE);
    expect(embed?.fields?.find((field) => field.name === 'Posted by')?.value).toBe('a former member');
    for (const text of Object.values(ALICE_OPENING)) expect(postText).not.toContain(text);

    // Logs name members by id, never by what they wrote.
    const logs = JSON.stringify(harness.logLines);
    for (const text of [...Object.values(ALICE_OPENING), ...Object.values(BOB_OPENING)].filter(Boolean)) {
      expect(logs).not.toContain(text);
    }
  });

  it('shows nothing after deletion, and has nothing left to delete', async () => {
    harness.standIn.clear();
    const summary = await harness.command('mydata', { subcommand: 'export' }, alice);
    expect(visibleText(expectEphemeral(summary))).toContain('Nothing is stored about you in this server.');
    await harness.router.idle();
    expect(followUps(harness)).toEqual([]);

    const again = await harness.command('mydata', { subcommand: 'delete' }, alice);
    expect(visibleText(expectEphemeral(again))).toContain('nothing to delete');
    expect(buttonsOf(again)).toEqual([]);

    // Alice's data in guild B is still there for her there.
    const elsewhere = visibleText(
      expectEphemeral(await harness.command('mydata', { subcommand: 'export' }, aliceElsewhere)),
    );
    expect(elsewhere).toContain('Portfolio checks with /assess (1)');
    expect(elsewhere).toContain('FAQ votes (1)');
  });
});

describe('/mydata delete after an opening was renewed', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());

  it('anonymises the one post the opening ever had', async () => {
    const opening = await postOpening(harness, alice, ALICE_OPENING);
    harness.clock.set(new Date(opening.expiresAt.getTime() + MINUTE));
    await createScheduler(harness.ctx, schedulerTasks, MINUTE).tick();
    expectEphemeral(
      await harness.command(
        'opening',
        { subcommand: 'renew', options: { opening: String(opening.id), expires_in_days: 14 } },
        alice,
      ),
    );
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, alice);
    const confirm = buttonsOf(prompt)[0];
    if (!confirm) throw new Error('no confirm button');
    await harness.press(confirm.custom_id, alice);

    // Posted once; every later change, the last one anonymising it, edited that same message.
    expect(harness.standIn.find('POST', new RegExp(`^/channels/${TEXT_CHANNEL}/messages$`))).toHaveLength(1);
    const edits = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${opening.messageId}$`),
    );
    expect(edits.length).toBeGreaterThanOrEqual(3);
    const lastPost = JSON.stringify(edits.at(-1)?.body);
    expect(lastPost).not.toContain(ALICE);
    for (const text of Object.values(ALICE_OPENING)) expect(lastPost).not.toContain(text);
    // Posted more than 7 days ago: the posting limits no longer count it, so nothing is kept.
    expect(await tablesMentioning(harness, ALICE, GUILD_A)).toEqual({});
  });
});

describe.each(databaseKinds())('/mydata delete while another sender edits a post (%s)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());

  it('leaves the post to that sender, removes the data at once, and anonymises the post right after', async () => {
    const opening = await postOpening(harness, alice, ALICE_OPENING);
    const messagePath = new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${opening.messageId}$`);
    harness.standIn.clear();

    // Bob's interest edits the post; while that edit is on its way, Alice deletes her data, her
    // confirmation handled by another process of the bot.
    const otherProcess = { ...harness.ctx, rest: harness.standIn.createRest() };
    let deleting = false;
    let seenDuringEdit: { report: string; edits: number; mentions: Record<string, number> } | undefined;
    harness.standIn.on('PATCH', messagePath, async () => {
      if (deleting) return undefined;
      deleting = true;
      const confirm = buttonsOf(await harness.command('mydata', { subcommand: 'delete' }, alice))[0];
      const press = buildButtonPress(confirm?.custom_id ?? 'mydata:missing', alice);
      const done = await harness.router.route(press, otherProcess);
      seenDuringEdit = {
        report: visibleText(done),
        edits: harness.standIn.find('PATCH', messagePath).length,
        mentions: await tablesMentioning(harness, ALICE, GUILD_A),
      };
      return undefined;
    });
    await pressInterest(harness, bob, opening.id);

    // Her deletion did not edit the post the interest was editing, but her data left the database.
    expect(seenDuringEdit?.edits).toBe(1);
    expect(seenDuringEdit?.mentions).toEqual({ deleted_opening_traces: 1 });
    expect(seenDuringEdit?.report).toContain('1 opening you posted: withdrawn');
    expect(seenDuringEdit?.report).toContain('1 post of your openings will be edited within a few minutes.');

    // That edit sent the text as it was read before; the post stays due and the next pass anonymises it.
    await createScheduler(harness.ctx, schedulerTasks, MINUTE).tick();
    const edits = harness.standIn.find('PATCH', messagePath);
    expect(edits).toHaveLength(2);
    const lastPost = JSON.stringify(edits[1]?.body);
    expect(lastPost).toContain("[Withdrawn] Removed at the author's request");
    for (const text of Object.values(ALICE_OPENING)) expect(lastPost).not.toContain(text);
    const [stored] = await harness.db.select().from(openings).where(eq(openings.id, opening.id));
    expect(stored).toMatchObject({ status: 'withdrawn', postState: 'posted' });
    // What is left: when Alice posted her opening, for the posting limits (no text; see the schema).
    expect(await tablesMentioning(harness, ALICE, GUILD_A)).toEqual({ deleted_opening_traces: 1 });
  });
});
