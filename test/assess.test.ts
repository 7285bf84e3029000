import type { APIEmbed } from 'discord-api-types/v10';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPreviousAssessment } from '../src/db/queries/assessments.ts';
import { updateGuildSettings } from '../src/db/queries/guild-settings.ts';
import { suggestOpenOpenings } from '../src/db/queries/openings.ts';
import { assessments, guildSettings, openings } from '../src/db/schema/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { embedText, expectEphemeral } from './helpers/responses.ts';

const ASSESSMENTS_CHANNEL = '400000000000000001';
const DAY = 24 * 60 * 60 * 1000;

const AT_BASELINE = { ...BEGINNER, publications: 2, ir_publications: 1, abstracts: 3, ongoing: 1 };
/** The audit's finished portfolio, in the application year: nothing left in progress. */
const FINISHED_STRONG = {
  publications: 8,
  ir_publications: 3,
  first_author: 3,
  abstracts: 10,
  presentations: 3,
  ir_projects: 4,
  ongoing: 0,
  months_to_apply: 3,
};

describe.each(databaseKinds())('/assess on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(assessments);
    await harness.db.delete(openings);
    await harness.db.delete(guildSettings);
    harness.standIn.clear();
  });

  async function assess(options: Record<string, number | boolean>, actor = member()) {
    return expectEphemeral(await harness.command('assess', { options }, actor));
  }

  async function storedCount() {
    const [row] = await harness.db.select({ value: count() }).from(assessments);
    return row?.value ?? 0;
  }

  const field = (embed: APIEmbed, start: string) => embed.fields?.find((f) => f.name.startsWith(start));

  it('reads a beginner’s portfolio: level, progress, gaps, phase, late-start advice, context', async () => {
    const data = await assess(BEGINNER);
    const embed = data.embeds?.[0] as APIEmbed;
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.title).toBe('Your portfolio: Getting started');
    expect(embed.description).toMatch(/^No publications, accepted abstracts or projects in progress yet/);
    expect(field(embed, 'Progress toward Building momentum')?.value).toBe(
      '`▱▱▱▱▱▱▱▱▱▱` Publications, accepted abstracts or projects in progress: 0 of 1',
    );
    expect(field(embed, 'Gaps to Building momentum')?.value).toBe(
      '• Publications, accepted abstracts or projects in progress: 0 of 1 — for a beginner the guide asks for momentum and steady activity',
    );
    // Nothing done 10 months out: the groundwork of months 1–3 comes before the phase of the calendar.
    expect(field(embed, 'Next steps (Catch up: Months 1–3, Lay the groundwork)')?.value).toContain(
      '30–50 IR and radiology faculty',
    );
    expect(field(embed, 'Next steps')?.value).toContain('`/roadmap` lists every step to catch up on');
    expect(field(embed, 'Starting late')?.value).toContain('case reports and educational pieces');
    expect(field(embed, 'For context')?.value).toMatch(/only 11 people.*NRMP Charting Outcomes 2026/);
    expect(field(embed, 'Since')).toBeUndefined();
    // A reading against benchmarks, never odds of matching.
    expect(embedText(embed)).not.toMatch(/%|probability|chance|likel/i);
    expect(data.content).toBeUndefined();
  });

  it('stores every check with its inputs, level and time', async () => {
    await assess({ ...AT_BASELINE, months_to_apply: 20 });
    const stored = await findPreviousAssessment(harness.db, GUILD_A, member().userId);
    expect(stored).toMatchObject({
      guildId: GUILD_A,
      publications: 2,
      irPublications: 1,
      abstracts: 3,
      ongoing: 1,
      monthsToApply: 20,
      level: 'Competitive baseline',
      createdAt: harness.clock.now(),
    });
  });

  it('no late-start advice once at the baseline, nor more than 12 months out', async () => {
    const atBaseline = (await assess({ ...AT_BASELINE, months_to_apply: 6 })).embeds?.[0] as APIEmbed;
    expect(field(atBaseline, 'Starting late')).toBeUndefined();
    expect(field(atBaseline, 'For context')?.value).toMatch(/dedication to IR.*SIR 2023/);
    const early = (await assess({ ...BEGINNER, months_to_apply: 13 })).embeds?.[0] as APIEmbed;
    expect(field(early, 'Starting late')).toBeUndefined();
  });

  it('a finished strong portfolio is highly competitive: nothing in progress needed, no late-start box', async () => {
    const embed = (await assess(FINISHED_STRONG)).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Your portfolio: Highly competitive');
    expect(field(embed, 'Every benchmark of the highest level is met')).toBeDefined();
    expect(field(embed, 'Starting late')).toBeUndefined();
    expect(embedText(embed)).not.toMatch(/case reports/i);
  });

  it('every paper first-author is not highly competitive, and the reply says the co-author paper is missing', async () => {
    const embed = (await assess({ ...FINISHED_STRONG, first_author: 8, ongoing: 1 })).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Your portfolio: Competitive baseline');
    expect(field(embed, 'Gaps to Highly competitive')?.value).toBe(
      '• Co-author publications (not first author): 0 of 1 — the guide describes a mix of first-author and co-author papers',
    );
  });

  it('a baseline without an IR or radiology paper is still the baseline, with that paper first among what would strengthen it', async () => {
    const embed = (await assess({ ...AT_BASELINE, ir_publications: 0 })).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Your portfolio: Competitive baseline');
    expect(embed.fields?.[0]).toEqual({
      name: 'What would strengthen your competitive baseline profile',
      value:
        '• IR- or radiology-related publications: 0 of 1 — the guide prefers at least one, but does not require it',
    });
    expect(field(embed, 'Gaps to Highly competitive')?.value).not.toContain('IR- or radiology-related');
  });

  it('projects in progress alone are momentum, not "nothing on the record"', async () => {
    const embed = (await assess({ ...BEGINNER, ongoing: 1 })).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Your portfolio: Building momentum');
    expect(embed.description).toMatch(/^You have work under way or on the record/);
    expect(embedText(embed)).not.toMatch(/nothing on the record/i);
  });

  it('shows the change since this member’s previous check in this guild, with its date', async () => {
    const first = harness.clock.now();
    await assess({ ...BEGINNER, publications: 1, abstracts: 1 });
    // Another guild and another member must not count as "previous".
    await assess(AT_BASELINE, member(undefined, GUILD_B));
    await assess(BEGINNER, member('300000000000000002'));
    harness.clock.advance(30 * DAY);
    const embed = (await assess(AT_BASELINE)).embeds?.[0] as APIEmbed;
    const change = field(embed, 'Since your last check');
    const seconds = Math.floor(first.getTime() / 1000);
    expect(change?.value.split('\n')).toEqual([
      `Checked <t:${seconds}:D> (<t:${seconds}:R>)`,
      'Level: Building momentum → **Competitive baseline**',
      'Publications: 1 → 2 (+1)',
      'IR/radiology publications: 0 → 1 (+1)',
      'Abstracts or posters: 1 → 3 (+2)',
      'Projects in progress: 0 → 1 (+1)',
    ]);
    expect(await storedCount()).toBe(4);
  });

  it.each([
    ['ir_publications', { ...BEGINNER, publications: 1, ir_publications: 2 }],
    ['first_author', { ...BEGINNER, first_author: 1 }],
  ])('inconsistent %s: names the inconsistency and stores nothing', async (option, options) => {
    const data = await assess(options);
    expect(data.embeds).toBeUndefined();
    expect(data.content).toContain(`\`${option}\``);
    expect(data.content).toContain('nothing was saved');
    expect(await storedCount()).toBe(0);
  });

  it('an out-of-range value that got past Discord is refused and nothing is stored', async () => {
    const data = await assess({ ...BEGINNER, ir_projects: 51, share: true });
    expect(data.content).toBe('`ir_projects` can be at most 50.');
    expect(await storedCount()).toBe(0);
    expect(harness.standIn.requests).toEqual([]);
  });

  describe('share', () => {
    it('posts level and counts, never the gaps, with no mentions allowed', async () => {
      await updateGuildSettings(
        harness.db,
        GUILD_A,
        { assessmentsChannelId: ASSESSMENTS_CHANNEL },
        harness.clock.now(),
      );
      const data = await assess({ ...AT_BASELINE, first_author: 1, share: true });
      expect(data.content).toBe(`Shared your level and counts in <#${ASSESSMENTS_CHANNEL}>.`);
      const posts = harness.standIn.find('POST', new RegExp(`^/channels/${ASSESSMENTS_CHANNEL}/messages$`));
      expect(posts).toHaveLength(1);
      const body = posts[0]?.body as { embeds: APIEmbed[]; allowed_mentions: unknown; content?: string };
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds).toHaveLength(1);
      const summary = body.embeds[0] as APIEmbed;
      expect(embedProblems(summary)).toEqual([]);
      expect(summary.title).toBe('Portfolio check: Competitive baseline');
      expect(summary.description).toContain(`<@${member().userId}>`);
      expect(summary.fields?.[0]?.value.split('\n')).toEqual([
        'Publications: 2',
        'IR/radiology publications: 1',
        'First-author publications: 1',
        'Abstracts or posters: 3',
        'Presentations at meetings: 0',
        'IR projects: 0',
        'Projects in progress: 1',
      ]);
      expect(embedText(summary)).not.toMatch(/gap|of 4|month/i);
    });

    it('without an assessments channel the check is stored and the reply says how to set one', async () => {
      const data = await assess({ ...BEGINNER, share: true });
      expect(data.content).toContain('`/config assessments`');
      expect(data.embeds?.[0]?.title).toBe('Your portfolio: Getting started');
      expect(harness.standIn.find('POST', /^\/channels\//)).toEqual([]);
      expect(await storedCount()).toBe(1);
    });

    it('a failed post keeps the check and says sharing failed', async () => {
      await updateGuildSettings(
        harness.db,
        GUILD_A,
        { assessmentsChannelId: ASSESSMENTS_CHANNEL },
        harness.clock.now(),
      );
      harness.standIn.on(
        'POST',
        /\/messages$/,
        () => ({
          status: 403,
          body: { message: 'Missing Access', code: 50001 },
        }),
        1,
      );
      const data = await assess({ ...BEGINNER, share: true });
      expect(data.content).toContain(`sharing it in <#${ASSESSMENTS_CHANNEL}> failed`);
      expect(data.content).toContain('missing a permission');
      expect(data.embeds?.[0]?.title).toBe('Your portfolio: Getting started');
      expect(await storedCount()).toBe(1);
    });
  });

  describe('openings that fit the biggest gap', () => {
    let sequence = 0;
    /** `minutesAgo` sets when it was opened, so the order of inserts says nothing about recency. */
    async function addOpening(values: Partial<typeof openings.$inferInsert> = {}, minutesAgo = 60) {
      sequence += 1;
      const openedAt = new Date(harness.clock.now().getTime() - minutesAgo * 60_000);
      const [row] = await harness.db
        .insert(openings)
        .values({
          guildId: GUILD_A,
          authorId: '300000000000000050',
          title: `Opening ${sequence}`,
          institution: 'Example University Hospital',
          kind: 'case_report',
          focus: 'ir',
          remote: true,
          role: 'entry',
          description: 'Help wanted.',
          contact: 'mentor@example.org',
          expiresAt: new Date(harness.clock.now().getTime() + 10 * DAY),
          createdAt: openedAt,
          openedAt,
          ...values,
        })
        .returning();
      if (!row) throw new Error('no row');
      return row;
    }

    it('suggests up to three open IR openings at the member’s role level, newest first', async () => {
      const newest = await addOpening({ title: 'Newest IR entry' }, 1);
      await addOpening({ title: 'Oldest IR entry' }, 40);
      const newer = await addOpening({ title: 'Newer IR entry' }, 10);
      const older = await addOpening({ title: 'Older IR entry', kind: 'retrospective', remote: false }, 20);
      await addOpening({ title: 'Filled', status: 'filled' });
      await addOpening({
        title: 'Past expiry, not swept yet',
        expiresAt: new Date(harness.clock.now().getTime() - 1),
      });
      await addOpening({ title: 'Other guild', guildId: GUILD_B });
      await addOpening({ title: 'Cardiology', focus: 'other_specialty' });
      await addOpening({ title: 'Intermediate', role: 'intermediate' });

      const suggested = await suggestOpenOpenings(harness.db, GUILD_A, {
        focus: 'ir',
        role: 'entry',
        limit: 3,
        now: harness.clock.now(),
      });
      expect(suggested.map((row) => row.id)).toEqual([newest.id, newer.id, older.id]);

      const embed = (await assess(BEGINNER)).embeds?.[0] as APIEmbed;
      const list = field(embed, 'Openings that fit (IR, entry level)');
      expect(list?.value.split('\n')).toEqual([
        '• **Newest IR entry**, Example University Hospital (case report, remote)',
        '• **Newer IR entry**, Example University Hospital (case report, remote)',
        '• **Older IR entry**, Example University Hospital (retrospective, on site)',
        'Details and contacts: `/opening list`',
      ]);
    });

    it('any focus fits when IR work exists and the gap is elsewhere; the role follows publications', async () => {
      const cardiology = await addOpening({
        title: 'Cardiology registry',
        focus: 'other_specialty',
        role: 'intermediate',
      });
      await addOpening({ title: 'IR entry' });
      const embed = (await assess({ ...AT_BASELINE, abstracts: 0 })).embeds?.[0] as APIEmbed;
      const list = field(embed, 'Openings that fit (intermediate level)');
      expect(list?.value).toContain(cardiology.title);
      expect(list?.value).not.toContain('IR entry');
    });

    it('says so when nothing fits', async () => {
      await addOpening({ role: 'advanced' });
      const embed = (await assess(BEGINNER)).embeds?.[0] as APIEmbed;
      expect(field(embed, 'Openings that fit')?.value).toContain('None open in this server right now');
    });
  });

  it('the fullest reply still fits Discord’s embed limits', async () => {
    await updateGuildSettings(
      harness.db,
      GUILD_A,
      { assessmentsChannelId: ASSESSMENTS_CHANNEL },
      harness.clock.now(),
    );
    for (let index = 0; index < 3; index++) {
      await harness.db.insert(openings).values({
        guildId: GUILD_A,
        authorId: '300000000000000050',
        title: 'T'.repeat(120),
        institution: 'I'.repeat(120),
        kind: 'quality_improvement',
        focus: 'ir',
        remote: false,
        role: 'intermediate',
        description: 'x',
        contact: 'a@example.org',
        expiresAt: new Date(harness.clock.now().getTime() + DAY),
      });
    }
    await assess({ ...BEGINNER, publications: 3, first_author: 3, abstracts: 1 });
    harness.clock.advance(DAY);
    const data = await assess({ ...BEGINNER, publications: 1, ongoing: 2, months_to_apply: 0, share: true });
    const embed = data.embeds?.[0] as APIEmbed;
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.fields?.map((f) => f.name.split(' (')[0]?.split(':')[0])).toEqual([
      'Progress toward Competitive baseline',
      'Gaps to Competitive baseline',
      'Next steps',
      'Starting late',
      'Since your last check',
      'Openings that fit',
      'For context',
    ]);
    const rows = await harness.db.select().from(assessments).where(eq(assessments.guildId, GUILD_A));
    expect(rows).toHaveLength(2);
  });
});
