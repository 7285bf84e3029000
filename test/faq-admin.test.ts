import { type APIEmbed, ComponentType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { faqEntries, faqHidden } from '../src/db/schema/index.ts';
import { searchFaqs } from '../src/faq/search.ts';
import { buildButtonPress } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, GUILD_B, member, moderator } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { modalOf, replyOf } from './helpers/responses.ts';

const mod = moderator('300000000000000099', GUILD_A);
const modB = moderator('300000000000000098', GUILD_B);
const plain = member('300000000000000001', GUILD_A);

const visaEntry = {
  question: 'When should I start my visa paperwork for residency?',
  answer:
    'Start as soon as you apply: J-1 sponsorship through ECFMG takes months, so keep documents ready early.',
  aliases: 'visa timing\nj1 visa paperwork',
  tags: 'visa, timeline',
};

describe.each(databaseKinds())('/faq-admin on %s', (kind) => {
  let harness: Harness;
  const admin = (subcommand: string, options: Record<string, string> = {}, actor = mod) =>
    harness.command('faq-admin', { subcommand, options }, actor);
  const ask = async (question: string, actor = plain) => {
    const response = await harness.command('faq', { options: { question } }, actor);
    return replyOf(response);
  };
  const choose = (customId: string, value: string, actor = mod) =>
    harness.send({
      ...buildButtonPress(customId, actor),
      data: { custom_id: customId, component_type: ComponentType.StringSelect, values: [value] },
    });
  const tableState = async () => ({
    entries: await harness.db.select().from(faqEntries).orderBy(faqEntries.id),
    hidden: await harness.db.select().from(faqHidden),
  });

  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.execute(sql`delete from faq_entries where guild_id is not null`);
    await harness.db.execute(sql`delete from faq_hidden`);
  });

  it('is offered only to members with Manage Server, in servers', () => {
    const definition = commands.find((command) => command.data.name === 'faq-admin')?.data;
    expect(definition?.default_member_permissions).toBe((1n << 5n).toString());
    expect(definition?.contexts).toEqual([0]);
  });

  it('refuses members without Manage Server on every path and changes nothing', async () => {
    const before = await tableState();
    const refusals = [
      await admin('add', { slug: 'visa-timing' }, plain),
      await admin('edit', { slug: 'ir-journals' }, plain),
      await admin('remove', { slug: 'ir-journals' }, plain),
      await admin('restore', { slug: 'ir-journals' }, plain),
      await admin('gaps', {}, plain),
      await harness.submitModal('faq-admin:add:visa-timing', visaEntry, plain),
      await harness.submitModal('faq-admin:edit:ir-journals', visaEntry, plain),
    ];
    for (const response of refusals) {
      const data = replyOf(response);
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      expect(data.content).toBe('You need the Manage Server permission to do this.');
    }
    expect(await tableState()).toEqual(before);
  });

  it('adds an entry through the form; it answers in that guild and never in another', async () => {
    const form = modalOf(await admin('add', { slug: 'visa-timing' }));
    expect(form.custom_id).toBe('faq-admin:add:visa-timing');
    expect(form.components).toHaveLength(4);

    const saved = replyOf(await harness.submitModal(form.custom_id, visaEntry, mod));
    expect(saved.content).toMatch(/Added `visa-timing`/);
    expect(saved.embeds?.[0]?.title).toBe(visaEntry.question);

    const answer = await ask('when do i start my j1 visa paperwork');
    expect(answer.embeds?.[0]?.title).toBe(visaEntry.question);
    expect(answer.embeds?.[0]?.footer?.text).toBe("Source: Written by this server's moderators");

    expect(
      (await searchFaqs(harness.db, GUILD_B, 'j1 visa paperwork', 5)).map((row) => row.slug),
    ).not.toContain('visa-timing');
    const inB = await ask('when do i start my j1 visa paperwork', member('300000000000000003', GUILD_B));
    expect(inB.embeds?.[0]?.title).not.toBe(visaEntry.question);
  });

  it('shows a server entry as text: no masked link, heading or mention in the public answer', async () => {
    const tricky = {
      ...visaEntry,
      question: 'Where do I file the [visa form](https://evil.example)?',
      answer:
        '# Urgent\nFile it at [https://good.org](https://evil.example) and ask <@&500000000000000001>; **bold** stays bold.',
    };
    await harness.submitModal('faq-admin:add:visa-form', tricky, mod);
    const response = await harness.command(
      'faq',
      { options: { question: 'slug:visa-form', public: true } },
      plain,
    );
    const [embed] = replyOf(response).embeds ?? [];
    expect(embed?.title).toBe('Where do I file the \\[visa form\\](https://evil.example)?');
    expect(embed?.description).toBe(
      '\\# Urgent\nFile it at \\[https://good.org\\](https://evil.example) and ask \\<@&500000000000000001>; **bold** stays bold.',
    );
  });

  it('refuses to add a slug that already exists, and an invalid form, saving nothing', async () => {
    expect(replyOf(await admin('add', { slug: 'ir-journals' })).content).toMatch(/already exists/);
    expect(replyOf(await admin('add', { slug: 'Not A Slug' })).content).toMatch(/slug option/);

    const before = await tableState();
    const tooShort = replyOf(
      await harness.submitModal('faq-admin:add:visa-timing', { ...visaEntry, answer: 'short' }, mod),
    );
    expect(tooShort.content).toMatch(
      /^Answer: the answer needs at least 20 characters\. Nothing was saved\.$/,
    );
    const tooLong = replyOf(
      await harness.submitModal(
        'faq-admin:add:visa-timing',
        { ...visaEntry, question: 'q'.repeat(201) },
        mod,
      ),
    );
    expect(tooLong.content).toMatch(/^Question: .*at most 200/);
    const badTag = replyOf(
      await harness.submitModal('faq-admin:add:visa-timing', { ...visaEntry, tags: 'ok, not_ok!' }, mod),
    );
    expect(badTag.content).toMatch(/^Tags: /);
    const forged = replyOf(await harness.submitModal('faq-admin:add:../../etc', visaEntry, mod));
    expect(forged.content).toMatch(/not one this bot knows/);
    expect(await tableState()).toEqual(before);
  });

  it('overrides a built-in entry in one guild by editing it', async () => {
    const form = modalOf(await admin('edit', { slug: 'ir-journals' }));
    const questionInput = form.components[0];
    expect(JSON.stringify(questionInput)).toContain('Which journals publish IR research?');

    const edited = { ...visaEntry, question: 'Which journals should our members target?' };
    expect(replyOf(await harness.submitModal(form.custom_id, edited, mod)).content).toMatch(
      /Saved `ir-journals`/,
    );

    expect((await ask('slug:ir-journals')).embeds?.[0]?.title).toBe(edited.question);
    const elsewhere = await ask('slug:ir-journals', member('300000000000000003', GUILD_B));
    expect(elsewhere.embeds?.[0]?.title).toBe('Which journals publish IR research?');

    const builtIn = await harness.db
      .select()
      .from(faqEntries)
      .where(sql`${faqEntries.guildId} is null and ${faqEntries.slug} = 'ir-journals'`);
    expect(builtIn[0]?.question).toBe('Which journals publish IR research?');
  });

  it('hides a built-in entry in one guild, and restores it', async () => {
    const removed = replyOf(await admin('remove', { slug: 'ir-meetings' }));
    expect(removed.content).toMatch(/now hidden/);
    expect(
      (await searchFaqs(harness.db, GUILD_A, 'SIR or RSNA which conference', 5)).map((row) => row.slug),
    ).not.toContain('ir-meetings');
    const picked = replyOf(
      await harness.command('faq', { options: { question: 'slug:ir-meetings' } }, plain),
    );
    expect(picked.content).toMatch(/no longer available in this server/);
    expect((await searchFaqs(harness.db, GUILD_B, 'SIR or RSNA which conference', 1))[0]?.slug).toBe(
      'ir-meetings',
    );
    expect(replyOf(await harness.press('faq:open:ir-meetings', plain)).content).toMatch(
      /no longer available/,
    );

    expect(replyOf(await admin('remove', { slug: 'ir-meetings' })).content).toMatch(/no entry/);
    expect(replyOf(await admin('restore', { slug: 'ir-meetings' })).content).toMatch(
      /shows in this server again/,
    );
    expect((await searchFaqs(harness.db, GUILD_A, 'SIR or RSNA which conference', 1))[0]?.slug).toBe(
      'ir-meetings',
    );
  });

  it("deletes a guild's own entry, bringing back the built-in it overrode", async () => {
    await harness.submitModal(
      'faq-admin:edit:ir-journals',
      { ...visaEntry, question: 'Our journal list?' },
      mod,
    );
    const removed = replyOf(await admin('remove', { slug: 'ir-journals' }));
    expect(removed.content).toMatch(/Deleted this server's entry `ir-journals`.*shows again/);
    expect((await ask('slug:ir-journals')).embeds?.[0]?.title).toBe('Which journals publish IR research?');

    await harness.submitModal('faq-admin:add:visa-timing', visaEntry, mod);
    expect(replyOf(await admin('remove', { slug: 'visa-timing' })).content).toBe(
      "Deleted this server's entry `visa-timing`.",
    );
    expect(replyOf(await admin('edit', { slug: 'visa-timing' })).content).toMatch(/no entry/);
  });

  it("lets guild B's moderators change only guild B", async () => {
    await harness.submitModal('faq-admin:add:visa-timing', visaEntry, mod);
    expect(replyOf(await admin('remove', { slug: 'visa-timing' }, modB)).content).toMatch(/no entry/);
    expect((await searchFaqs(harness.db, GUILD_A, 'j1 visa paperwork', 1))[0]?.slug).toBe('visa-timing');
  });

  it('suggests slugs to edit and hidden ones to restore', async () => {
    await admin('remove', { slug: 'postdoc-position' });
    const restore = await harness.autocomplete(
      'faq-admin',
      { subcommand: 'restore', options: { slug: 'post' }, focused: 'slug' },
      mod,
    );
    expect(restore).toMatchObject({ data: { choices: [{ value: 'postdoc-position' }] } });
    const edit = await harness.autocomplete(
      'faq-admin',
      { subcommand: 'edit', options: { slug: 'journals' }, focused: 'slug' },
      mod,
    );
    if (edit.type !== InteractionResponseType.ApplicationCommandAutocompleteResult)
      throw new Error('no choices');
    expect(edit.data.choices?.map((choice) => choice.value)).toContain('ir-journals');
  });

  it('suggests nothing to a member without Manage Server, not even hidden slugs', async () => {
    await admin('remove', { slug: 'postdoc-position' });
    for (const subcommand of ['restore', 'edit']) {
      const response = await harness.autocomplete(
        'faq-admin',
        { subcommand, options: { slug: 'post' }, focused: 'slug' },
        plain,
      );
      expect(response).toEqual({
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      });
    }
  });

  it('refuses a form holding a NUL character with a clear message, saving nothing', async () => {
    const before = await tableState();
    const form = modalOf(await admin('add', { slug: 'nul-entry' }));
    const saved = replyOf(
      await harness.submitModal(
        form.custom_id,
        { ...visaEntry, question: 'When is the\u0000 visa due?' },
        mod,
      ),
    );
    expect(saved.content).toMatch(/^Question: holds a NUL character/);
    expect(await tableState()).toEqual(before);
  });

  describe('gaps', () => {
    it('lists the most frequent unanswered questions and answers rated not helpful, with counts and dates', async () => {
      harness.clock.set(new Date('2026-11-01T12:00:00Z'));
      await ask('best pizza in chicago');
      harness.clock.set(new Date('2026-11-03T12:00:00Z'));
      await ask('Best pizza in Chicago?!', member('300000000000000004'));
      await ask('do you like cats');
      // Older than 30 days: left out.
      harness.clock.set(new Date('2026-09-01T12:00:00Z'));
      await ask('asdf ghjk old question');
      harness.clock.set(new Date('2026-11-04T12:00:00Z'));
      const answer = await ask('is a case report worth doing');
      const notHelpful = JSON.stringify(answer.components).match(/faq:vote:case-reports:\d+:no/)?.[0];
      if (!notHelpful) throw new Error('no vote button');
      await harness.press(notHelpful, plain);
      await harness.press(notHelpful, member('300000000000000005'));

      harness.clock.set(new Date('2026-11-05T12:00:00Z'));
      const data = replyOf(await admin('gaps'));
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      const embed = data.embeds?.[0] as APIEmbed;
      const unanswered = embed.fields?.find((field) => field.name === 'Unanswered questions')?.value ?? '';
      const lines = unanswered.split('\n');
      expect(lines[0]).toMatch(/^\*\*2×\*\* best pizza in chicago · last <t:\d+:d>, first <t:\d+:d>$/);
      expect(unanswered).toContain(`<t:${Date.parse('2026-11-03T12:00:00Z') / 1000}:d>`);
      expect(unanswered).toContain('**1×** do you like cats');
      expect(unanswered).not.toContain('old question');
      const lowRated = embed.fields?.find((field) => field.name === 'Answers rated not helpful')?.value ?? '';
      expect(lowRated).toMatch(
        /\*\*2\*\* not helpful, 0 helpful · `case-reports` · asked as "is a case report worth doing"/,
      );
    });

    it('attaches a missed question to an entry as this server’s alias, searchable at once', async () => {
      harness.clock.set(new Date('2026-11-05T12:00:00Z'));
      const missed = 'where can zorblat trainees present work';
      await ask(missed);
      const data = replyOf(await admin('gaps'));
      const menus = ((data.components ?? []) as unknown[]).flatMap(
        (row) =>
          (
            row as {
              components: Array<{
                custom_id: string;
                placeholder?: string;
                options: Array<{ value: string }>;
              }>;
            }
          ).components,
      );
      const menu = menus.find((candidate) => candidate.placeholder?.includes('zorblat'));
      if (!menu) throw new Error('no menu for the missed question');
      expect(menu.custom_id).toMatch(/^faq-admin:alias:\d+$/);
      expect(menu.options.map((option) => option.value)).toContain('ir-meetings');

      // Plain members, and moderators of another server, change nothing.
      expect(replyOf(await choose(menu.custom_id, 'ir-meetings', plain)).content).toMatch(/Manage Server/);
      expect(replyOf(await choose(menu.custom_id, 'ir-meetings', modB)).content).toMatch(
        /no longer in this server/,
      );
      expect((await searchFaqs(harness.db, GUILD_B, missed, 1))[0]?.score ?? 0).toBeLessThan(1);

      const done = replyOf(await choose(menu.custom_id, 'ir-meetings', mod));
      expect(done.content).toMatch(/now leads to `ir-meetings`/);
      const [best] = await searchFaqs(harness.db, GUILD_A, missed, 1);
      expect(best?.slug).toBe('ir-meetings');
      expect(best?.aliases).toContain(missed);
      expect((await searchFaqs(harness.db, GUILD_B, missed, 1))[0]?.aliases ?? []).not.toContain(missed);
      expect(replyOf(await choose(menu.custom_id, 'ir-meetings', mod)).content).toMatch(/already leads/);
    });

    it('keeps each guild to its own gaps', async () => {
      const data = replyOf(await admin('gaps', {}, modB));
      const embed = data.embeds?.[0] as APIEmbed;
      const shown = JSON.stringify(embed.fields);
      expect(shown).not.toContain('pizza');
      expect(shown).not.toContain('case-reports');
    });
  });
});
