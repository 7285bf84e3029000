import { type APIEmbed, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROADMAP_PHASES, type RoadmapPhaseId } from '../src/content/roadmap.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { needsLateStartAdvice, phaseFor } from '../src/roadmap/phase.ts';
import { renderRoadmapEmbed } from '../src/roadmap/render.ts';
import { member } from './helpers/actors.ts';
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

describe('roadmap content', () => {
  it('every phase has a checklist, and every rendering fits in an embed', () => {
    for (const phase of ROADMAP_PHASES) expect(phase.checklist.length).toBeGreaterThanOrEqual(3);
    for (let months = 0; months <= 60; months++) {
      expect(embedProblems(renderRoadmapEmbed(months, phaseFor(months)))).toEqual([]);
    }
  });
});

describe('/roadmap', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  async function roadmap(months: number | string) {
    return expectEphemeral(
      await harness.command('roadmap', { options: { months_to_apply: months } }, member()),
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
  });
});
