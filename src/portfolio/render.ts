import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { ItemFilters, PortfolioItem } from '../db/queries/portfolio-items.ts';
import { type FormField, formField } from '../discord/form-field.ts';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { pagerRow } from '../discord/pager.ts';
import { escapeInline } from '../discord/safe-text.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import {
  KIND_LABELS,
  MEETING_LEVEL_LABELS,
  PORTFOLIO_LIMITS,
  ROLE_LABELS,
  STATUS_LABELS,
} from './catalog.ts';
import { keepCustomId, listPageCustomId, removeCustomId } from './custom-ids.ts';
import { ERAS_SECTIONS, type ErasArrangement, erasLine } from './eras.ts';

export const LIST_PAGE_SIZE = 10;
const TITLE_IN_LINE = 90;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** `#12 **Title** · Case report or series · Published (2026-03-01) · IR · first author` */
export function itemLine(item: PortfolioItem): string {
  const flags = [
    item.irRelated ? 'IR' : null,
    item.firstAuthor ? 'first author' : null,
    item.meetingLevel ? `${MEETING_LEVEL_LABELS[item.meetingLevel].toLowerCase()} meeting` : null,
    item.status === 'in_preparation' && item.activelyWritten ? 'being written' : null,
    `${ROLE_LABELS[item.role].toLowerCase()} role`,
  ].filter(Boolean);
  return `\`#${item.id}\` **${escapeInline(truncate(item.title, TITLE_IN_LINE))}** · ${KIND_LABELS[item.kind]} · ${STATUS_LABELS[item.status]} (${item.statusSince}) · ${flags.join(' · ')}`;
}

function describeFilters(filters: ItemFilters): string {
  const parts = [
    filters.kind ? KIND_LABELS[filters.kind] : null,
    filters.status ? STATUS_LABELS[filters.status].toLowerCase() : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'all kinds and statuses';
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
}

export function renderItemList(view: {
  rows: PortfolioItem[];
  total: number;
  page: number;
  filters: ItemFilters;
}): APIInteractionResponseCallbackData {
  const pages = pageCount(view.total);
  const embed: APIEmbed = {
    title: 'Your portfolio in this server',
    color: BRAND_COLOR,
    description: truncate(
      view.total === 0
        ? `Nothing matches (${describeFilters(view.filters)}). Add work with \`/portfolio add\`.`
        : [
            `${view.total} item${view.total === 1 ? '' : 's'} · ${describeFilters(view.filters)}`,
            '',
            ...view.rows.map(itemLine),
          ].join('\n'),
      EMBED_LIMITS.description,
    ),
    ...(view.total > 0 ? { footer: { text: `Page ${view.page + 1} of ${pages}` } } : {}),
  };
  const components: Row[] = [];
  if (pages > 1) components.push(pagerRow(view.page, pages, (page) => listPageCustomId(page, view.filters)));
  return { embeds: [embed], components };
}

interface FormValues {
  title: string;
  venue: string | null;
  roleDetail: string | null;
  link: string | null;
  statusSince: string;
}

/** The form of add and update; update fills in the item's current values. */
export function itemFormModal(
  customId: string,
  heading: string,
  current: FormValues | null,
  suggestedDate: string,
): APIModalInteractionResponseCallbackData {
  const input = (id: string, label: string, options: Omit<FormField, 'id' | 'label'>) =>
    formField({ id, label, ...options });
  return {
    custom_id: customId,
    title: truncate(heading, 45),
    components: [
      input('title', 'Title', {
        required: true,
        min: PORTFOLIO_LIMITS.title.min,
        max: PORTFOLIO_LIMITS.title.max,
        placeholder: 'As it appears on the paper, abstract or project',
        value: current?.title,
      }),
      input('venue', 'Journal or meeting (optional)', {
        required: false,
        max: PORTFOLIO_LIMITS.venue.max,
        placeholder: 'e.g. JVIR, CVIR, SIR, RSNA, CIRSE, a regional IR meeting',
        value: current?.venue,
      }),
      input('role_detail', 'Your role: what you did (optional)', {
        required: false,
        max: PORTFOLIO_LIMITS.roleDetail.max,
        placeholder: 'e.g. chart review and data entry; drafted the discussion',
        value: current?.roleDetail,
      }),
      input('link', 'Link, https only (optional)', {
        required: false,
        max: PORTFOLIO_LIMITS.link.max,
        placeholder: 'https://pubmed.ncbi.nlm.nih.gov/… or https://doi.org/…',
        value: current?.link,
      }),
      input('status_since', 'Date of the last status change', {
        required: false,
        max: 10,
        placeholder: 'YYYY-MM-DD; empty means today',
        value: suggestedDate,
      }),
    ],
  };
}

export function renderSaved(item: PortfolioItem, verb: 'Added' | 'Updated'): string {
  return [
    `${verb}: ${itemLine(item)}`,
    '`/assess` now counts it; `/portfolio eras` shows it arranged for your application.',
  ].join('\n');
}

export function renderRemovePrompt(item: PortfolioItem, askedAt: Date): APIInteractionResponseCallbackData {
  return {
    content: `Remove this item from your portfolio? This cannot be undone.\n${itemLine(item)}`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Danger,
            label: 'Remove',
            custom_id: removeCustomId(item.id, askedAt),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Keep it',
            custom_id: keepCustomId(item.id),
          },
        ],
      },
    ],
  };
}

export function renderErasEmbed(arrangement: ErasArrangement): APIEmbed {
  const fields = ERAS_SECTIONS.map((section) => {
    const items = arrangement[section.key];
    const lines = items.map((item) => `• ${erasLine(item, escapeInline)}`);
    return {
      name: `${section.title} (${items.length})`,
      value: truncate(lines.length > 0 ? lines.join('\n') : 'Nothing recorded yet.', EMBED_LIMITS.fieldValue),
    };
  });
  if (arrangement.leftOut.length > 0) {
    fields.push({
      name: `Kept off the list (${arrangement.leftOut.length})`,
      value: truncate(
        arrangement.leftOut.map(({ item, reason }) => `• ${escapeInline(item.title)}: ${reason}`).join('\n'),
        EMBED_LIMITS.fieldValue,
      ),
    });
  }
  return {
    title: 'Your research, arranged for ERAS',
    color: BRAND_COLOR,
    description:
      'IR and radiology work leads each section, statuses stay as you recorded them, and national and international meetings come before local ones. The whole list follows as a Markdown file; write the citations in the style your programs expect.',
    fields,
  };
}
