import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import {
  countMemberItems,
  createPortfolioItem,
  getMemberItem,
  type ItemFilters,
  listAllMemberItems,
  listMemberItems,
  type PortfolioItem,
  removeMemberItem,
  searchMemberItems,
  updateMemberItem,
} from '../db/queries/portfolio-items.ts';
import { portfolioStatuses } from '../db/schema/portfolio.ts';
import { truncate } from '../discord/limits.ts';
import { escapeInline } from '../discord/safe-text.ts';
import { UserError } from '../errors.ts';
import { privateFileFollowUp, withFollowUp } from '../router/follow-up.ts';
import type { GuildMember } from '../router/member.ts';
import { reply, showModal, updateMessage } from '../router/responses.ts';
import { isConfirmationFresh } from '../time.ts';
import { KIND_LABELS, PORTFOLIO_LIMITS, type PortfolioKind, STATUS_LABELS, statusesFor } from './catalog.ts';
import { addFormCustomId, editFormCustomId } from './custom-ids.ts';
import { arrangeForEras, erasMarkdown } from './eras.ts';
import {
  itemFormModal,
  LIST_PAGE_SIZE,
  pageCount,
  renderErasEmbed,
  renderItemList,
  renderRemovePrompt,
  renderSaved,
} from './render.ts';
import { type ItemChoices, parseItemForm, requireFittingChoices, todayAt } from './validation.ts';

/** Who acts on a portfolio: a member in a server, or (from a nudge's DM) the user and the server the nudge names. */
export type PortfolioOwner = Pick<GuildMember, 'guildId' | 'userId'>;

const AUTOCOMPLETE_LIMIT = 25;
export const ERAS_FILE_NAME = 'research-for-eras.md';

export const NO_SUCH_ITEM =
  'You have no such item in this server. Pick one of yours from the suggestions of `item`.';
const FULL = `You already have ${PORTFOLIO_LIMITS.itemsPerMember} items in this server, the most a portfolio holds. Remove one with \`/portfolio remove\` first. Nothing was saved.`;

export async function requireItem(
  ctx: Context,
  owner: PortfolioOwner,
  itemId: number,
): Promise<PortfolioItem> {
  const item = await getMemberItem(ctx.db, owner.guildId, owner.userId, itemId);
  if (!item) throw new UserError(NO_SUCH_ITEM);
  return item;
}

function requireSameGuild(formGuildId: string, member: PortfolioOwner): void {
  if (formGuildId !== member.guildId) {
    throw new UserError(
      'That form belongs to another server. Run the command again here. Nothing was saved.',
    );
  }
}

function choicesOf(item: PortfolioItem): ItemChoices {
  return {
    kind: item.kind,
    status: item.status,
    role: item.role,
    irRelated: item.irRelated,
    firstAuthor: item.firstAuthor,
    meetingLevel: item.meetingLevel,
    activelyWritten: item.activelyWritten,
  };
}

export async function startAdd(member: GuildMember, choices: ItemChoices, ctx: Context) {
  requireFittingChoices(choices);
  // Checked before the form too, so nobody fills it in for nothing; checked again on submit.
  if ((await countMemberItems(ctx.db, member.guildId, member.userId)) >= PORTFOLIO_LIMITS.itemsPerMember) {
    throw new UserError(FULL);
  }
  return showModal(
    itemFormModal(
      addFormCustomId(choices, member.guildId),
      `Add: ${KIND_LABELS[choices.kind]}`,
      null,
      todayAt(ctx.clock()),
    ),
  );
}

export async function submitAdd(
  member: GuildMember,
  form: { choices: ItemChoices; guildId: string },
  fields: Record<string, string>,
  ctx: Context,
) {
  requireSameGuild(form.guildId, member);
  const choices = requireFittingChoices(form.choices);
  const now = ctx.clock();
  const text = parseItemForm(fields, now);
  const item = await createPortfolioItem(
    ctx.db,
    { guildId: member.guildId, userId: member.userId },
    { ...choices, ...text },
    { now, limit: PORTFOLIO_LIMITS.itemsPerMember },
  );
  if (!item) throw new UserError(FULL);
  ctx.log.info({ guildId: member.guildId, itemId: item.id }, 'portfolio item added');
  return reply({ content: renderSaved(item, 'Added') });
}

export async function listPage(
  member: PortfolioOwner,
  filters: ItemFilters,
  requestedPage: number,
  ctx: Context,
) {
  const page = (number: number) =>
    listMemberItems(ctx.db, member.guildId, member.userId, filters, {
      limit: LIST_PAGE_SIZE,
      offset: number * LIST_PAGE_SIZE,
    });
  let number = requestedPage;
  let result = await page(number);
  if (result.rows.length === 0 && number > 0) {
    // Items removed since the list was shown: show the last page that still has some.
    number = pageCount(result.total) - 1;
    result = await page(number);
  }
  return renderItemList({ ...result, page: number, filters });
}

export async function startUpdate(
  member: GuildMember,
  request: { itemId: number; changes: Partial<ItemChoices> },
  ctx: Context,
) {
  const item = await requireItem(ctx, member, request.itemId);
  requireFittingChoices({ ...choicesOf(item), ...request.changes });
  const statusChanges = request.changes.status !== undefined && request.changes.status !== item.status;
  return showModal(
    itemFormModal(
      editFormCustomId(item.id, request.changes, member.guildId),
      `Update #${item.id}`,
      item,
      statusChanges ? todayAt(ctx.clock()) : item.statusSince,
    ),
  );
}

export async function submitUpdate(
  member: GuildMember,
  form: { itemId: number; changes: Partial<ItemChoices>; guildId: string },
  fields: Record<string, string>,
  ctx: Context,
) {
  requireSameGuild(form.guildId, member);
  const item = await requireItem(ctx, member, form.itemId);
  const { status, ...choices } = requireFittingChoices({ ...choicesOf(item), ...form.changes });
  const now = ctx.clock();
  const text = parseItemForm(fields, now);
  // The status goes in the patch only when it changes: a new status ends a snoozed reminder.
  const updated = await updateMemberItem(
    ctx.db,
    member.guildId,
    member.userId,
    item.id,
    { ...choices, ...text, ...(status !== item.status ? { status } : {}) },
    now,
  );
  if (!updated) throw new UserError(NO_SUCH_ITEM);
  return reply({ content: renderSaved(updated, 'Updated') });
}

export async function askToRemove(member: GuildMember, itemId: number, ctx: Context) {
  const item = await requireItem(ctx, member, itemId);
  return reply(renderRemovePrompt(item, ctx.clock()));
}

export async function confirmRemove(member: PortfolioOwner, itemId: number, askedAt: Date, ctx: Context) {
  if (!isConfirmationFresh(askedAt, ctx.clock())) {
    throw new UserError(
      'This confirmation has expired and nothing was removed. Run `/portfolio remove` again.',
    );
  }
  const removed = await removeMemberItem(ctx.db, member.guildId, member.userId, itemId, askedAt);
  if (!removed) {
    const still = await getMemberItem(ctx.db, member.guildId, member.userId, itemId);
    throw new UserError(
      still
        ? 'That item changed after you asked to remove it, so it was kept. Run `/portfolio remove` again.'
        : 'That item is not in your portfolio here (already removed, or not yours). Nothing changed.',
    );
  }
  ctx.log.info({ guildId: member.guildId, itemId }, 'portfolio item removed');
  return updateMessage({
    content: `Removed **${escapeInline(removed.title)}** (#${removed.id}).`,
    components: [],
  });
}

export function keep(itemId: number) {
  return updateMessage({ content: `Kept #${itemId}; nothing was removed.`, components: [] });
}

export async function erasList(member: GuildMember, ctx: Context): Promise<APIInteractionResponse> {
  const items = await listAllMemberItems(ctx.db, member.guildId, member.userId);
  if (items.length === 0) {
    return reply({ content: 'Your portfolio here is empty. Add your work with `/portfolio add` first.' });
  }
  const arrangement = arrangeForEras(items);
  const summary = reply({ embeds: [renderErasEmbed(arrangement)] });
  return withFollowUp(
    summary,
    privateFileFollowUp(
      {
        name: ERAS_FILE_NAME,
        contentType: 'text/markdown',
        data: Buffer.from(erasMarkdown(arrangement, todayAt(ctx.clock())), 'utf8'),
        description: 'Your research arranged for ERAS',
      },
      'The same list as a Markdown file to paste from:',
    ),
  );
}

/** Autocomplete of `item`: the member's own items whose title holds the typed text. */
export async function itemSuggestions(member: PortfolioOwner, typed: string, ctx: Context) {
  const rows = await searchMemberItems(ctx.db, member.guildId, member.userId, {
    search: truncate(typed.trim().replace(/^#/, ''), 100),
    limit: AUTOCOMPLETE_LIMIT,
  });
  return rows.map((row) => ({
    name: truncate(`#${row.id} ${row.title} (${STATUS_LABELS[row.status]})`, 100),
    value: String(row.id),
  }));
}

/** Autocomplete of `status`: the statuses that fit the kind chosen (add) or the item's kind (update). */
export async function statusSuggestions(
  member: PortfolioOwner,
  typed: string,
  chosen: { kind?: PortfolioKind | undefined; itemId?: number | undefined },
  ctx: Context,
) {
  let kind = chosen.kind;
  if (!kind && chosen.itemId !== undefined) {
    kind = (await getMemberItem(ctx.db, member.guildId, member.userId, chosen.itemId))?.kind;
  }
  const text = typed.trim().toLowerCase();
  const statuses = kind ? statusesFor({ kind }) : portfolioStatuses;
  return statuses
    .filter((status) => STATUS_LABELS[status].toLowerCase().includes(text))
    .map((status) => ({ name: STATUS_LABELS[status], value: status }));
}
