import { type Criterion, LEVEL_CRITERIA, LEVELS, type LevelName, type PortfolioCounts } from './criteria.ts';

export interface CriterionProgress {
  id: string;
  label: string;
  current: number;
  target: number;
  met: boolean;
  isIrWork: boolean;
}

export interface Scoring {
  level: LevelName;
  /** Null at the highest level. */
  nextLevel: LevelName | null;
  /** Every criterion of the next level (of the highest level once it is reached). */
  progress: CriterionProgress[];
  /** The criteria of the next level not met yet, in the order of `progress`. */
  gaps: CriterionProgress[];
  /** The gap furthest from its target (relative to the target); the first one on a tie. */
  biggestGap: CriterionProgress | null;
}

function progressOf(criterion: Criterion, counts: PortfolioCounts): CriterionProgress {
  const current = criterion.measure(counts);
  return {
    id: criterion.id,
    label: criterion.label,
    current,
    target: criterion.target,
    met: current >= criterion.target,
    isIrWork: criterion.isIrWork,
  };
}

function meetsLevel(level: LevelName, counts: PortfolioCounts): boolean {
  return LEVEL_CRITERIA[level].every((criterion) => progressOf(criterion, counts).met);
}

/** Reads counts against the guide's benchmarks. Pure: the same counts always give the same reading. */
export function scorePortfolio(counts: PortfolioCounts): Scoring {
  let reached = 0;
  while (reached + 1 < LEVELS.length && meetsLevel(LEVELS[reached + 1] as LevelName, counts)) reached += 1;
  const level = LEVELS[reached] as LevelName;
  const nextLevel = LEVELS[reached + 1] ?? null;
  const progress = LEVEL_CRITERIA[nextLevel ?? level].map((criterion) => progressOf(criterion, counts));
  const gaps = progress.filter((item) => !item.met);
  let biggestGap: CriterionProgress | null = null;
  for (const gap of gaps) {
    if (!biggestGap || shortfall(gap) > shortfall(biggestGap)) biggestGap = gap;
  }
  return { level, nextLevel, progress, gaps, biggestGap };
}

function shortfall(item: CriterionProgress): number {
  return (item.target - item.current) / item.target;
}

export function isBelowLevel(level: LevelName, threshold: LevelName): boolean {
  return LEVELS.indexOf(level) < LEVELS.indexOf(threshold);
}

/** "IR- or radiology-related publications: 0 of 1" */
export function describeGap(item: CriterionProgress): string {
  return `${item.label}: ${item.current} of ${item.target}`;
}

/** Counts that contradict each other ("of those" options larger than what they are part of). */
export function findInconsistencies(counts: PortfolioCounts): string[] {
  const problems: string[] = [];
  if (counts.irPublications > counts.publications) {
    problems.push(
      `\`ir_publications\` (${counts.irPublications}) is more than \`publications\` (${counts.publications}): IR- or radiology-related publications are counted among your publications.`,
    );
  }
  if (counts.firstAuthor > counts.publications) {
    problems.push(
      `\`first_author\` (${counts.firstAuthor}) is more than \`publications\` (${counts.publications}): first-author papers are counted among your publications.`,
    );
  }
  if (counts.presentations > counts.abstracts) {
    problems.push(
      `\`presentations\` (${counts.presentations}) is more than \`abstracts\` (${counts.abstracts}): presentations are counted among your accepted abstracts or posters.`,
    );
  }
  return problems;
}
