import type { openingFocuses, openingRoles } from '../db/schema/openings.ts';
import type { PortfolioCounts } from './criteria.ts';
import type { Scoring } from './score.ts';

export type RoleLevel = (typeof openingRoles)[number];

export interface OpeningFit {
  /** 'ir' when IR work is what is missing; otherwise any focus fits. */
  focus?: (typeof openingFocuses)[number];
  role: RoleLevel;
}

/**
 * The rung of the guide's ladder of involvement the member's record shows. Writing as first author
 * is an advanced role; drafting and submitting abstracts are intermediate ones, and a publication
 * or an accepted abstract shows the member has done them; otherwise they start at entry-level tasks.
 */
export function roleFromLadder(
  counts: Pick<PortfolioCounts, 'publications' | 'firstAuthor' | 'abstracts'>,
): RoleLevel {
  if (counts.firstAuthor >= 1) return 'advanced';
  return counts.publications >= 1 || counts.abstracts >= 1 ? 'intermediate' : 'entry';
}

/**
 * Which openings fit the member's biggest gap: IR ones when they have no IR work yet or the
 * biggest gap is IR work, at the rung of the ladder their record shows.
 */
export function openingFitFor(counts: PortfolioCounts, scoring: Scoring): OpeningFit {
  const hasNoIrWork = counts.irPublications === 0 && counts.irProjects === 0;
  const role = roleFromLadder(counts);
  return hasNoIrWork || scoring.biggestGap?.isIrWork ? { focus: 'ir', role } : { role };
}
