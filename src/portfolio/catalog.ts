import type {
  meetingLevels,
  portfolioKinds,
  portfolioRoles,
  portfolioStatuses,
} from '../db/schema/portfolio.ts';

export type PortfolioKind = (typeof portfolioKinds)[number];
export type PortfolioStatus = (typeof portfolioStatuses)[number];
export type PortfolioRole = (typeof portfolioRoles)[number];
export type MeetingLevel = (typeof meetingLevels)[number];

/** Kinds go through one of three lifecycles: a written paper, a meeting abstract, or a project. */
export type KindGroup = 'paper' | 'abstract' | 'project';

export const KIND_GROUPS: Readonly<Record<PortfolioKind, KindGroup>> = {
  original_research: 'paper',
  case_report: 'paper',
  review: 'paper',
  technical_note: 'paper',
  letter: 'paper',
  book_chapter: 'paper',
  educational: 'paper',
  abstract: 'abstract',
  oral_presentation: 'abstract',
  project: 'project',
};

/** The statuses each lifecycle goes through, in order. */
export const GROUP_STATUSES: Readonly<Record<KindGroup, readonly PortfolioStatus[]>> = {
  paper: ['in_preparation', 'submitted', 'accepted', 'in_press', 'published'],
  abstract: ['submitted', 'accepted', 'presented'],
  project: ['idea', 'data_collection', 'analysis', 'writing', 'done'],
};

export const KIND_LABELS: Readonly<Record<PortfolioKind, string>> = {
  original_research: 'Original research',
  case_report: 'Case report or series',
  review: 'Review or pictorial essay',
  technical_note: 'Technical note',
  letter: 'Letter or short communication',
  book_chapter: 'Book chapter',
  educational: 'Educational resource',
  abstract: 'Abstract or poster',
  oral_presentation: 'Oral presentation',
  project: 'Project',
};

export const STATUS_LABELS: Readonly<Record<PortfolioStatus, string>> = {
  in_preparation: 'In preparation',
  submitted: 'Submitted',
  accepted: 'Accepted',
  in_press: 'In press',
  published: 'Published',
  presented: 'Presented',
  idea: 'Idea',
  data_collection: 'Data collection',
  analysis: 'Analysis',
  writing: 'Writing',
  done: 'Done',
};

export const ROLE_LABELS: Readonly<Record<PortfolioRole, string>> = {
  entry: 'Entry',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

/** The rungs of the ladder of involvement, in the project's own words. */
export const ROLE_DESCRIPTIONS: Readonly<Record<PortfolioRole, string>> = {
  entry: 'charts and data collection, chart review, literature searches',
  intermediate: 'drafting sections, tables and figures, IRB paperwork, submitting abstracts',
  advanced: 'the idea itself, the analysis, first authorship, presenting',
};

export const MEETING_LEVEL_LABELS: Readonly<Record<MeetingLevel, string>> = {
  local: 'Local',
  regional: 'Regional',
  national: 'National',
  international: 'International',
};

/** Shown next to the choices, so members place the big IR meetings without guessing. */
export const MEETING_LEVEL_EXAMPLES: Readonly<Record<MeetingLevel, string>> = {
  local: 'a hospital or university research day',
  regional: 'a regional IR society meeting',
  national: 'a country’s national meeting, such as SIR in the US',
  international: 'RSNA, CIRSE and other meetings drawing many countries',
};

export function statusFitsKind(kind: PortfolioKind, status: PortfolioStatus): boolean {
  return GROUP_STATUSES[KIND_GROUPS[kind]].includes(status);
}

/** "submitted, accepted or presented": the statuses a kind may have, for error messages. */
export function describeStatusesOf(kind: PortfolioKind): string {
  const labels = GROUP_STATUSES[KIND_GROUPS[kind]].map((status) => STATUS_LABELS[status].toLowerCase());
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

/** The statuses the item's kind goes through, for the status option's suggestions and the nudge menu. */
export function statusesFor(item: { kind: PortfolioKind }): readonly PortfolioStatus[] {
  return GROUP_STATUSES[KIND_GROUPS[item.kind]];
}

/** Limits the issue sets: per member per server, and per title. */
export const PORTFOLIO_LIMITS = {
  itemsPerMember: 200,
  title: { min: 3, max: 200 },
  venue: { max: 200 },
  roleDetail: { max: 200 },
  link: { max: 300 },
} as const;
