import type { openingFocuses, openingRoles } from '../db/schema/openings.ts';
import type { PortfolioCounts } from './criteria.ts';
import type { Scoring } from './score.ts';

export interface OpeningFit {
  /** 'ir' when IR work is what is missing; otherwise any focus fits. */
  focus?: (typeof openingFocuses)[number];
  role: (typeof openingRoles)[number];
}

/** The guide's ladder of involvement, read from how much the member has published. */
export function roleFromExperience(publications: number): OpeningFit['role'] {
  if (publications === 0) return 'entry';
  return publications <= 3 ? 'intermediate' : 'advanced';
}

/**
 * Which openings fit the member's biggest gap: IR ones when they have no IR work yet or the
 * biggest gap is IR work, at the role level their experience suggests.
 */
export function openingFitFor(counts: PortfolioCounts, scoring: Scoring): OpeningFit {
  const hasNoIrWork = counts.irPublications === 0 && counts.irProjects === 0;
  const role = roleFromExperience(counts.publications);
  return hasNoIrWork || scoring.biggestGap?.isIrWork ? { focus: 'ir', role } : { role };
}
