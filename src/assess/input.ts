import { z } from 'zod';
import { UserError } from '../errors.ts';
import { type OptionValue, parseOptions } from '../router/options.ts';
import type { PortfolioCounts } from './criteria.ts';
import { findInconsistencies } from './score.ts';

/** Ranges of the /assess options; the command definition and the server-side check share them. */
export const ASSESS_RANGES = {
  publications: { min: 0, max: 100 },
  ir_publications: { min: 0, max: 100 },
  first_author: { min: 0, max: 100 },
  abstracts: { min: 0, max: 100 },
  presentations: { min: 0, max: 100 },
  ir_projects: { min: 0, max: 50 },
  ongoing: { min: 0, max: 50 },
  months_to_apply: { min: 0, max: 60 },
} as const;

type RangedOption = keyof typeof ASSESS_RANGES;

const count = (name: RangedOption) => {
  const { min, max } = ASSESS_RANGES[name];
  return z
    .number({ error: `\`${name}\` is required and must be a whole number from ${min} to ${max}.` })
    .int({ error: `\`${name}\` must be a whole number from ${min} to ${max}.` })
    .min(min, { error: `\`${name}\` must be at least ${min}.` })
    .max(max, { error: `\`${name}\` can be at most ${max}.` });
};

const assessOptionsSchema = z.object({
  publications: count('publications'),
  ir_publications: count('ir_publications'),
  first_author: count('first_author'),
  abstracts: count('abstracts'),
  presentations: count('presentations'),
  ir_projects: count('ir_projects'),
  ongoing: count('ongoing'),
  months_to_apply: count('months_to_apply'),
  share: z.boolean({ error: '`share` must be true or false.' }).default(false),
});

interface AssessInput {
  counts: PortfolioCounts;
  monthsToApply: number;
  share: boolean;
}

/**
 * Validates the options again on the server (Discord's min/max can be bypassed by a forged
 * payload) and checks that the counts agree with each other. Throws a UserError naming the problem.
 */
export function parseAssessOptions(values: Record<string, OptionValue>): AssessInput {
  // Every problem at once: a member fixing one option at a time would have to run /assess again and again.
  const options = parseOptions(assessOptionsSchema, values, (issues) =>
    issues.map((issue) => issue.message).join('\n'),
  );
  const counts: PortfolioCounts = {
    publications: options.publications,
    irPublications: options.ir_publications,
    firstAuthor: options.first_author,
    abstracts: options.abstracts,
    presentations: options.presentations,
    irProjects: options.ir_projects,
    ongoing: options.ongoing,
  };
  const inconsistencies = findInconsistencies(counts);
  if (inconsistencies.length > 0) {
    throw new UserError(
      `These numbers do not add up, so nothing was saved:\n${inconsistencies.map((line) => `• ${line}`).join('\n')}`,
    );
  }
  return { counts, monthsToApply: options.months_to_apply, share: options.share };
}
