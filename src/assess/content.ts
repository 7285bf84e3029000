import type { LevelName } from './criteria.ts';
import type { ASSESS_RANGES } from './input.ts';

/** What each level means, in a sentence or two; each agrees with the level's rules in criteria.ts. */
export const LEVEL_SUMMARIES: Readonly<Record<LevelName, string>> = {
  'Getting started':
    'No publications, accepted abstracts or projects in progress yet: every portfolio starts here. A first paper, a first accepted abstract or a first project under way moves you up, because what the guide asks of a beginner is momentum and steady activity.',
  'Building momentum':
    'You have work under way or on the record: the momentum and steady activity the guide asks of a beginner. Next is the baseline it describes for a competitive IMG applicant in IR.',
  'Competitive baseline':
    'Your counts meet the baseline the guide describes for a competitive IMG applicant in IR. Counts are only part of the picture: programs also weigh how close your work is to IR and what your own role in it was.',
  'Highly competitive':
    'Your counts match what the guide calls a highly competitive profile; finished work counts in full, and nothing needs to be in progress. From here, the quality and IR relevance of your work and your own role in it matter more than adding numbers.',
};

export const NOT_A_PREDICTION =
  'This reads your counts against the guide\u2019s benchmarks; it does not predict whether you match.';

/** What each /assess option counts; the command's option texts, and what a portfolio item adds to. */
export const OPTION_DESCRIPTIONS: Readonly<Record<keyof typeof ASSESS_RANGES, string>> = {
  publications: 'Peer-reviewed papers, published or accepted',
  ir_publications: 'Of those publications, how many are IR- or radiology-related',
  first_author: 'Of those publications, how many you are first author on',
  abstracts: 'Abstracts or posters accepted at reputable meetings',
  presentations:
    'Posters or talks you gave at a national, international or regional IR meeting (invited talks count)',
  ir_projects: 'IR-specific projects you are part of, at any stage (finished or in progress)',
  ongoing: 'Projects of any kind in progress right now',
  months_to_apply: 'Months until you submit your residency application',
};

/** Sourced context, one line shown with each check; each names its source as members should read it. */
export const CONTEXT_FACTS = {
  programDirectors:
    'IR program directors rank perceived dedication to IR and letters of recommendation highest, and put the number of publications and presentations far lower (SIR 2023 annual meeting survey, Matsumoto et al.).',
  matchedImgs2026:
    'In the 2026 Match, matched non-U.S. IMGs in IR (Integrated) reported on average 3.8 publications, 5.7 abstracts and 5.3 presentations, but that is only 11 people, and the 10 who did not match reported more publications (NRMP Charting Outcomes 2026, as reported in a public summary).',
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
