import type { PortfolioItem } from '../db/queries/portfolio-items.ts';
import { escapeInline } from '../discord/safe-text.ts';
import {
  KIND_GROUPS,
  KIND_LABELS,
  MEETING_LEVEL_LABELS,
  type MeetingLevel,
  type PortfolioStatus,
  ROLE_LABELS,
  STATUS_LABELS,
} from './catalog.ts';

/**
 * The portfolio laid out the way the guide advises for ERAS: IR work at the top of each section,
 * statuses kept apart, the member's role on every line, national and international meetings before
 * local ones, and "in preparation" only for papers being written now.
 */
export interface ErasArrangement {
  publications: PortfolioItem[];
  presentations: PortfolioItem[];
  experiences: PortfolioItem[];
  /** Items kept off the list, with the reason. */
  leftOut: Array<{ item: PortfolioItem; reason: string }>;
}

const STATUS_ORDER: readonly PortfolioStatus[] = [
  'published',
  'in_press',
  'accepted',
  'submitted',
  'in_preparation',
  'presented',
  'done',
  'writing',
  'analysis',
  'data_collection',
];
const MEETING_ORDER: readonly (MeetingLevel | null)[] = [
  'international',
  'national',
  'regional',
  'local',
  null,
];

const byStatus = (a: PortfolioItem, b: PortfolioItem) =>
  STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
const irFirst = (a: PortfolioItem, b: PortfolioItem) => Number(b.irRelated) - Number(a.irRelated);
const newestFirst = (a: PortfolioItem, b: PortfolioItem) =>
  b.statusSince.localeCompare(a.statusSince) || b.id - a.id;
const byMeeting = (a: PortfolioItem, b: PortfolioItem) =>
  MEETING_ORDER.indexOf(a.meetingLevel) - MEETING_ORDER.indexOf(b.meetingLevel);

function sorted(items: PortfolioItem[], ...orders: Array<(a: PortfolioItem, b: PortfolioItem) => number>) {
  return [...items].sort((a, b) => {
    for (const order of orders) {
      const result = order(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

export function arrangeForEras(items: readonly PortfolioItem[]): ErasArrangement {
  const publications: PortfolioItem[] = [];
  const presentations: PortfolioItem[] = [];
  const experiences: PortfolioItem[] = [];
  const leftOut: ErasArrangement['leftOut'] = [];
  for (const item of items) {
    const group = KIND_GROUPS[item.kind];
    if (group === 'paper') {
      if (item.status === 'in_preparation' && !item.activelyWritten) {
        leftOut.push({ item, reason: 'in preparation but not marked as being written now' });
      } else publications.push(item);
    } else if (group === 'abstract') {
      presentations.push(item);
    } else if (item.status === 'idea') {
      leftOut.push({ item, reason: 'still an idea, with no work done yet' });
    } else experiences.push(item);
  }
  return {
    publications: sorted(publications, irFirst, byStatus, newestFirst),
    presentations: sorted(presentations, byMeeting, irFirst, byStatus, newestFirst),
    experiences: sorted(experiences, irFirst, byStatus, newestFirst),
    leftOut,
  };
}

/** "first author", "co-author", "presenter": how the member's part reads on an ERAS line. */
function authorship(item: PortfolioItem): string {
  if (KIND_GROUPS[item.kind] === 'project') return `${ROLE_LABELS[item.role].toLowerCase()} role`;
  return `${item.firstAuthor ? 'first author' : 'co-author'}, ${ROLE_LABELS[item.role].toLowerCase()} role`;
}

/** One entry as plain facts the member recorded; they format the citation in their own style. */
export function erasLine(item: PortfolioItem, asText: (text: string) => string = (text) => text): string {
  const parts = [asText(item.title)];
  if (item.venue) parts.push(asText(item.venue));
  if (item.meetingLevel) parts.push(`${MEETING_LEVEL_LABELS[item.meetingLevel]} meeting`);
  parts.push(`${KIND_LABELS[item.kind]}, ${STATUS_LABELS[item.status].toLowerCase()} (${item.statusSince})`);
  parts.push(`Your part: ${authorship(item)}${item.roleDetail ? ` (${asText(item.roleDetail)})` : ''}`);
  if (item.irRelated) parts.push('IR/radiology');
  if (item.link) parts.push(item.link);
  return parts.join(' · ');
}

export const ERAS_SECTIONS = [
  { key: 'publications', title: 'Publications' },
  { key: 'presentations', title: 'Presentations and posters' },
  { key: 'experiences', title: 'Research experiences' },
] as const;

/** The arrangement as a Markdown file to paste from. */
export function erasMarkdown(arrangement: ErasArrangement, generatedOn: string): string {
  const lines = [
    '# My research, arranged for ERAS',
    '',
    `From /portfolio on ${generatedOn}. IR and radiology work comes first in each section. Check every`,
    'entry against the paper or abstract itself and put citations in the style your programs ask for.',
  ];
  for (const section of ERAS_SECTIONS) {
    const items = arrangement[section.key];
    lines.push('', `## ${section.title}`, '');
    if (items.length === 0) lines.push('_Nothing recorded yet._');
    for (const item of items) lines.push(`- ${erasLine(item, escapeInline)}`);
  }
  if (arrangement.leftOut.length > 0) {
    lines.push('', '## Kept off the list', '');
    for (const { item, reason } of arrangement.leftOut) {
      lines.push(`- ${escapeInline(item.title)}: ${reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
