import {
  type Criterion,
  LEVEL_RULES,
  LEVELS,
  type LevelName,
  levelFor,
  type PortfolioCounts,
} from './criteria.ts';

export interface CriterionProgress {
  id: string;
  label: string;
  current: number;
  target: number;
  met: boolean;
  /** A preference of the guide, never a requirement. */
  preferred: boolean;
  why: string;
  isIrWork: boolean;
}

export interface Scoring {
  level: LevelName;
  /** Null at the highest level. */
  nextLevel: LevelName | null;
  /** Every criterion of the next level (of the highest level once it is reached), preferences last. */
  progress: CriterionProgress[];
  /** The requirements of the next level not met yet, in the order of `progress`. */
  gaps: CriterionProgress[];
  /** What the guide prefers at the level reached and the member lacks: strengthens it, never a gate. */
  strengthen: CriterionProgress[];
  /** The requirement furthest from its target (relative to the target); the first one on a tie. */
  biggestGap: CriterionProgress | null;
}

function progressOf(criterion: Criterion, counts: PortfolioCounts, preferred: boolean): CriterionProgress {
  const current = criterion.measure(counts);
  return {
    id: criterion.id,
    label: criterion.label,
    current,
    target: criterion.target,
    met: current >= criterion.target,
    preferred,
    why: criterion.why,
    isIrWork: criterion.isIrWork,
  };
}

function progressTo(level: LevelName, counts: PortfolioCounts): CriterionProgress[] {
  const { required, preferred } = LEVEL_RULES[level];
  return [
    ...required.map((criterion) => progressOf(criterion, counts, false)),
    ...preferred.map((criterion) => progressOf(criterion, counts, true)),
  ];
}

/** Reads counts against the guide's tiers. Pure: the same counts always give the same reading. */
export function scorePortfolio(counts: PortfolioCounts): Scoring {
  const level = levelFor(counts);
  const nextLevel = LEVELS[LEVELS.indexOf(level) + 1] ?? null;
  const progress = progressTo(nextLevel ?? level, counts);
  const gaps = progress.filter((item) => !item.met && !item.preferred);
  const strengthen = progressTo(level, counts).filter((item) => item.preferred && !item.met);
  let biggestGap: CriterionProgress | null = null;
  for (const gap of gaps) {
    if (!biggestGap || shortfall(gap) > shortfall(biggestGap)) biggestGap = gap;
  }
  return { level, nextLevel, progress, gaps, strengthen, biggestGap };
}

function shortfall(item: CriterionProgress): number {
  return (item.target - item.current) / item.target;
}

export function isBelowLevel(level: LevelName, threshold: LevelName): boolean {
  return LEVELS.indexOf(level) < LEVELS.indexOf(threshold);
}

/** "Abstracts or posters accepted: 1 of 3" */
export function describeGap(item: CriterionProgress): string {
  return `${item.label}: ${item.current} of ${item.target}`;
}

/** "Co-author publications (not first author): 0 of 1 — the guide describes a mix…" */
export function explainGap(item: CriterionProgress): string {
  return `${describeGap(item)} — ${item.why}`;
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
  return problems;
}
