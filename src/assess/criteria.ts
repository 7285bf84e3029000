/**
 * The guide's tiers for an IMG applying to IR, as data. Each level lists everything it requires
 * (its own list, not inherited: the highly competitive tier asks for no projects in progress,
 * because finished work is what it describes), plus what the guide prefers but does not require.
 */

/** Plain counts of a portfolio: what /assess asks for, and what a list of portfolio items adds up to. */
export interface PortfolioCounts {
  /** Peer-reviewed papers, published or accepted. */
  publications: number;
  /** Of the publications, those about IR or radiology. */
  irPublications: number;
  /** Of the publications, those with the member as first author. */
  firstAuthor: number;
  /** Abstracts or posters accepted at a meeting. */
  abstracts: number;
  /** Posters or talks given at a national, international or regional IR meeting; an invited talk needs no abstract. */
  presentations: number;
  /** IR-specific projects at any stage, finished or running. */
  irProjects: number;
  /** Projects of any kind in progress now. */
  ongoing: number;
}

export type CountKey = keyof PortfolioCounts;

export const LEVELS = [
  'Getting started',
  'Building momentum',
  'Competitive baseline',
  'Highly competitive',
] as const;
export type LevelName = (typeof LEVELS)[number];

export interface Criterion {
  id: string;
  /** Shown in progress bars and gap lines: "<label>: 0 of 1". */
  label: string;
  target: number;
  /** The counts this criterion reads, so a caller knows which count serves which criterion. */
  reads: readonly CountKey[];
  measure(counts: PortfolioCounts): number;
  /** What the guide says, shown next to a gap so the member sees why it is asked for. */
  why: string;
  /** Whether the criterion is about IR work, which steers opening suggestions toward IR. */
  isIrWork: boolean;
}

function countOf(key: CountKey, label: string, target: number, why: string, isIrWork = false): Criterion {
  return {
    id: `${key}>=${target}`,
    label,
    target,
    reads: [key],
    measure: (counts) => counts[key],
    why,
    isIrWork,
  };
}

const momentum: Criterion = {
  id: 'publications+abstracts+ongoing>=1',
  label: 'Publications, accepted abstracts or projects in progress',
  target: 1,
  reads: ['publications', 'abstracts', 'ongoing'],
  measure: (counts) => counts.publications + counts.abstracts + counts.ongoing,
  why: 'for a beginner the guide asks for momentum and steady activity',
  isIrWork: false,
};

const severalAbstracts = countOf(
  'abstracts',
  'Abstracts or posters accepted',
  3,
  'the guide asks for "several" at reputable meetings',
);

const coAuthor: Criterion = {
  id: 'publications-firstAuthor>=1',
  label: 'Co-author publications (not first author)',
  target: 1,
  reads: ['publications', 'firstAuthor'],
  measure: (counts) => counts.publications - counts.firstAuthor,
  why: 'the guide describes a mix of first-author and co-author papers',
  isIrWork: false,
};

const irPublication = countOf(
  'irPublications',
  'IR- or radiology-related publications',
  1,
  'the guide prefers at least one, but does not require it',
  true,
);

export interface LevelRules {
  /** All of these, and the level is reached. */
  required: readonly Criterion[];
  /** Never a gate: shown as what would strengthen the level once it is reached. */
  preferred: readonly Criterion[];
}

export const LEVEL_RULES: Readonly<Record<LevelName, LevelRules>> = {
  'Getting started': { required: [], preferred: [] },
  'Building momentum': { required: [momentum], preferred: [] },
  'Competitive baseline': {
    required: [
      countOf('publications', 'Peer-reviewed publications', 2, 'the guide’s baseline is 2–3'),
      severalAbstracts,
      countOf('ongoing', 'Projects in progress', 1, 'the baseline includes a record of ongoing work'),
    ],
    preferred: [irPublication],
  },
  'Highly competitive': {
    required: [
      countOf('publications', 'Peer-reviewed publications', 4, 'the guide’s highly competitive range is 4–8'),
      countOf('firstAuthor', 'First-author publications', 1, coAuthor.why),
      coAuthor,
      countOf('irProjects', 'IR-specific projects', 2, 'the guide asks for more than one', true),
      countOf(
        'presentations',
        'Presentations at national, international or regional IR meetings',
        2,
        'the guide names presentations, plural, at meetings such as SIR, RSNA or CIRSE',
      ),
      severalAbstracts,
    ],
    preferred: [irPublication],
  },
};

/** Whether the counts meet every requirement of a level. Pure. */
export function meetsLevel(level: LevelName, counts: PortfolioCounts): boolean {
  return LEVEL_RULES[level].required.every((criterion) => criterion.measure(counts) >= criterion.target);
}

/** The highest level whose requirements the counts meet. Pure. */
export function levelFor(counts: PortfolioCounts): LevelName {
  for (let index = LEVELS.length - 1; index > 0; index -= 1) {
    const level = LEVELS[index] as LevelName;
    if (meetsLevel(level, counts)) return level;
  }
  return LEVELS[0];
}

export interface CriterionUse {
  level: LevelName;
  criterion: Criterion;
  preferred: boolean;
}

/** Every criterion, at every level, that reads this count: what adding one item of it can move. */
export function criteriaReading(key: CountKey): CriterionUse[] {
  return LEVELS.flatMap((level) => [
    ...LEVEL_RULES[level].required.map((criterion) => ({ level, criterion, preferred: false })),
    ...LEVEL_RULES[level].preferred.map((criterion) => ({ level, criterion, preferred: true })),
  ]).filter((use) => use.criterion.reads.includes(key));
}

/** A level name as stored or sent, if it is one; anything else is unknown (null). */
export function levelNamed(value: unknown): LevelName | null {
  return LEVELS.find((level) => level === value) ?? null;
}

/** Short names of the counts, for the change since the last check and the shared summary. */
export const COUNT_LABELS: Readonly<Record<CountKey, string>> = {
  publications: 'Publications',
  irPublications: 'IR/radiology publications',
  firstAuthor: 'First-author publications',
  abstracts: 'Abstracts or posters',
  presentations: 'Presentations at meetings',
  irProjects: 'IR projects',
  ongoing: 'Projects in progress',
};
