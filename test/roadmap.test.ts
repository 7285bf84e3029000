import { type APIEmbed, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVELS, type LevelName } from '../src/assess/criteria.ts';
import { ROADMAP_PHASES, type RoadmapPhaseId } from '../src/content/roadmap.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { needsLateStartAdvice, phaseFor, roadmapPlan } from '../src/roadmap/phase.ts';
import { renderRoadmapEmbed } from '../src/roadmap/render.ts';
import { GUILD_B, member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { expectEphemeral } from './helpers/responses.ts';

describe('phaseFor: every phase boundary', () => {
  it.each([
    [0, 'months-19-24', false, null],
    [6, 'months-19-24', false, null],
    [7, 'months-10-18', false, 'months-19-24'],
    [15, 'months-10-18', false, 'months-19-24'],
    [16, 'months-4-9', false, 'months-10-18'],
    [21, 'months-4-9', false, 'months-10-18'],
    [22, 'months-1-3', false, 'months-4-9'],
    [24, 'months-1-3', false, 'months-4-9'],
    [25, 'months-1-3', true, 'months-4-9'],
    [60, 'months-1-3', true, 'months-4-9'],
  ] as Array<[number, RoadmapPhaseId, boolean, RoadmapPhaseId | null]>)(
    '%i months to apply → %s (not started yet: %s), next %s',
    (months, phase, notStartedYet, next) => {
      const reading = phaseFor(months);
      expect(reading.phase.id).toBe(phase);
      expect(reading.notStartedYet).toBe(notStartedYet);
      expect(reading.next?.id ?? null).toBe(next);
    },
  );
});

describe('late-start advice', () => {
  it.each([
    [12, true, true],
    [0, true, true],
    [13, true, false],
    [12, false, false],
  ])('%i months, below baseline %s → %s', (months, below, expected) => {
    expect(needsLateStartAdvice(months, below)).toBe(expected);
  });
});

describe('roadmapPlan: by progress as well as by time', () => {
  it.each([
    // months, level, phases to catch up on first, late-start advice
    [12, 'Getting started', ['months-1-3', 'months-4-9'], true],
    [12, 'Building momentum', ['months-4-9'], true],
    [12, 'Competitive baseline', [], false],
    [12, 'Highly competitive', [], false],
    [3, 'Getting started', ['months-1-3', 'months-4-9', 'months-10-18'], true],
    [3, 'Building momentum', ['months-4-9', 'months-10-18'], true],
    [3, 'Highly competitive', [], false],
    [13, 'Getting started', ['months-1-3', 'months-4-9'], false],
    [18, 'Getting started', ['months-1-3'], false],
    [18, 'Building momentum', [], false],
    [22, 'Getting started', [], false],
    [30, 'Getting started', [], false],
    [12, null, [], false],
    [0, null, [], false],
  ] as Array<[number, LevelName | null, RoadmapPhaseId[], boolean]>)(
    '%i months, %s → catch up on %j, late start %s',
    (months, level, catchUp, lateStart) => {
      const plan = roadmapPlan(months, level);
      expect(plan.phase.id).toBe(phaseFor(months).phase.id);
      expect(plan.catchUp.map((phase) => phase.id)).toEqual(catchUp);
      expect(plan.lateStart).toBe(lateStart);
    },
  );
});

describe('roadmap content', () => {
  it('every phase has a checklist, and every rendering fits in an embed', () => {
    for (const phase of ROADMAP_PHASES) expect(phase.checklist.length).toBeGreaterThanOrEqual(3);
    for (let months = 0; months <= 60; months++) {
      for (const level of [null, ...LEVELS]) {
        const embed = renderRoadmapEmbed(months, roadmapPlan(months, level), level ? 'option' : null);
        expect(embedProblems(embed)).toEqual([]);
        expect(embed.footer?.text).toContain('12–24 month roadmap');
      }
    }
  });
});

describe('/roadmap', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  async function roadmap(months: number | string, extra: Record<string, string> = {}, actor = member()) {
    return expectEphemeral(
      await harness.command('roadmap', { options: { months_to_apply: months, ...extra } }, actor),
    );
  }

  it('shows the phase, its checklist and a preview of the next phase', async () => {
    const embed = (await roadmap(18)).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Months 4–9: Get onto projects');
    expect(embed.description).toContain('You apply in 18 months.');
    expect(embed.fields?.[0]?.value).toContain('☐ Join one to three projects');
    expect(embed.fields?.[1]?.name).toBe('Next: Months 10–18, Shift toward IR');
    expect(embed.fields?.[1]?.value).toContain('Move onto IR-focused projects');
  });

  it('12 months out with nothing done: the earlier phases as a catch-up list first, then this phase, then the late-start advice', async () => {
    const embed = (await roadmap(12, { level: 'Getting started' })).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Months 10–18: Shift toward IR');
    expect(embed.description).toContain(
      'Read for your level, Getting started. Catch up on the earlier steps first',
    );
    expect(embed.fields?.map((field) => field.name)).toEqual([
      'Catch up: Months 1–3, Lay the groundwork',
      'Catch up: Months 4–9, Get onto projects',
      'Checklist',
      'Starting late',
      'Next: Months 19–24, Application year',
    ]);
    expect(embed.fields?.[0]?.value).toContain('30–50 IR and radiology faculty');
    expect(embed.fields?.[2]?.value).toContain('☐ Move onto IR-focused projects');
    expect(embed.fields?.[3]?.value).toContain('case reports and educational pieces');
  });

  it('without a level, reads the latest /assess in this server, and only this server', async () => {
    const assessed = member('300000000000000009');
    const withoutLevel = (await roadmap(12, {}, assessed)).embeds?.[0] as APIEmbed;
    expect(withoutLevel.fields?.[0]?.name).toBe('Checklist');
    expect(withoutLevel.description).toContain('Give your `level`, or run `/assess`');

    await harness.command('assess', { options: { ...BEGINNER, ongoing: 1, months_to_apply: 12 } }, assessed);
    const fromAssessment = (await roadmap(12, {}, assessed)).embeds?.[0] as APIEmbed;
    expect(fromAssessment.description).toContain(
      'Read for your level, Building momentum (from your latest `/assess` in this server)',
    );
    expect(fromAssessment.fields?.[0]?.name).toBe('Catch up: Months 4–9, Get onto projects');

    const elsewhere = (await roadmap(12, {}, member(assessed.userId, GUILD_B))).embeds?.[0] as APIEmbed;
    expect(elsewhere.fields?.[0]?.name).toBe('Checklist');

    const given = (await roadmap(12, { level: 'Highly competitive' }, assessed)).embeds?.[0] as APIEmbed;
    expect(given.description).toContain('Read for your level, Highly competitive.');
    expect(given.fields?.map((field) => field.name)).toEqual([
      'Checklist',
      'Next: Months 19–24, Application year',
    ]);
  });

  it('refuses a level that is not one of the four', async () => {
    const data = await roadmap(12, { level: 'Superstar' });
    expect(data.content).toBe(
      '`level` must be one of: Getting started, Building momentum, Competitive baseline, Highly competitive.',
    );
    expect(data.embeds).toBeUndefined();
  });

  it('more than two years out: begin the first phase now', async () => {
    const embed = (await roadmap(30)).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Not started yet: begin with months 1–3 now');
    expect(embed.fields?.[0]?.name).toBe('Checklist for Months 1–3');
    expect(embed.fields?.[0]?.value).toContain('30–50 IR and radiology faculty');
    expect(embed.fields?.[1]?.name).toBe('Next: Months 4–9, Get onto projects');
  });

  it('in the application year there is no further phase', async () => {
    const embed = (await roadmap(0)).embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('Months 19–24: Application year');
    expect(embed.description).toContain('You apply this month.');
    expect(embed.fields?.[1]?.name).toBe('Next: your application');
  });

  it.each([61, -1, 3.5, 'soon'])(
    'refuses months_to_apply %s sent past Discord’s own checks',
    async (value) => {
      const data = await roadmap(value);
      expect(data.content).toBe('`months_to_apply` must be a whole number from 0 to 60.');
      expect(data.embeds).toBeUndefined();
    },
  );

  it('works in direct messages', async () => {
    const response = await harness.command(
      'roadmap',
      { options: { months_to_apply: 10 } },
      member(undefined, null),
    );
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('no message');
    expect(response.data.embeds?.[0]?.title).toBe('Months 10–18: Shift toward IR');
    const withLevel = await harness.command(
      'roadmap',
      { options: { months_to_apply: 10, level: 'Getting started' } },
      member(undefined, null),
    );
    if (withLevel.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('no message');
    expect(withLevel.data.embeds?.[0]?.fields?.[0]?.name).toBe('Catch up: Months 1–3, Lay the groundwork');
  });
});
