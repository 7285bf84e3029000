import type { PortfolioCounts } from '../assess/criteria.ts';
import { KIND_GROUPS, type MeetingLevel, type PortfolioKind, type PortfolioStatus } from './catalog.ts';

/** What counting needs to know about an item. */
export interface CountableItem {
  id: number;
  title: string;
  kind: PortfolioKind;
  status: PortfolioStatus;
  irRelated: boolean;
  firstAuthor: boolean;
  meetingLevel: MeetingLevel | null;
}

export interface CountsFromItems {
  counts: PortfolioCounts;
  /** For each count, the items behind it, in the order they were given. */
  countedItems: Record<keyof PortfolioCounts, CountableItem[]>;
}

const PUBLICATION_STATUSES: readonly PortfolioStatus[] = ['accepted', 'in_press', 'published'];
const ABSTRACT_STATUSES: readonly PortfolioStatus[] = ['accepted', 'presented'];

export function isPublication(item: CountableItem): boolean {
  return KIND_GROUPS[item.kind] === 'paper' && PUBLICATION_STATUSES.includes(item.status);
}

/** An abstract or poster taken by a meeting; an oral presentation (an invited talk, say) is not one. */
function isAcceptedAbstract(item: CountableItem): boolean {
  return item.kind === 'abstract' && ABSTRACT_STATUSES.includes(item.status);
}

/** Presented at a national or international meeting, or at a regional IR meeting. */
export function isCountedPresentation(item: CountableItem): boolean {
  if (KIND_GROUPS[item.kind] !== 'abstract' || item.status !== 'presented') return false;
  return (
    item.meetingLevel === 'national' ||
    item.meetingLevel === 'international' ||
    (item.meetingLevel === 'regional' && item.irRelated)
  );
}

/** Work still under way: a project not done, a paper not yet accepted, an abstract awaiting the meeting's answer. */
const IN_PROGRESS_STATUSES: readonly PortfolioStatus[] = [
  'idea',
  'data_collection',
  'analysis',
  'writing',
  'in_preparation',
  'submitted',
];

const RULES: Readonly<Record<keyof PortfolioCounts, (item: CountableItem) => boolean>> = {
  publications: isPublication,
  irPublications: (item) => isPublication(item) && item.irRelated,
  firstAuthor: (item) => isPublication(item) && item.firstAuthor,
  abstracts: isAcceptedAbstract,
  presentations: isCountedPresentation,
  irProjects: (item) => item.kind === 'project' && item.irRelated,
  // The guide's baseline asks for ongoing work of any kind: a case report being written counts.
  ongoing: (item) => IN_PROGRESS_STATUSES.includes(item.status),
};

/**
 * The /assess counts a portfolio adds up to, and which items each count rests on. The "of those"
 * publication counts are subsets by construction; presentations include oral presentations,
 * which are not abstracts.
 */
export function countsFromItems(items: readonly CountableItem[]): CountsFromItems {
  const countedItems = {} as CountsFromItems['countedItems'];
  const counts = {} as PortfolioCounts;
  for (const key of Object.keys(RULES) as Array<keyof PortfolioCounts>) {
    countedItems[key] = items.filter(RULES[key]);
    counts[key] = countedItems[key].length;
  }
  return { counts, countedItems };
}
