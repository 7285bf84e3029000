/**
 * The guide's benchmarks for an IMG applying to IR, as data: each level lists everything it
 * requires, including what the levels below it require, so one list answers "what is missing".
 */

export interface PortfolioCounts {
  publications: number;
  irPublications: number;
  firstAuthor: number;
  abstracts: number;
  presentations: number;
  irProjects: number;
  ongoing: number;
}

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
  measure(counts: PortfolioCounts): number;
  /** Whether the criterion is about IR work, which steers opening suggestions toward IR. */
  isIrWork: boolean;
}

function countOf(key: keyof PortfolioCounts, label: string, target: number, isIrWork = false): Criterion {
  return { id: `${key}>=${target}`, label, target, measure: (counts) => counts[key], isIrWork };
}

const anyOutput: Criterion = {
  id: 'any_output>=1',
  label: 'Publications, abstracts or IR projects',
  target: 1,
  measure: (counts) => counts.publications + counts.abstracts + counts.irProjects,
  isIrWork: false,
};

const irPublications = countOf('irPublications', 'IR- or radiology-related publications', 1, true);
const abstracts = countOf('abstracts', 'Abstracts or posters accepted', 2);
const ongoing = countOf('ongoing', 'Projects in progress', 1);

/** What each level above "Getting started" requires, all at once. */
export const LEVEL_CRITERIA: Readonly<Record<LevelName, readonly Criterion[]>> = {
  'Getting started': [],
  'Building momentum': [anyOutput],
  'Competitive baseline': [
    countOf('publications', 'Peer-reviewed publications', 2),
    irPublications,
    abstracts,
    ongoing,
  ],
  // The baseline with its publication bar raised from 2 to 4, plus four criteria of its own.
  'Highly competitive': [
    countOf('publications', 'Peer-reviewed publications', 4),
    irPublications,
    abstracts,
    ongoing,
    countOf('firstAuthor', 'First-author publications', 1),
    countOf('presentations', 'Presentations at a national or international meeting', 1),
    countOf('irProjects', 'IR-specific projects', 2, true),
  ],
};

/** Short names of the counts, for the change since the last check and the shared summary. */
export const COUNT_LABELS: Readonly<Record<keyof PortfolioCounts, string>> = {
  publications: 'Publications',
  irPublications: 'IR/radiology publications',
  firstAuthor: 'First-author publications',
  abstracts: 'Abstracts or posters',
  presentations: 'National or international presentations',
  irProjects: 'IR projects',
  ongoing: 'Projects in progress',
};
