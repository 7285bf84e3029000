import { type APIEmbed, ComponentType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faqQuestions, faqViews, faqVotes } from '../src/db/schema/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { FAQ_SEARCH_TUNING } from '../src/faq/search.ts';
import { buildButtonPress } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, member, moderator } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { buttonsOf, choicesOf, replyOf } from './helpers/responses.ts';

/** The question of a built-in entry, as its content file words it. */
const builtInQuestion = (slug: string) => loadBuiltInFaqs().find((entry) => entry.slug === slug)?.question;

describe('/faq', () => {
  let harness: Harness;
  const asker = member('300000000000000001');
  const other = member('300000000000000002');
  const ask = (question: string, extra: Record<string, string | boolean> = {}, actor = asker) =>
    harness.command('faq', { options: { question, ...extra } }, actor);

  const choose = (customId: string, value: string, actor = asker) =>
    harness.send({
      ...buildButtonPress(customId, actor),
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values: [value] },
    });

  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('answers a question typed the way members ask, only to the member, with no pings', async () => {
    const data = replyOf(await ask('how many pubs do i need as an img'));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = data.embeds?.[0] as APIEmbed;
    expect(embed.title).toBe(builtInQuestion('how-many-publications'));
    expect(embed.description).toContain('2–3 peer-reviewed publications');
    expect(embed.footer?.text).toMatch(/^Source: IR research profile guide/);
    expect(embed.fields?.find((field) => field.name === 'Tags')?.value).toContain('`publications`');
    expect(embedProblems(embed)).toEqual([]);

    const buttons = buttonsOf(data);
    expect(buttons.map((button) => button.label).slice(0, 2)).toEqual(['Helpful', 'Not helpful']);
    const related = buttons.filter((button) => button.custom_id.startsWith('faq:open:'));
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(3);
    expect(related.map((button) => button.custom_id)).not.toContain('faq:open:how-many-publications');
  });

  it('posts for everyone when public is true', async () => {
    const data = replyOf(await ask('cold emailing faculty tips', { public: true }));
    expect((data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(data.embeds?.[0]?.title).toBe('How do I write a cold email to IR faculty asking for research?');
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows exactly the entry a member picked from the suggestions', async () => {
    const data = replyOf(await ask('slug:ir-journals'));
    expect(data.embeds?.[0]?.title).toBe('Which journals publish IR research?');
  });

  it('opens a related question from its button', async () => {
    const data = replyOf(await ask('research fellowship'));
    const related = buttonsOf(data).find((button) => button.custom_id.startsWith('faq:open:'));
    if (!related) throw new Error('no related button');
    const opened = replyOf(await harness.press(related.custom_id, other));
    expect(opened.flags).toBe(MessageFlags.Ephemeral);
    expect(opened.embeds?.[0]?.title).toBe(related.label);
  });

  it('says when nothing fits, offers the closest entries and records the question', async () => {
    const before = await harness.db.select().from(faqQuestions).where(eq(faqQuestions.answered, false));
    const data = replyOf(await ask('who won the football match yesterday'));
    // Typed questions are stored behind the reply (src/faq/activity-log.ts).
    await harness.ctx.faqActivity.flush();
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/couldn't find an entry/);
    expect(data.embeds ?? []).toEqual([]);
    expect(buttonsOf(data).length).toBeLessThanOrEqual(3);
    for (const button of buttonsOf(data)) expect(button.custom_id).toMatch(/^faq:open:/);
    const after = await harness.db.select().from(faqQuestions).where(eq(faqQuestions.answered, false));
    expect(after.length).toBe(before.length + 1);
    const recorded = after.at(-1);
    expect(recorded).toMatchObject({ guildId: GUILD_A, normalized: 'who won the football match yesterday' });
    expect(recorded?.score).toBeLessThan(FAQ_SEARCH_TUNING.answerThreshold);
  });

  it('answers a weak but on-topic question with the closest entry, said to be the closest, and the next two', async () => {
    const data = replyOf(await ask('mentor birthday gift'));
    await harness.ctx.faqActivity.flush();
    expect(data.content).toMatch(/closest/);
    expect(data.content).not.toMatch(/couldn't find/);
    expect(data.embeds).toHaveLength(1);
    const next = buttonsOf(data).filter((button) => button.custom_id.startsWith('faq:open:'));
    expect(next).toHaveLength(2);
    expect(buttonsOf(data).map((button) => button.label)).toContain('Not helpful');
    // Still a miss for moderators to see.
    const [recorded] = await harness.db
      .select()
      .from(faqQuestions)
      .where(and(eq(faqQuestions.normalized, 'mentor birthday gift'), eq(faqQuestions.answered, false)));
    expect(recorded?.matchedSlug).toBeTruthy();
  });

  it('asks after Not helpful which entry would have helped, and keeps the choice with the vote', async () => {
    const voter = member('300000000000000007');
    const data = replyOf(await ask('research fellowship', {}, voter));
    const notHelpful = buttonsOf(data).find((button) => button.label === 'Not helpful');
    if (!notHelpful) throw new Error('no Not helpful button');
    const asked = replyOf(await harness.press(notHelpful.custom_id, voter));
    expect(asked.flags).toBe(MessageFlags.Ephemeral);
    expect(asked.content).toMatch(/Which entry would have helped\?/);
    type Menu = { custom_id: string; options: Array<{ value: string; label: string }> };
    const [firstRow] = (asked.components ?? []) as unknown as Array<{ components: Menu[] }>;
    const menu = firstRow?.components[0];
    if (!menu) throw new Error('no menu');
    const votedSlug = notHelpful.custom_id.split(':')[2];
    expect(menu.options.map((option) => option.value)).not.toContain(votedSlug);
    expect(menu.options.at(-1)).toEqual({ label: 'None of these', value: '-' });
    const better = menu.options[0]?.value ?? '';

    // Someone else's choice, or a slug outside the menu's rules, changes nothing.
    expect(replyOf(await choose(menu.custom_id, better, other)).content).toMatch(/Not helpful.*first/);
    expect(replyOf(await choose(menu.custom_id, 'Bad Slug', voter)).content).toMatch(
      /Pick one of the entries/,
    );

    const chosen = await choose(menu.custom_id, better, voter);
    expect(chosen.type).toBe(InteractionResponseType.UpdateMessage);
    const [vote] = await harness.db
      .select()
      .from(faqVotes)
      .where(and(eq(faqVotes.userId, voter.userId), eq(faqVotes.slug, votedSlug ?? '')));
    expect(vote).toMatchObject({ helpful: false, betterSlug: better });
  });

  it('keeps one vote per member per entry, which the member can change', async () => {
    const data = replyOf(await ask('what counts as research'));
    const [helpful, notHelpful] = buttonsOf(data);
    if (!helpful || !notHelpful) throw new Error('no vote buttons');
    const slug = helpful.custom_id.split(':')[2] ?? '';
    const votes = () =>
      harness.db
        .select()
        .from(faqVotes)
        .where(and(eq(faqVotes.guildId, GUILD_A), eq(faqVotes.slug, slug)));

    expect(replyOf(await harness.press(helpful.custom_id, asker)).content).toMatch(/recorded/);
    expect(replyOf(await harness.press(helpful.custom_id, asker)).content).toMatch(/already/);
    expect(await votes()).toMatchObject([{ userId: asker.userId, helpful: true }]);

    expect(replyOf(await harness.press(notHelpful.custom_id, asker)).content).toMatch(/changed/);
    await harness.press(helpful.custom_id, other);
    const rows = await votes();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.userId === asker.userId)?.helpful).toBe(false);
    expect(rows.find((row) => row.userId === other.userId)?.helpful).toBe(true);
  });

  it('refuses a forged or outdated button and records nothing', async () => {
    const count = async () =>
      Number((await harness.db.select({ count: sql<number>`count(*)::int` }).from(faqVotes))[0]?.count ?? 0);
    const before = await count();
    for (const customId of [
      'faq:vote:no-such-entry:0:yes',
      'faq:vote:ir-journals:abc:yes',
      'faq:vote:ir-journals:0:maybe',
      'faq:vote:Bad Slug:0:yes',
      'faq:open',
    ]) {
      const data = replyOf(await harness.press(customId, asker));
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      expect(data.content).toMatch(/no longer available|not one this bot knows/);
    }
    expect(await count()).toBe(before);
  });

  it('counts views per guild', async () => {
    await ask('slug:icmje-authorship');
    await ask('slug:icmje-authorship', {}, other);
    await harness.ctx.faqActivity.flush();
    const [row] = await harness.db
      .select()
      .from(faqViews)
      .where(and(eq(faqViews.guildId, GUILD_A), eq(faqViews.slug, 'icmje-authorship')));
    expect(row?.views).toBe(2);
  });

  it('answers a long, rambling question on its content words, and refuses only past 2000 characters', async () => {
    const rambling = [
      'Hi everyone, sorry for the long message, I am new here and honestly a bit lost.',
      'I finished medical school abroad two years ago and I have been working in a small hospital since,',
      'and now I really want to apply for interventional radiology in the US, but I keep reading different things online.',
      'Some people say an IMG needs five papers, others say ten, and nobody agrees on the number.',
      'So my question is basically: how many publications do I need as an IMG to be competitive for IR?',
      'I have one case report in progress and nothing published yet. Thank you so much for any advice, really appreciate it!',
    ].join(' ');
    expect(rambling.length).toBeGreaterThan(500);
    const long = `${rambling} ${'Thanks again, I hope this is the right place to ask. '.repeat(14)}`;
    expect(long.length).toBeGreaterThan(1000);
    const data = replyOf(await ask(long));
    expect(data.embeds?.[0]?.title).toBe(builtInQuestion('how-many-publications'));
    expect(replyOf(await ask('x'.repeat(2001))).content).toMatch(/at most 2000 characters/);
  });

  it('gives every kind of bad input a private reply, storing only the questions worth a gap', async () => {
    const before = (await harness.db.select().from(faqQuestions)).length;
    const cases: Array<[string, RegExp]> = [
      ['   ', /Type a question/],
      ['x'.repeat(6000), /at most 2000 characters/],
      ['😀🔥💉', /couldn't find an entry/],
      ['\u200b\u200b\u202e\u2066', /couldn't find an entry/],
      ["'; DROP TABLE faq_entries; -- & | ! :* <-> (", /./],
      ["' OR 1=1; --", /couldn't find an entry/],
      ['nul\u0000 in the middle of research fellowship', /./],
    ];
    for (const [question, expected] of cases) {
      const data = replyOf(await ask(question));
      expect(data.flags, JSON.stringify(question.slice(0, 20))).toBe(MessageFlags.Ephemeral);
      expect(`${data.content ?? ''}${data.embeds?.[0]?.title ?? ''}`).toMatch(expected);
      expect(data.content ?? '').not.toMatch(/Something went wrong/);
    }
    await harness.ctx.faqActivity.flush();
    // Only the two with words to search for can become gaps; emoji, marks and refusals store nothing.
    expect((await harness.db.select().from(faqQuestions)).length - before).toBeLessThanOrEqual(2);
  });

  it('answers odd input without an error', async () => {
    for (const question of ['&|!:*()', "'; drop table faq_entries; --", '😀😀', '@everyone help']) {
      const data = replyOf(await ask(question));
      expect(data.content ?? '').not.toMatch(/Something went wrong/);
      expect(data.allowed_mentions).toEqual({ parse: [] });
    }
  });

  describe('autocomplete', () => {
    const suggest = (typed: string, actor = asker) =>
      harness.autocomplete('faq', { options: { question: typed }, focused: 'question' }, actor);

    it('puts the entry whose alias is exactly the text first', async () => {
      const choices = choicesOf(await suggest('cold emailing faculty tips'));
      expect(choices[0]).toEqual({
        name: 'How do I write a cold email to IR faculty asking for research?',
        value: 'slug:outreach-email',
      });
    });

    it('suggests while the member is still typing, typos included', async () => {
      expect(choicesOf(await suggest('how many pub')).map((choice) => choice.value)).toContain(
        'slug:how-many-publications',
      );
      expect(choicesOf(await suggest('reserch felowship')).map((choice) => choice.value)[0]).toBe(
        'slug:research-fellowship',
      );
    });

    it('leaves out a last word of one or two letters while it is being typed', async () => {
      // Before, "f" alone picked the candidates, found none, and the box fell back to the most viewed.
      const choices = choicesOf(await suggest('research f'));
      expect(choices.map((choice) => choice.value)).toContain('slug:research-fellowship');
      expect(choices[0]?.name).toMatch(/research/i);
    });

    it('completes a word the stemmer cuts shorter than what was typed of it', async () => {
      // "plagiarism" is stored as 'plagiar' and "publications" as 'public', shorter than these beginnings.
      expect(choicesOf(await suggest('plagiari'))[0]?.value).toBe('slug:pitfall-ethics-authorship');
      expect(choicesOf(await suggest('is ghostin'))[0]?.value).toBe('slug:reliability-ghosting');
      const publications = choicesOf(await suggest('what counts as a publicati')).slice(0, 3);
      expect(publications.map((choice) => choice.value)).toContain('slug:how-many-publications');
    });

    it('shows the most viewed entries for an empty box, never more than 25', async () => {
      for (let index = 0; index < 3; index++)
        await ask('slug:postdoc-position', {}, member(`30000000000000010${index}`));
      await harness.ctx.faqActivity.flush();
      const choices = choicesOf(await suggest(''));
      expect(choices.length).toBe(25);
      expect(choices[0]?.value).toBe('slug:postdoc-position');
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(String(choice.value).length).toBeLessThanOrEqual(100);
      }
    });

    it('returns no choices rather than an error for anything', async () => {
      for (const typed of ['&|!:*()', "' or 1=1 --", '🙂', 'x'.repeat(300)]) {
        expect(choicesOf(await suggest(typed)).length).toBeLessThanOrEqual(25);
      }
      expect(choicesOf(await suggest('how many', member(undefined, null)))).toEqual([]);
    });
  });

  it('works for moderators too', async () => {
    const data = replyOf(await ask('pubs', {}, moderator()));
    expect(data.embeds?.[0]?.title).toBeDefined();
  });
});
