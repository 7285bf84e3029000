import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { Opening, OpeningWithInterest } from '../db/queries/openings.ts';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { pagerRow } from '../discord/pager.ts';
import { defangBlock, escapeInline } from '../discord/safe-text.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import {
  ANONYMOUS_AUTHOR_ID,
  FOCUS_LABELS,
  FOCUS_SHORT_LABELS,
  KIND_LABELS,
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  STATUS_LABELS,
} from './catalog.ts';
import { interestCustomId, type ListFilters, listPageCustomId } from './custom-ids.ts';
import { LIST_PAGE_SIZE, MAX_PAGE, type PostingRefusal } from './rules.ts';
import type { ConfirmationOutcome } from './service.ts';

const CLOSED_COLOR = 0x7f8c8d;
/** Discord's limit on a thread's name. */
const THREAD_NAME_MAX = 100;

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A link that opens the post in Discord (a forum post's starter message shares the thread's id). */
export function postLink(opening: Pick<Opening, 'guildId' | 'channelId' | 'messageId' | 'threadId'>) {
  if (!opening.messageId || !opening.channelId) return null;
  return `https://discord.com/channels/${opening.guildId}/${opening.threadId ?? opening.channelId}/${opening.messageId}`;
}

function field(name: string, value: string, inline = true): APIEmbedField {
  return {
    name: truncate(name, EMBED_LIMITS.fieldName),
    value: truncate(value, EMBED_LIMITS.fieldValue),
    inline,
  };
}

function interestedText(count: number): string {
  return count === 1 ? '1 member' : `${count} members`;
}

function statusLine(opening: Opening): string {
  if (opening.status === 'expired')
    return `Expired ${discordTimestamp(opening.expiresAt)}. The author can post it again with \`/opening renew\`.`;
  return `${STATUS_LABELS[opening.status]}: no longer taking new helpers.`;
}

function statusButtonLabel(opening: Opening): string {
  return opening.status === 'open'
    ? "I'm interested"
    : `Closed (${STATUS_LABELS[opening.status].toLowerCase()})`;
}

/** The opening as posted in the openings channel (a message, or a forum post's first message). */
export function renderOpeningPost(opening: OpeningWithInterest): {
  embeds: APIEmbed[];
  components: ButtonRow[];
} {
  const isOpen = opening.status === 'open';
  const fields: APIEmbedField[] = [
    field('Kind of work', KIND_LABELS[opening.kind]),
    field('Focus', FOCUS_LABELS[opening.focus]),
    field('Remote', opening.remote ? 'Yes, can be done remotely' : 'No, on site'),
    field('Role', `${ROLE_LABELS[opening.role]}: ${ROLE_DESCRIPTIONS[opening.role]}`, false),
    field('Institution', escapeInline(opening.institution)),
    ...(opening.mentor ? [field('Mentor', escapeInline(opening.mentor))] : []),
    field(
      'Posted by',
      opening.authorId === ANONYMOUS_AUTHOR_ID ? 'a former member' : `<@${opening.authorId}>`,
    ),
    field(isOpen ? 'Open until' : 'Was open until', discordTimestamp(opening.expiresAt)),
    field('Interested', interestedText(opening.interestCount)),
  ];
  if (!isOpen) fields.unshift(field('Status', statusLine(opening), false));
  const embed: APIEmbed = {
    title: truncate(
      isOpen
        ? escapeInline(opening.title)
        : `[${STATUS_LABELS[opening.status]}] ${escapeInline(opening.title)}`,
      EMBED_LIMITS.title,
    ),
    description: truncate(defangBlock(opening.description), EMBED_LIMITS.description),
    color: isOpen ? BRAND_COLOR : CLOSED_COLOR,
    fields,
    footer: {
      text: isOpen
        ? `Opening #${opening.id} · Press "I'm interested" to get the contact details`
        : `Opening #${opening.id}`,
    },
    timestamp: opening.openedAt.toISOString(),
  };
  const button: APIButtonComponentWithCustomId = {
    type: ComponentType.Button,
    style: isOpen ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: statusButtonLabel(opening),
    custom_id: interestCustomId(opening.id),
    disabled: !isOpen,
  };
  return { embeds: [embed], components: [{ type: ComponentType.ActionRow, components: [button] }] };
}

/** An autocomplete choice for the `opening` option (plain text: choices show no markdown). */
export function renderOpeningChoice(opening: Pick<Opening, 'id' | 'title' | 'institution'>) {
  return {
    name: truncate(`#${opening.id} ${opening.title} (${opening.institution})`, 100),
    value: String(opening.id),
  };
}

/** What an expiry warning's DM becomes once answered: its buttons gone, so they work once. */
export function renderWarningAnswered(opening: Opening, choice: 'renew' | 'fill') {
  const title = escapeInline(opening.title);
  return {
    content:
      choice === 'renew'
        ? `Renewed: **${title}** (#${opening.id}) stays open until ${discordTimestamp(opening.expiresAt)}, in the same post.`
        : `Closed **${title}** (#${opening.id}) as filled. Its post says so.`,
    components: [],
  };
}

/** The ephemeral answer to /opening notify. */
export function renderNotifySet(on: boolean): string {
  return on
    ? 'You will get a direct message (at most one an hour per opening) naming the members who show interest in your openings. Your DMs must be open to members of this server.'
    : 'You will get no direct messages about interest in your openings. `/opening list mine:true` still shows the counts.';
}

/** The ephemeral answer to /opening close. */
export function renderClosed(closed: Opening): string {
  const label = STATUS_LABELS[closed.status].toLowerCase();
  return `Closed **${escapeInline(closed.title)}** (#${closed.id}) as ${label}. It no longer shows in \`/opening list\`${closed.messageId ? ' and its post says so' : ''}.`;
}

/** The title of the opening's forum post; a closed one says so in the forum's list. */
export function forumThreadName(opening: Pick<Opening, 'title' | 'status'>): string {
  const prefix = opening.status === 'open' ? '' : `[${STATUS_LABELS[opening.status]}] `;
  return truncate(`${prefix}${opening.title}`, THREAD_NAME_MAX);
}

function describeFilters(filters: ListFilters): string {
  const parts = [
    filters.kind ? KIND_LABELS[filters.kind] : undefined,
    filters.focus ? FOCUS_SHORT_LABELS[filters.focus] : undefined,
    filters.remote === undefined ? undefined : filters.remote ? 'remote' : 'on site',
    filters.role ? ROLE_LABELS[filters.role] : undefined,
    filters.query ? `matching “${escapeInline(filters.query)}”` : undefined,
    filters.mine ? 'posted by you' : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : 'all open openings';
}

export function pageCount(total: number): number {
  return Math.min(MAX_PAGE + 1, Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)));
}

function listEntry(opening: OpeningWithInterest): APIEmbedField {
  const link = postLink(opening);
  const lines = [
    `${KIND_LABELS[opening.kind]} · ${FOCUS_SHORT_LABELS[opening.focus]} · ${opening.remote ? 'remote' : 'on site'} · ${ROLE_LABELS[opening.role]}`,
    `**Institution:** ${escapeInline(opening.institution)}${opening.mentor ? ` · **Mentor:** ${escapeInline(opening.mentor)}` : ''}`,
    `**Open until** ${discordTimestamp(opening.expiresAt)} · **Interested:** ${interestedText(opening.interestCount)}`,
    ...(link ? [`[See the post](${link})`] : []),
  ];
  // Only its author lists an opening in review (`mine:true`): it says why nobody else sees it.
  const status = opening.status === 'open' ? '' : `[${STATUS_LABELS[opening.status]}] `;
  if (opening.status === 'in_review')
    lines.push('Posted and listed for everyone once a moderator approves it.');
  return field(`#${opening.id} · ${status}${escapeInline(opening.title)}`, lines.join('\n'), false);
}

/** For `/opening list mine:true`: whether the author hears about interest, and if not, why. */
function interestMessagesLine(messagesOff: string | null): string {
  return messagesOff
    ? `You get no direct message when members show interest: ${messagesOff} Turn them on with \`/opening notify on\`.`
    : 'You get a direct message (at most one an hour per opening) when members show interest. `/opening notify off` stops them.';
}

/** One page of /opening list, with Previous/Next and an "Interested" button per opening. */
export function renderOpeningList(view: {
  rows: readonly OpeningWithInterest[];
  total: number;
  page: number;
  filters: ListFilters;
  messagesOff?: string | null | undefined;
}): { embeds: APIEmbed[]; components: ButtonRow[] } {
  const pages = pageCount(view.total);
  const lead =
    view.total === 0
      ? `No open openings match (${describeFilters(view.filters)}). Try fewer filters, or post one with \`/opening post\`.`
      : `${view.total} ${view.rows.some((row) => row.status === 'in_review') ? 'open or awaiting review' : 'open'} · ${describeFilters(view.filters)} · newest first`;
  const embed: APIEmbed = {
    title: view.filters.mine ? 'Your open research openings' : 'Research openings',
    color: BRAND_COLOR,
    description: view.filters.mine ? `${lead}\n${interestMessagesLine(view.messagesOff ?? null)}` : lead,
    fields: view.rows.map(listEntry),
    ...(view.total > 0 ? { footer: { text: `Page ${view.page + 1} of ${pages}` } } : {}),
  };
  const components: ButtonRow[] = [];
  if (pages > 1) components.push(pagerRow(view.page, pages, (page) => listPageCustomId(page, view.filters)));
  const interesting = view.rows.filter((opening) => opening.status === 'open');
  if (interesting.length > 0) {
    components.push({
      type: ComponentType.ActionRow,
      components: interesting.map((opening) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: `Interested in #${opening.id}`,
        custom_id: interestCustomId(opening.id),
      })),
    });
  }
  return { embeds: [embed], components };
}

/**
 * The direct message that tells an author who pressed "I'm interested": the members by mention,
 * so the author can reach them (the message pings nobody).
 */
export function renderInterestNews(news: {
  guildId: string;
  openingId: number;
  title: string;
  memberIds: readonly string[];
}): string {
  const who = news.memberIds.map((id) => `<@${id}>`).join(', ');
  const count = news.memberIds.length === 1 ? '1 member' : `${news.memberIds.length} members`;
  return [
    `**${count} showed interest in your opening “${escapeInline(news.title)}”** (#${news.openingId}): ${who}.`,
    'They were given your contact details; you can also message them here on Discord.',
    `Server: https://discord.com/channels/${news.guildId}. Turn these messages off there with \`/opening notify off\`.`,
  ].join('\n');
}

/** What a member sees after pressing "I'm interested". */
export function renderInterestReply(opening: Opening, firstTime: boolean): string {
  const title = escapeInline(opening.title);
  const lead = firstTime
    ? `Thanks: your interest in **${title}** is recorded and the author can see the count go up.`
    : `You already showed interest in **${title}**; it is counted once.`;
  return [
    lead,
    `To take part, contact the author: ${renderContact(opening.contact)}`,
    'Say which opening you mean, a line about your background, and the time you can give each week.',
  ].join('\n');
}

/**
 * A contact as a reader sees it: a link in angle brackets (shown as its own address, no preview),
 * an address in a code span, so markdown characters in either show as typed.
 */
export function renderContact(contact: string): string {
  return contact.startsWith('https://')
    ? `<${contact.replace(/>/g, '%3E')}>`
    : `\`${contact.replace(/`/g, "'")}\``;
}

export function describePostingRefusal(refusal: PostingRefusal): string {
  if (refusal.reason === 'rate_limited') {
    return `You have posted 3 openings in the last 24 hours, the most allowed. You can post again ${discordTimestamp(refusal.allowedAgainAt, 'R')}.`;
  }
  if (refusal.reason === 'too_new') {
    return `In this server, members can post openings once they have been here ${refusal.minDays} days. You can post ${discordTimestamp(refusal.allowedAt, 'R')}.`;
  }
  return `You already posted an opening with this title and institution this week (#${refusal.existingId}). Close it with \`/opening close\` first if it needs replacing.`;
}

/** The ephemeral confirmation after a post or a renewal. */
export function renderPostConfirmation(
  opening: Opening,
  outcome: ConfirmationOutcome,
  verb = 'saved',
): string {
  const title = escapeInline(opening.title);
  if (outcome === 'in-review' || outcome === 'review-unsent') {
    const head = `Your opening **${title}** (#${opening.id}) is saved and waits for a moderator's approval; you get a direct message when they decide. Until then only you see it, in \`/opening list mine:true\`.`;
    return outcome === 'in-review'
      ? head
      : `${head}\nThe bot could not send it to the review channel (the channel is gone or the bot lacks a permission there): please tell a moderator.`;
  }
  if (opening.status !== 'open') {
    // Closed or deleted (by /mydata delete) between the save and this answer.
    return `Your opening #${opening.id} was ${verb}, but it has been ${STATUS_LABELS[opening.status].toLowerCase()} since, and no longer takes helpers: it does not show in \`/opening list\`.`;
  }
  const head = `Your opening **${title}** (#${opening.id}) is ${verb}; it stays open until ${discordTimestamp(opening.expiresAt)}.`;
  const link = postLink(opening);
  if (outcome === 'posted' && link) return `${head}\nSee the post: ${link}`;
  if (outcome === 'no-channel') {
    return `${head}\nIt shows up in \`/opening list\`. This server has no openings channel yet, so it was not posted anywhere: a moderator can set one with \`/config openings\`.`;
  }
  if (outcome === 'channel-refused') {
    return `${head}\nIt shows up in \`/opening list\`. Discord refused the post in the openings channel (the channel is gone or the bot lacks a permission there), so it is posted once a moderator fixes that and runs \`/config openings\` again.`;
  }
  return `${head}\nIt shows up in \`/opening list\`. Posting it to the openings channel failed for now; the bot will keep trying.`;
}
