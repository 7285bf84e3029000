import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { count, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { requeueUnpostedOpenings } from '../src/db/queries/opening-posts.ts';
import { getOpening, listOpenOpenings } from '../src/db/queries/openings.ts';
import { openingInterests, openings } from '../src/db/schema/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import type { Actor } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, GUILD_B, member, moderator } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import type { RecordedRequest } from './helpers/discord-stand-in.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import {
  OPENINGS_FORUM,
  OPENINGS_TEXT_CHANNEL,
  useOpeningsForum,
  useOpeningsTextChannel,
} from './helpers/openings-channel.ts';
import { ephemeralContent, messageOf } from './helpers/responses.ts';

const TEXT_CHANNEL = OPENINGS_TEXT_CHANNEL;
const DAY = 24 * 60 * 60 * 1000;

const author = member('300000000000000001');
const helper = member('300000000000000002');
const stranger = member('300000000000000003');

type MessageBody = {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: unknown;
};
/** A list or a prompt as these tests read it: the bot always sends its embeds and button rows. */
const messageData = (response: APIInteractionResponse) =>
  messageOf(response) as MessageBody & { flags?: number };

function form(overrides: Record<string, string> = {}) {
  return {
    title: 'Outcomes after genicular artery embolization',
    institution: 'Example University Hospital',
    mentor: 'Dr. A. Example',
    description: 'Chart review and data entry for about 200 patients; roughly four hours a week.',
    contact: 'ir.lab@example.org',
    ...overrides,
  };
}

function firstButton(body: MessageBody) {
  return body.components[0]?.components[0];
}

async function countRows(harness: Harness) {
  const [row] = await harness.db.select({ total: count() }).from(openings);
  return row?.total ?? 0;
}

/** Runs /opening post and submits its form, as Discord would send them. */
async function postOpening(
  harness: Harness,
  actor: Actor,
  options: Record<string, string | number | boolean> = {},
  fields = form(),
) {
  const modal = await harness.command(
    'opening',
    {
      subcommand: 'post',
      options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry', ...options },
    },
    actor,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error(`no form: ${JSON.stringify(modal)}`);
  return {
    customId: modal.data.custom_id,
    response: await harness.submitModal(modal.data.custom_id, fields, actor),
  };
}

async function latestOpening(harness: Harness) {
  const [row] = await harness.db.select().from(openings).orderBy(desc(openings.id)).limit(1);
  if (!row) throw new Error('no opening stored');
  return row;
}

/**
 * Makes the stand-in refuse, as Discord does, to edit a message in an archived thread, and tracks
 * which threads the bot archived and opened again.
 */
function refuseEditsInArchivedThreads(harness: Harness): Set<string> {
  const archived = new Set<string>();
  harness.standIn.on('PATCH', /^\/channels\/\d+$/, (request) => {
    const threadId = request.path.split('/')[2] ?? '';
    const change = request.body as { archived?: boolean };
    if (change.archived === true) archived.add(threadId);
    if (change.archived === false) archived.delete(threadId);
    return undefined;
  });
  harness.standIn.on('PATCH', /^\/channels\/\d+\/messages\/\d+$/, (request) =>
    archived.has(request.path.split('/')[2] ?? '')
      ? { status: 400, body: { message: 'Thread is archived', code: 50083 } }
      : undefined,
  );
  return archived;
}

function tick(harness: Harness) {
  return createScheduler(harness.ctx, schedulerTasks, 60_000).tick();
}

describe.each(databaseKinds())('the openings board (%s)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());

  it('posts, lists, counts interest, refuses a stranger, closes, and expires', async () => {
    // /opening post answers with the form, its choices carried in the custom_id.
    const modal = await harness.command(
      'opening',
      {
        subcommand: 'post',
        options: { kind: 'case_report', focus: 'ir', remote: true, role: 'entry', expires_in_days: 10 },
      },
      author,
    );
    expect(modal.type).toBe(InteractionResponseType.Modal);
    if (modal.type !== InteractionResponseType.Modal) return;
    expect(modal.data.custom_id).toBe(`opening:post:case_report:ir:1:entry:10:${GUILD_A}`);

    const confirmation = ephemeralContent(
      await harness.submitModal(
        modal.data.custom_id,
        form({ description: `@everyone look: <@&123>${' details'.repeat(10)}` }),
        author,
      ),
    );
    const stored = await latestOpening(harness);
    expect(stored).toMatchObject({
      kind: 'case_report',
      focus: 'ir',
      remote: true,
      role: 'entry',
      status: 'open',
      postState: 'posted',
    });
    expect(stored.expiresAt).toEqual(new Date(harness.clock.now().getTime() + 10 * DAY));

    // The channel message: an embed within limits, the button, and no pings.
    const [post] = harness.standIn.find('POST', new RegExp(`^/channels/${TEXT_CHANNEL}/messages$`));
    const body = post?.body as MessageBody;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect(embedProblems(body.embeds[0] as APIEmbed)).toEqual([]);
    expect(body.embeds[0]?.title).toBe('Outcomes after genicular artery embolization');
    expect(firstButton(body)).toMatchObject({
      label: "I'm interested",
      custom_id: `opening:interest:${stored.id}`,
      disabled: false,
    });
    expect(confirmation).toContain(
      `https://discord.com/channels/${GUILD_A}/${TEXT_CHANNEL}/${stored.messageId}`,
    );

    // More openings from other members, to filter and page through.
    for (let index = 0; index < 6; index++) {
      harness.clock.advance(60_000);
      await postOpening(
        harness,
        member(`30000000000000010${index}`),
        { kind: index % 2 === 0 ? 'systematic_review' : 'case_report', remote: index !== 5 },
        form({
          title: `Project number ${index}`,
          institution: index === 3 ? 'Cairo Radiology Institute' : 'Example University',
        }),
      );
    }
    const list = messageData(await harness.command('opening', { subcommand: 'list', options: {} }, helper));
    expect(list.flags).toBe(MessageFlags.Ephemeral);
    expect(list.embeds[0]?.fields?.map((field) => field.name)).toEqual([
      expect.stringContaining('Project number 5'),
      expect.stringContaining('Project number 4'),
      expect.stringContaining('Project number 3'),
      expect.stringContaining('Project number 2'),
      expect.stringContaining('Project number 1'),
    ]);
    expect(list.embeds[0]?.fields?.[0]?.value).toMatch(/Case report · IR · on site · Entry level/);
    expect(list.embeds[0]?.fields?.[0]?.value).toMatch(/Interested:\*\* 0 members/);
    const [previous, next] = list.components[0]?.components ?? [];
    expect(previous?.disabled).toBe(true);
    expect(next?.disabled).toBe(false);

    const secondPage = messageData(await harness.press(next?.custom_id ?? '', helper));
    expect(secondPage.embeds[0]?.fields?.map((field) => field.name)).toEqual([
      expect.stringContaining('Project number 0'),
      expect.stringContaining('Outcomes after genicular'),
    ]);
    expect(secondPage.embeds[0]?.footer?.text).toBe('Page 2 of 2');

    const filtered = messageData(
      await harness.command(
        'opening',
        { subcommand: 'list', options: { kind: 'systematic_review', remote: true, query: 'cairo' } },
        helper,
      ),
    );
    expect(filtered.embeds[0]?.fields).toEqual([]);
    expect(filtered.embeds[0]?.description).toMatch(/No open openings match/);
    const cairo = messageData(
      await harness.command(
        'opening',
        { subcommand: 'list', options: { kind: 'case_report', query: 'cairo' } },
        helper,
      ),
    );
    expect(cairo.embeds[0]?.fields?.map((field) => field.name)).toEqual([
      expect.stringContaining('Project number 3'),
    ]);
    expect(cairo.components).toHaveLength(1); // no paging for one page, just the interest button

    // Autocomplete offers members their own open openings, and moderators all of the guild's.
    const own = await harness.autocomplete(
      'opening',
      { subcommand: 'close', options: { opening: '' }, focused: 'opening' },
      member('300000000000000100'),
    );
    const mine = (own as { data: { choices: Array<{ name: string }> } }).data.choices;
    expect(mine.map((choice) => choice.name)).toEqual([expect.stringContaining('Project number 0')]);
    const all = await harness.autocomplete(
      'opening',
      { subcommand: 'close', options: { opening: 'project' }, focused: 'opening' },
      moderator(),
    );
    const every = (all as { data: { choices: Array<{ name: string }> } }).data.choices;
    expect(every.length).toBeGreaterThan(1);
    const foreign = await harness.autocomplete(
      'opening',
      { subcommand: 'close', options: { opening: '' }, focused: 'opening' },
      moderator(undefined, GUILD_B),
    );
    expect((foreign as { data: { choices: unknown[] } }).data.choices).toEqual([]);

    // Interest: counted once, the post edited to show the count, contact details answered.
    harness.standIn.clear();
    const first = ephemeralContent(await harness.press(`opening:interest:${stored.id}`, helper));
    expect(first).toContain('`ir.lab@example.org`');
    const [edit] = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${stored.messageId}$`),
    );
    const edited = edit?.body as MessageBody;
    expect(edited.embeds[0]?.fields?.find((field) => field.name === 'Interested')?.value).toBe('1 member');
    expect(edited.allowed_mentions).toEqual({ parse: [] });
    const again = ephemeralContent(await harness.press(`opening:interest:${stored.id}`, helper));
    expect(again).toMatch(/already showed interest/);
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.interestCount).toBe(1);
    expect(harness.standIn.find('PATCH', /.*/)).toHaveLength(1);

    // A stranger cannot close it: refused, nothing changes.
    harness.standIn.clear();
    const refused = ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(stored.id), status: 'filled' } },
        stranger,
      ),
    );
    expect(refused).toMatch(/Only the member who posted this opening, or a moderator/);
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.status).toBe('open');
    // Only the look-ups of the stranger's permissions in the openings channel: nothing was sent.
    expect(harness.standIn.requests.filter((request) => request.method !== 'GET')).toHaveLength(0);

    // The author can: the post shows the status and its button is disabled.
    const closed = ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(stored.id), status: 'filled' } },
        author,
      ),
    );
    expect(closed).toMatch(/Closed \*\*Outcomes after genicular artery embolization\*\*/);
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.status).toBe('filled');
    const [closeEdit] = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${stored.messageId}$`),
    );
    const closedBody = closeEdit?.body as MessageBody;
    expect(closedBody.embeds[0]?.title).toMatch(/^\[Filled\]/);
    expect(firstButton(closedBody)).toMatchObject({ disabled: true });
    const afterClose = ephemeralContent(await harness.press(`opening:interest:${stored.id}`, stranger));
    expect(afterClose).toMatch(/closed \(filled\)/);

    // Expiry with a fixed clock: nothing before the time, then expired and its post edited.
    const expiring = await latestOpening(harness); // Project number 5, 30 days
    harness.standIn.clear();
    harness.clock.set(new Date(expiring.expiresAt.getTime() - 1000));
    await tick(harness);
    expect((await getOpening(harness.db, GUILD_A, expiring.id))?.status).toBe('open');
    harness.clock.advance(2000);
    await tick(harness);
    const expired = await getOpening(harness.db, GUILD_A, expiring.id);
    expect(expired).toMatchObject({ status: 'expired', postState: 'posted' });
    const [expiryEdit] = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${expiring.messageId}$`),
    );
    expect(firstButton(expiryEdit?.body as MessageBody)).toMatchObject({
      disabled: true,
      label: 'Closed (expired)',
    });
    expect(
      (await listOpenOpenings(harness.db, GUILD_A, {}, { limit: 50, offset: 0 })).rows.map((row) => row.id),
    ).not.toContain(expiring.id);

    // Its author can open it again with a new expiry; its post is edited back to open in place.
    const choices = await harness.autocomplete(
      'opening',
      { subcommand: 'renew', options: { opening: '' }, focused: 'opening' },
      member('300000000000000105'),
    );
    expect(choices).toMatchObject({ data: { choices: [{ value: String(expiring.id) }] } });
    harness.standIn.clear();
    const renewed = ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'renew', options: { opening: String(expiring.id), expires_in_days: 14 } },
        member('300000000000000105'),
      ),
    );
    const reopened = await getOpening(harness.db, GUILD_A, expiring.id);
    expect(reopened?.status).toBe('open');
    expect(reopened?.expiresAt).toEqual(new Date(harness.clock.now().getTime() + 14 * DAY));
    expect(reopened).toMatchObject({ messageId: expiring.messageId, postState: 'posted' });
    expect(renewed).toContain(`/${TEXT_CHANNEL}/${expiring.messageId}`);
    expect(harness.standIn.find('POST', /messages$/)).toHaveLength(0);
    const [renewEdit] = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${expiring.messageId}$`),
    );
    expect(firstButton(renewEdit?.body as MessageBody)).toMatchObject({ label: "I'm interested" });
    expect(firstButton(renewEdit?.body as MessageBody)?.disabled).toBeFalsy();
  });
});

describe('posting to a forum', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsForum(harness, [
      { id: '700000000000000001', name: 'Case report', moderated: false },
      { id: '700000000000000002', name: 'Systematic review / meta-analysis', moderated: false },
      { id: '700000000000000003', name: 'IR', moderated: false },
      { id: '700000000000000004', name: 'Diagnostic radiology', moderated: false },
    ]);
  });
  afterAll(() => harness.close());

  it('starts a thread with the tags of its kind and focus, and archives it once closed', async () => {
    const { response } = await postOpening(harness, author, {
      kind: 'systematic_review',
      focus: 'diagnostic_radiology',
    });
    const [thread] = harness.standIn.find('POST', new RegExp(`^/channels/${OPENINGS_FORUM}/threads$`));
    const body = thread?.body as { name: string; applied_tags: string[]; message: MessageBody };
    expect(body.name).toBe('Outcomes after genicular artery embolization');
    expect(body.applied_tags).toEqual(['700000000000000002', '700000000000000004']);
    expect(body.message.allowed_mentions).toEqual({ parse: [] });
    expect(embedProblems(body.message.embeds[0] as APIEmbed)).toEqual([]);
    expect(firstButton(body.message)?.label).toBe("I'm interested");

    const stored = await latestOpening(harness);
    expect(stored.threadId).not.toBeNull();
    expect(stored.channelId).toBe(OPENINGS_FORUM);
    expect(ephemeralContent(response)).toContain(
      `https://discord.com/channels/${GUILD_A}/${stored.threadId}/${stored.messageId}`,
    );

    // Interest edits the forum post's starter message.
    await harness.press(`opening:interest:${stored.id}`, helper);
    expect(
      harness.standIn.find(
        'PATCH',
        new RegExp(`^/channels/${stored.threadId}/messages/${stored.messageId}$`),
      ),
    ).toHaveLength(1);

    harness.standIn.clear();
    ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(stored.id), status: 'withdrawn' } },
        moderator(),
      ),
    );
    const [edit] = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${stored.threadId}/messages/${stored.messageId}$`),
    );
    expect(firstButton(edit?.body as MessageBody)).toMatchObject({ disabled: true });
    const threadChanges = harness.standIn.find('PATCH', new RegExp(`^/channels/${stored.threadId}$`));
    expect(threadChanges.map((request) => request.body)).toEqual([
      { archived: false },
      { name: '[Withdrawn] Outcomes after genicular artery embolization', archived: true },
    ]);
  });

  it('renews an expired forum post in place, opening its archived thread to edit it', async () => {
    const archived = refuseEditsInArchivedThreads(harness);
    const poster = member('300000000000000021');
    await postOpening(harness, poster, {}, form({ title: 'Registry of pulmonary embolism thrombectomy' }));
    const stored = await latestOpening(harness);
    const threadPath = new RegExp(`^/channels/${stored.threadId}$`);
    const messagePath = new RegExp(`^/channels/${stored.threadId}/messages/${stored.messageId}$`);

    harness.clock.set(new Date(stored.expiresAt.getTime() + 1000));
    await tick(harness);
    expect(await getOpening(harness.db, GUILD_A, stored.id)).toMatchObject({
      status: 'expired',
      postState: 'posted',
    });
    expect(archived.has(stored.threadId ?? '')).toBe(true);

    harness.standIn.clear();
    const renewed = ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'renew', options: { opening: String(stored.id), expires_in_days: 14 } },
        poster,
      ),
    );
    expect(renewed).toContain(`/${stored.threadId}/${stored.messageId}`);
    expect(harness.standIn.find('POST', /threads$/)).toEqual([]);
    expect(harness.standIn.find('PATCH', threadPath).map((request) => request.body)).toEqual([
      { name: 'Registry of pulmonary embolism thrombectomy', archived: false },
    ]);
    const [edit] = harness.standIn.find('PATCH', messagePath);
    expect(firstButton(edit?.body as MessageBody)?.disabled).toBeFalsy();
    expect(archived.has(stored.threadId ?? '')).toBe(false);
    expect(await getOpening(harness.db, GUILD_A, stored.id)).toMatchObject({
      status: 'open',
      postState: 'posted',
      messageId: stored.messageId,
    });

    // Closed again, then anonymised by /mydata delete: the one post is edited each time.
    ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(stored.id), status: 'filled' } },
        poster,
      ),
    );
    expect(archived.has(stored.threadId ?? '')).toBe(true);
    harness.standIn.clear();
    const prompt = messageData(await harness.command('mydata', { subcommand: 'delete' }, poster));
    const confirm = firstButton(prompt);
    if (!confirm) throw new Error('no confirm button');
    await harness.press(confirm.custom_id, poster);
    const [anonymised] = harness.standIn.find('PATCH', messagePath);
    expect(JSON.stringify(anonymised?.body)).not.toContain('pulmonary embolism');
    expect(JSON.stringify(anonymised?.body)).not.toContain(poster.userId);
    expect(archived.has(stored.threadId ?? '')).toBe(true);
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.postState).toBe('posted');
  });

  it('applies no tags when the forum has none that match', async () => {
    harness.standIn.clear();
    await postOpening(harness, helper, { kind: 'technical_note', focus: 'other_specialty' });
    const [thread] = harness.standIn.find('POST', new RegExp(`^/channels/${OPENINGS_FORUM}/threads$`));
    expect(thread?.body).toMatchObject({ applied_tags: [] });
  });
});

describe('refusals: nothing is stored and nothing is posted', () => {
  let harness: Harness;
  const start = new Date('2026-11-01T12:00:00Z');
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsTextChannel(harness, start);
  });
  afterEach(async () => {
    await harness.db.delete(openings);
    harness.clock.set(start);
    harness.standIn.clear();
  });
  afterAll(() => harness.close());

  function posts() {
    return harness.standIn.requests.filter((request: RecordedRequest) => request.method !== 'GET');
  }

  it('allows three new openings per member in 24 hours', async () => {
    for (let index = 0; index < 3; index++) {
      harness.clock.advance(60 * 60 * 1000);
      await postOpening(harness, author, {}, form({ title: `Study number ${index}` }));
    }
    expect(await countRows(harness)).toBe(3);
    const atCommand = ephemeralContent(
      await harness.command(
        'opening',
        { subcommand: 'post', options: { kind: 'other', focus: 'ir', remote: false, role: 'advanced' } },
        author,
      ),
    );
    expect(atCommand).toMatch(/posted 3 openings in the last 24 hours/);
    // A form opened earlier and sent now is checked again.
    harness.standIn.clear();
    const atSubmit = ephemeralContent(
      await harness.submitModal(
        `opening:post:other:ir:0:advanced:30:${GUILD_A}`,
        form({ title: 'Study number 4' }),
        author,
      ),
    );
    expect(atSubmit).toMatch(/posted 3 openings in the last 24 hours/);
    expect(await countRows(harness)).toBe(3);
    expect(posts()).toEqual([]);
    // Another member is not limited by it, and the author can post again a day after the first.
    await postOpening(harness, helper);
    harness.clock.advance(22 * 60 * 60 * 1000);
    await postOpening(harness, author, {}, form({ title: 'Study number 5' }));
    expect(await countRows(harness)).toBe(5);
  });

  it('refuses the same title and institution from the same member within 7 days', async () => {
    await postOpening(harness, author);
    harness.standIn.clear();
    harness.clock.advance(3 * DAY);
    const { response } = await postOpening(
      harness,
      author,
      { kind: 'case_series' },
      form({
        title: 'OUTCOMES after genicular  artery embolization',
        institution: 'example university hospital',
      }),
    );
    expect(ephemeralContent(response)).toMatch(/already posted an opening with this title and institution/);
    expect(await countRows(harness)).toBe(1);
    expect(posts()).toEqual([]);
  });

  it.each([
    ['a forged kind', `opening:post:grant_writing:ir:1:entry:30:${GUILD_A}`],
    ['a forged expiry', `opening:post:case_report:ir:1:entry:365:${GUILD_A}`],
    ['a forged role', `opening:post:case_report:ir:1:professor:30:${GUILD_A}`],
    ['a truncated custom_id', 'opening:post:case_report:ir'],
  ])('refuses a form with %s', async (_what, customId) => {
    const reply = ephemeralContent(await harness.submitModal(customId, form(), author));
    expect(reply).toMatch(/out of date or was changed/);
    expect(await countRows(harness)).toBe(0);
    expect(posts()).toEqual([]);
  });

  it("refuses a form made for another server's guild", async () => {
    const reply = ephemeralContent(
      await harness.submitModal(`opening:post:case_report:ir:1:entry:30:${GUILD_B}`, form(), author),
    );
    expect(reply).toMatch(/belongs to another server/);
    expect(await countRows(harness)).toBe(0);
    expect(posts()).toEqual([]);
  });

  it.each([
    ['an http link', 'http://example.org/apply'],
    ['free text', 'DM me on Discord'],
    ['a javascript: link', 'javascript:alert(1)'],
  ])('refuses %s as contact', async (_what, contact) => {
    const { response } = await postOpening(harness, author, {}, form({ contact }));
    expect(ephemeralContent(response)).toMatch(
      /Contact must be an email address .* or a link that starts with https:\/\//,
    );
    expect(await countRows(harness)).toBe(0);
    expect(posts()).toEqual([]);
  });

  it("keeps other servers' openings out of reach", async () => {
    await postOpening(harness, author);
    const stored = await latestOpening(harness);
    harness.standIn.clear();
    const outsider = moderator('300000000000000077', GUILD_B);
    expect(ephemeralContent(await harness.press(`opening:interest:${stored.id}`, outsider))).toMatch(
      /no longer exists in this server/,
    );
    expect(
      ephemeralContent(
        await harness.command(
          'opening',
          { subcommand: 'close', options: { opening: String(stored.id), status: 'filled' } },
          outsider,
        ),
      ),
    ).toMatch(/no such opening in this server/);
    const list = messageData(await harness.command('opening', { subcommand: 'list', options: {} }, outsider));
    expect(list.embeds[0]?.fields).toEqual([]);
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.status).toBe('open');
    const [interests] = await harness.db.select({ total: count() }).from(openingInterests);
    expect(interests?.total).toBe(0);
    expect(harness.standIn.requests).toEqual([]);
  });

  it('refuses a tampered list page button', async () => {
    const reply = ephemeralContent(await harness.press('opening:page:0:99:-:-:-:', helper));
    expect(reply).toMatch(/out of date or was changed/);
  });
});

describe('posting later', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('retries a failed post with backoff and posts it once', async () => {
    await useOpeningsTextChannel(harness);
    let discordDown = true;
    harness.standIn.on('POST', /^\/channels\/\d+\/messages$/, () =>
      discordDown ? { status: 500, body: { message: 'Internal Server Error', code: 0 } } : undefined,
    );
    const { response } = await postOpening(harness, author);
    expect(ephemeralContent(response)).toMatch(
      /Posting it to the openings channel failed for now; the bot will keep trying/,
    );
    const pending = await latestOpening(harness);
    expect(pending).toMatchObject({ postState: 'retry', postAttempts: 1, messageId: null });
    expect(harness.logLines.some((line) => line.msg === 'opening post failed; will retry')).toBe(true);

    // Still down at the first retry: the wait doubles.
    harness.clock.advance(60_000);
    await tick(harness);
    const again = await getOpening(harness.db, GUILD_A, pending.id);
    expect(again).toMatchObject({ postState: 'retry', postAttempts: 2 });
    expect(again?.postRetryAt).toEqual(new Date(harness.clock.now().getTime() + 120_000));

    discordDown = false;
    harness.clock.advance(60_000);
    await tick(harness);
    expect((await getOpening(harness.db, GUILD_A, pending.id))?.postState).toBe('retry'); // not due yet
    harness.clock.advance(60_000);
    const requestsBefore = harness.standIn.requests.length;
    await tick(harness);
    await tick(harness);
    const posted = await getOpening(harness.db, GUILD_A, pending.id);
    expect(posted).toMatchObject({ postState: 'posted', postAttempts: 0, channelId: TEXT_CHANNEL });
    const successfulPosts = harness.standIn.requests
      .slice(requestsBefore)
      .filter((request) => request.method === 'POST' && /messages$/.test(request.path));
    expect(successfulPosts).toHaveLength(1);
    expect(posted?.messageId).toBeTruthy();
  });

  it('stores and lists an opening when no channel is set, and says who can set one', async () => {
    const author = member('300000000000000001', GUILD_B);
    const helper = member('300000000000000002', GUILD_B);
    harness.standIn.clear();
    const { response } = await postOpening(harness, author);
    expect(ephemeralContent(response)).toMatch(/a moderator can set one with `\/config openings`/);
    const stored = await latestOpening(harness);
    expect(stored).toMatchObject({ postState: 'gone', messageId: null });
    expect(await getGuildSettings(harness.db, GUILD_B)).toBeNull();
    const list = messageData(await harness.command('opening', { subcommand: 'list', options: {} }, helper));
    expect(list.embeds[0]?.fields?.[0]?.name).toContain('Outcomes after genicular');
    // Interest still works from the list, without any post to edit.
    expect(ephemeralContent(await harness.press(`opening:interest:${stored.id}`, helper))).toContain(
      'ir.lab@example.org',
    );
    expect(harness.standIn.requests).toEqual([]);
    const [interest] = await harness.db
      .select()
      .from(openingInterests)
      .where(eq(openingInterests.openingId, stored.id));
    expect(interest?.userId).toBe(helper.userId);
  });
});

describe.each(databaseKinds())('two senders of the same posts (%s)', (kind) => {
  let harness: Harness;
  const MINUTE = 60 * 1000;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());

  it('never posts an opening twice when two processes tick while sends are slow', async () => {
    // Three openings stored while no channel was set, then queued at once when one is set.
    const posters = ['300000000000000031', '300000000000000032', '300000000000000033'];
    for (const [index, userId] of posters.entries()) {
      await postOpening(harness, member(userId), {}, form({ title: `Slow channel project ${index}` }));
    }
    await useOpeningsTextChannel(harness);
    await requeueUnpostedOpenings(harness.db, GUILD_A, harness.clock.now());
    harness.standIn.clear();

    // Each post waits 90 s (rate limits, retries); during the second, another process ticks.
    const otherProcess = createScheduler(
      { ...harness.ctx, rest: harness.standIn.createRest() },
      schedulerTasks,
      60_000,
    );
    let posts = 0;
    harness.standIn.on('POST', new RegExp(`^/channels/${TEXT_CHANNEL}/messages$`), async () => {
      posts += 1;
      if (posts > 2) return undefined;
      harness.clock.advance(1.5 * MINUTE);
      if (posts === 2) await otherProcess.tick();
      return undefined;
    });
    await tick(harness);

    const sent = harness.standIn.find('POST', new RegExp(`^/channels/${TEXT_CHANNEL}/messages$`));
    const titles = sent.map((request) => (request.body as MessageBody).embeds[0]?.title ?? '').sort();
    expect(titles).toEqual(
      [0, 1, 2].map((index) => expect.stringContaining(`Slow channel project ${index}`)),
    );
    const stored = await harness.db.select().from(openings).where(eq(openings.guildId, GUILD_A));
    expect(stored.map((row) => row.postState)).toEqual(['posted', 'posted', 'posted']);
  });

  it('leaves a post held by another sender to it, which then sends the latest count', async () => {
    const { response } = await postOpening(harness, author, {}, form({ title: 'Held post project' }));
    ephemeralContent(response);
    const stored = await latestOpening(harness);
    const messagePath = new RegExp(`^/channels/${TEXT_CHANNEL}/messages/${stored.messageId}$`);
    harness.standIn.clear();

    // While the first interest's edit is on its way, a second member shows interest.
    let editsSeenByLatecomer = -1;
    harness.standIn.on(
      'PATCH',
      messagePath,
      async () => {
        await harness.press(`opening:interest:${stored.id}`, stranger);
        editsSeenByLatecomer = harness.standIn.find('PATCH', messagePath).length;
        return undefined;
      },
      1,
    );
    await harness.press(`opening:interest:${stored.id}`, helper);
    // The latecomer did not edit the post the first sender held ...
    expect(editsSeenByLatecomer).toBe(1);
    const [first] = harness.standIn.find('PATCH', messagePath);
    expect(JSON.stringify(first?.body)).toContain('1 member');
    // ... but the post stays due, and the next pass shows both.
    expect((await getOpening(harness.db, GUILD_A, stored.id))?.postState).toBe('pending');
    await tick(harness);
    const edits = harness.standIn.find('PATCH', messagePath);
    expect(edits).toHaveLength(2);
    expect(JSON.stringify(edits[1]?.body)).toContain('2 members');
    expect(await getOpening(harness.db, GUILD_A, stored.id)).toMatchObject({ postState: 'posted' });
  });
});

describe.each(databaseKinds())('paging through the list while openings close (%s)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());

  it('counts every match, and turns to the last page left when the one asked for is gone', async () => {
    for (let index = 0; index < 12; index++) {
      harness.clock.advance(60_000);
      const poster = member(String(300000000000000200n + BigInt(index)));
      await postOpening(harness, poster, {}, form({ title: `Paged project ${index}` }));
    }
    const first = messageData(await harness.command('opening', { subcommand: 'list', options: {} }, helper));
    expect(first.embeds[0]?.description).toMatch(/^12 open · /);
    expect(first.embeds[0]?.footer?.text).toBe('Page 1 of 3');
    const second = messageData(
      await harness.press(first.components[0]?.components[1]?.custom_id ?? '', helper),
    );
    expect(second.embeds[0]?.footer?.text).toBe('Page 2 of 3');
    const toThirdPage = second.components[0]?.components[1]?.custom_id ?? '';
    const third = messageData(await harness.press(toThirdPage, helper));
    expect(third.embeds[0]?.fields?.map((field) => field.name)).toEqual([
      expect.stringContaining('Paged project 1'),
      expect.stringContaining('Paged project 0'),
    ]);
    expect(third.embeds[0]?.footer?.text).toBe('Page 3 of 3');

    // The three oldest are filled; "Next" on the second page now finds the third gone.
    const oldest = await harness.db.select().from(openings).orderBy(openings.id).limit(3);
    for (const closing of oldest) {
      ephemeralContent(
        await harness.command(
          'opening',
          { subcommand: 'close', options: { opening: String(closing.id), status: 'filled' } },
          moderator(),
        ),
      );
    }
    const lastLeft = messageData(await harness.press(toThirdPage, helper));
    expect(lastLeft.embeds[0]?.description).toMatch(/^9 open · /);
    expect(lastLeft.embeds[0]?.footer?.text).toBe('Page 2 of 2');
    expect(lastLeft.embeds[0]?.fields?.map((field) => field.name)).toEqual(
      [6, 5, 4, 3].map((index) => expect.stringContaining(`Paged project ${index}`)),
    );
  });
});
