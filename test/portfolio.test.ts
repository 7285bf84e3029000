import {
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortfolioItem, listAllMemberItems } from '../src/db/queries/portfolio-items.ts';
import { portfolioItems, portfolioNudges } from '../src/db/schema/index.ts';
import { addFormCustomId, editFormCustomId, removeCustomId } from '../src/portfolio/custom-ids.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { buttonsOf, ephemeralContent, messageOf, modalOf, replyOf } from './helpers/responses.ts';

const ALICE = member();
const BOB = member('300000000000000002');
const ALICE_ELSEWHERE = member(undefined, GUILD_B);

const FORM = {
  title: 'Outcomes of genicular artery embolization',
  venue: 'JVIR',
  role_detail: 'chart review',
  link: 'https://doi.org/10.1016/j.jvir.2026.01.001',
  status_since: '2026-10-01',
};

function buttonIdsOf(subject: Parameters<typeof buttonsOf>[0]): string[] {
  return buttonsOf(subject).map((button) => button.custom_id);
}

function fieldValues(form: APIModalInteractionResponseCallbackData): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const row of form.components) {
    for (const input of 'components' in row ? row.components : []) {
      if ('custom_id' in input && 'value' in input) values[input.custom_id] = input.value;
      else if ('custom_id' in input) values[input.custom_id] = undefined;
    }
  }
  return values;
}

describe.each(databaseKinds())('/portfolio on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(portfolioItems);
    await harness.db.delete(portfolioNudges);
    harness.standIn.clear();
  });

  const stored = async () =>
    (await harness.db.select({ value: count() }).from(portfolioItems))[0]?.value ?? 0;

  /** `/portfolio add` with these options over a published original-research entry-level item. */
  const addCommand = (options: Record<string, string | boolean>, actor = ALICE) =>
    harness.command(
      'portfolio',
      {
        subcommand: 'add',
        options: { kind: 'original_research', status: 'published', role: 'entry', ...options },
      },
      actor,
    );

  async function add(
    options: Record<string, string | boolean> = {},
    fields: Record<string, string> = FORM,
    actor = ALICE,
  ) {
    const opened = modalOf(await addCommand(options, actor));
    return harness.submitModal(opened.custom_id, fields, actor);
  }

  it('add opens a form, and its submission stores the item for this member in this server', async () => {
    const opened = modalOf(
      await addCommand({
        kind: 'case_report',
        status: 'accepted',
        role: 'advanced',
        ir_related: true,
        first_author: true,
      }),
    );
    expect(Object.keys(fieldValues(opened))).toEqual([
      'title',
      'venue',
      'role_detail',
      'link',
      'status_since',
    ]);
    expect(fieldValues(opened).status_since).toBe('2026-11-01');
    const saved = replyOf(await harness.submitModal(opened.custom_id, FORM, ALICE));
    expect(saved.flags).toBe(MessageFlags.Ephemeral);
    expect(saved.content).toContain('Added: `#');
    expect(saved.content).toContain('Case report or series · Accepted (2026-10-01) · IR · first author');
    const [item] = await listAllMemberItems(harness.db, GUILD_A, ALICE.userId);
    expect(item).toMatchObject({
      kind: 'case_report',
      status: 'accepted',
      role: 'advanced',
      irRelated: true,
      firstAuthor: true,
      title: FORM.title,
      venue: 'JVIR',
      roleDetail: 'chart review',
      link: FORM.link,
      statusSince: '2026-10-01',
    });
    expect(await listAllMemberItems(harness.db, GUILD_B, ALICE.userId)).toEqual([]);
  });

  it.each([
    [{ link: 'http://pubmed.ncbi.nlm.nih.gov/1' }, 'The link must start with https://'],
    [{ link: 'javascript:alert(1)' }, 'The link must start with https://'],
    [{ status_since: '2026-12-25' }, 'cannot be in the future'],
    [{ status_since: '2026-02-30' }, 'a real day written as YYYY-MM-DD'],
    [{ title: '     ' }, 'at least 3 characters'],
    [{ title: '🎉🎉🎉🎉' }, 'spaces, symbols or emoji alone are not a title'],
    [{ title: 'x'.repeat(201) }, 'at most 200 characters'],
  ])('refuses a form with %o, ephemerally, storing nothing', async (bad, problem) => {
    const text = ephemeralContent(await add({}, { ...FORM, ...bad }));
    expect(text).toContain('Nothing was saved');
    expect(text).toContain(problem);
    expect(await stored()).toBe(0);
  });

  it('refuses a status that does not fit the kind, before and after the form', async () => {
    const before = ephemeralContent(await addCommand({ kind: 'abstract' }));
    expect(before).toBe(
      'Abstract or poster cannot be published: its status is submitted, accepted or presented. Nothing was saved.',
    );
    // A forged form id carrying the same mismatch.
    const forged = addFormCustomId(
      {
        kind: 'project',
        status: 'published',
        role: 'entry',
        irRelated: false,
        firstAuthor: false,
        meetingLevel: null,
        activelyWritten: false,
      },
      GUILD_A,
    );
    expect(ephemeralContent(await harness.submitModal(forged, FORM, ALICE))).toContain(
      'Project cannot be published',
    );
    const unknownStatus = await addCommand({ kind: 'project', status: 'shipped' });
    expect(ephemeralContent(unknownStatus)).toContain('Pick one of the statuses');
    expect(await stored()).toBe(0);
  });

  it('refuses the 201st item before the form and on submit', async () => {
    for (let index = 0; index < 199; index++) {
      await createPortfolioItem(
        harness.db,
        { guildId: GUILD_A, userId: ALICE.userId },
        { kind: 'project', status: 'idea', role: 'entry', title: `Idea ${index}`, statusSince: '2026-01-01' },
        { now: harness.clock.now(), limit: 200 },
      );
    }
    const opened = modalOf(await addCommand({ kind: 'project', status: 'idea' }));
    // Two forms opened at 199: the first fills the portfolio, the second is refused.
    replyOf(await harness.submitModal(opened.custom_id, FORM, ALICE));
    expect(ephemeralContent(await harness.submitModal(opened.custom_id, FORM, ALICE))).toContain(
      'You already have 200 items',
    );
    const full = await addCommand({ kind: 'project', status: 'idea' });
    expect(ephemeralContent(full)).toContain('You already have 200 items');
    expect(await stored()).toBe(200);
    // Another member, or the same member in another server, is not affected.
    replyOf(await add({}, FORM, BOB));
    replyOf(await add({}, FORM, ALICE_ELSEWHERE));
  });

  it('list is ephemeral, paged and filtered, and shows only the member’s own items here', async () => {
    for (let index = 0; index < 12; index++) {
      await add(
        { kind: 'abstract', status: index % 2 ? 'presented' : 'submitted' },
        { ...FORM, title: `Abstract number ${index}` },
      );
    }
    await add({}, { ...FORM, title: 'A paper of mine' });
    await add({}, { ...FORM, title: 'Bob’s own paper' }, BOB);
    await add({}, { ...FORM, title: 'Alice elsewhere' }, ALICE_ELSEWHERE);

    const first = replyOf(await harness.command('portfolio', { subcommand: 'list' }, ALICE));
    expect(first.flags).toBe(MessageFlags.Ephemeral);
    const embed = first.embeds?.[0];
    expect(embed?.description).toMatch(/^13 items · all kinds and statuses/);
    expect(embed?.footer?.text).toBe('Page 1 of 2');
    expect(embed?.description).not.toContain('Bob');
    expect(embed?.description).not.toContain('elsewhere');
    const next = buttonIdsOf(first)[1] ?? '';
    const second = await harness.press(next, ALICE);
    expect(second.type).toBe(InteractionResponseType.UpdateMessage);
    const page2 = messageOf(second).embeds?.[0];
    expect(page2?.footer?.text).toBe('Page 2 of 2');
    expect(page2?.description).toContain('A paper of mine');
    // The same button pressed by Bob shows Bob's items, never Alice's.
    const bobs = messageOf(await harness.press(next, BOB));
    expect(bobs.embeds?.[0]?.description).not.toContain('Abstract number');

    const presented = replyOf(
      await harness.command(
        'portfolio',
        { subcommand: 'list', options: { kind: 'abstract', status: 'presented' } },
        ALICE,
      ),
    );
    expect(presented.embeds?.[0]?.description).toMatch(/^6 items · Abstract or poster, presented/);
    expect(presented.components).toEqual([]);
  });

  it('update opens the form with the current values, and saves the new status and fields', async () => {
    await add({ status: 'submitted', role: 'intermediate' });
    const [item] = await listAllMemberItems(harness.db, GUILD_A, ALICE.userId);
    if (!item) throw new Error('no item');
    const suggestions = await harness.autocomplete(
      'portfolio',
      { subcommand: 'update', options: { item: 'genicular' }, focused: 'item' },
      ALICE,
    );
    expect(suggestions).toMatchObject({
      data: { choices: [{ name: `#${item.id} ${FORM.title} (Submitted)`, value: String(item.id) }] },
    });
    const statuses = await harness.autocomplete(
      'portfolio',
      { subcommand: 'update', options: { item: String(item.id), status: '' }, focused: 'status' },
      ALICE,
    );
    expect(
      (statuses as { data: { choices: Array<{ value: string }> } }).data.choices.map((c) => c.value),
    ).toEqual(['in_preparation', 'submitted', 'accepted', 'in_press', 'published']);
    // Bob sees none of Alice's items in his suggestions.
    const bobs = await harness.autocomplete(
      'portfolio',
      { subcommand: 'update', options: { item: '' }, focused: 'item' },
      BOB,
    );
    expect(bobs).toMatchObject({ data: { choices: [] } });

    const opened = modalOf(
      await harness.command(
        'portfolio',
        { subcommand: 'update', options: { item: String(item.id), status: 'accepted', first_author: true } },
        ALICE,
      ),
    );
    expect(fieldValues(opened)).toEqual({ ...FORM, status_since: '2026-11-01' });
    const saved = replyOf(
      await harness.submitModal(
        opened.custom_id,
        { ...fieldValues(opened), venue: 'CVIR' } as Record<string, string>,
        ALICE,
      ),
    );
    expect(saved.content).toContain('Updated: ');
    const [updated] = await listAllMemberItems(harness.db, GUILD_A, ALICE.userId);
    expect(updated).toMatchObject({
      status: 'accepted',
      firstAuthor: true,
      role: 'intermediate',
      venue: 'CVIR',
      statusSince: '2026-11-01',
    });

    // Without a status change the stored date stays in the form.
    const unchanged = modalOf(
      await harness.command('portfolio', { subcommand: 'update', options: { item: String(item.id) } }, ALICE),
    );
    expect(fieldValues(unchanged).status_since).toBe('2026-11-01');
  });

  it('refuses to update or remove an item of another member or server, typed or forged', async () => {
    await add();
    const [item] = await listAllMemberItems(harness.db, GUILD_A, ALICE.userId);
    if (!item) throw new Error('no item');
    for (const actor of [BOB, ALICE_ELSEWHERE]) {
      expect(
        ephemeralContent(
          await harness.command(
            'portfolio',
            { subcommand: 'update', options: { item: String(item.id) } },
            actor,
          ),
        ),
      ).toContain('You have no such item in this server');
      expect(
        ephemeralContent(
          await harness.command(
            'portfolio',
            { subcommand: 'remove', options: { item: `#${item.id}` } },
            actor,
          ),
        ),
      ).toContain('You have no such item in this server');
      expect(
        ephemeralContent(
          await harness.submitModal(editFormCustomId(item.id, {}, actor.guildId ?? ''), FORM, actor),
        ),
      ).toMatch(/no such item/);
      expect(
        ephemeralContent(await harness.press(removeCustomId(item.id, harness.clock.now()), actor)),
      ).toContain('not in your portfolio here');
    }
    // Alice's own form, submitted in another server.
    expect(
      ephemeralContent(
        await harness.submitModal(editFormCustomId(item.id, {}, GUILD_A), FORM, ALICE_ELSEWHERE),
      ),
    ).toContain('belongs to another server');
    expect(ephemeralContent(await harness.press('portfolio:rm:abc:zz', ALICE))).toContain(
      'out of date or was changed',
    );
    expect(
      ephemeralContent(await harness.submitModal('portfolio:add:99:0:0:-:-:-:-:1', FORM, ALICE)),
    ).toContain('out of date or was changed');
    expect(await listAllMemberItems(harness.db, GUILD_A, ALICE.userId)).toEqual([item]);
  });

  it('remove asks first; the confirmation works once and expires', async () => {
    await add();
    await add({}, { ...FORM, title: 'Second paper' });
    const [first, second] = await listAllMemberItems(harness.db, GUILD_A, ALICE.userId);
    if (!first || !second) throw new Error('no items');
    const prompt = replyOf(
      await harness.command(
        'portfolio',
        { subcommand: 'remove', options: { item: String(first.id) } },
        ALICE,
      ),
    );
    expect(prompt.flags).toBe(MessageFlags.Ephemeral);
    expect(prompt.content).toContain('Remove this item');
    const [removeButton = '', keepButton = ''] = buttonIdsOf(prompt);
    expect(await stored()).toBe(2);
    const done = await harness.press(removeButton, ALICE);
    expect(done).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { components: [] } });
    expect(ephemeralContent(await harness.press(removeButton, ALICE))).toContain('already removed');
    expect(await harness.press(keepButton, ALICE)).toMatchObject({
      type: InteractionResponseType.UpdateMessage,
      data: { content: `Kept #${first.id}; nothing was removed.`, components: [] },
    });

    const late = replyOf(
      await harness.command(
        'portfolio',
        { subcommand: 'remove', options: { item: String(second.id) } },
        ALICE,
      ),
    );
    harness.clock.advance(11 * 60 * 1000);
    const [lateButton = ''] = buttonIdsOf(late);
    expect(ephemeralContent(await harness.press(lateButton, ALICE))).toContain('expired');
    expect(await stored()).toBe(1);
  });
});
