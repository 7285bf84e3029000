import { describe, expect, it } from 'vitest';
import { levelFor } from '../src/assess/criteria.ts';
import { parseAssessOptions } from '../src/assess/input.ts';
import { UserError } from '../src/errors.ts';
import profiles from './fixtures/assess-independent-profiles.json' with { type: 'json' };

/**
 * 80 applicant profiles written from the guide and the level table by a helper who never saw
 * src/assess: a member's own story, the counts it gives, and the level (or refusal) expected.
 * Boundary cases sit exactly at each threshold or one short of it.
 */
const EXPECTED_LEVEL = {
  'getting-started': 'Getting started',
  'building-momentum': 'Building momentum',
  'competitive-baseline': 'Competitive baseline',
  'highly-competitive': 'Highly competitive',
} as const;

function outcome(counts: (typeof profiles)[number]['counts']): string {
  try {
    return levelFor(parseAssessOptions(counts).counts);
  } catch (error) {
    if (error instanceof UserError) return 'refused';
    throw error;
  }
}

describe('/assess on profiles written without seeing the code', () => {
  it.each(profiles.map((profile) => [profile.id, profile] as const))('%s', (_id, profile) => {
    const expected =
      profile.expected === 'refused'
        ? 'refused'
        : EXPECTED_LEVEL[profile.expected as keyof typeof EXPECTED_LEVEL];
    expect(outcome(profile.counts), `${profile.story}\n(${profile.reason})`).toBe(expected);
  });
});
