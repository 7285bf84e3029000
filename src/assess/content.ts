import type { LevelName } from './criteria.ts';

/** What each level means, in a sentence or two. */
export const LEVEL_SUMMARIES: Readonly<Record<LevelName, string>> = {
  'Getting started':
    'Nothing on the record yet, which is where every portfolio begins. One finished piece of work (a publication, an accepted abstract or an IR project) moves you up.',
  'Building momentum':
    'You have work on the record. Next comes the baseline the guide sets for a competitive IMG applicant in IR.',
  'Competitive baseline': 'You meet the baseline the guide sets for a competitive IMG applicant in IR.',
  'Highly competitive':
    'Your counts match what the guide calls a highly competitive profile. From here, the quality and IR relevance of your work and your own role in it matter more than adding numbers.',
};

export const NOT_A_PREDICTION =
  'This reads your counts against the guide\u2019s benchmarks; it does not predict whether you match.';

/** Sourced context from the project's reference notes; one line is shown with each check. */
export const CONTEXT_FACTS = {
  programDirectors:
    'IR program directors rank perceived dedication to IR and letters of recommendation highest, and put the number of publications and presentations far lower (SIR 2023 annual meeting survey, Matsumoto et al.).',
  matchedImgs2026:
    'In the 2026 Match, matched non-U.S. IMGs in IR (Integrated) reported on average 3.8 publications, 5.7 abstracts and 5.3 presentations, but that is only 11 people, and the 10 who did not match reported more publications (NRMP Charting Outcomes 2026).',
} as const;

/**
 * Below the baseline, members want to know what others brought; at or above it, the reminder that
 * numbers are not what program directors weigh most is the more useful one.
 */
export function contextLineFor(level: LevelName): string {
  return level === 'Getting started' || level === 'Building momentum'
    ? CONTEXT_FACTS.matchedImgs2026
    : CONTEXT_FACTS.programDirectors;
}
