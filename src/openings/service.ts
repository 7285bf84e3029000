import { type APIInteraction, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getGuildSettings } from '../db/queries/guild-settings.ts';
import { getOpeningAuthorSettings, setInterestDms } from '../db/queries/opening-author-settings.ts';
import { addOpeningInterest } from '../db/queries/opening-interests.ts';
import { claimPost } from '../db/queries/opening-posts.ts';
import {
  closeOpening as closeOpeningRow,
  createOpening,
  extendOpening,
  getOpening,
  listOpeningChoices,
  listOpenOpenings,
  listRecentOpeningsByAuthor,
  type Opening,
  type OpeningWithInterest,
  recordReviewMessage,
  renewOpening as renewOpeningRow,
} from '../db/queries/openings.ts';
import { sendChannelMessage } from '../discord/channels.ts';
import { fetchChannelPermissions } from '../discord/permissions.ts';
import { isSnowflake } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { type GuildMember, hasPermission } from '../router/member.ts';
import { type ClosingStatus, STATUS_LABELS } from './catalog.ts';
import type { ListFilters, PostDraft, WarningChoice } from './custom-ids.ts';
import { EXPIRY_WARNING } from './expiry-warnings.ts';
import { type PublishOutcome, publishOpening } from './publisher.ts';
import { describePostingRefusal, pageCount } from './render.ts';
import { postLeaseUntil } from './retry.ts';
import { renderReviewMessage } from './review-render.ts';
import {
  DUPLICATE_WINDOW_MS,
  expiryFrom,
  LIST_PAGE_SIZE,
  newMemberRefusal,
  postingRefusal,
} from './rules.ts';
import { parseOpeningForm } from './validation.ts';

/**
 * The rules of /opening, one function per thing a member does. Each takes the context and the
 * member, returns a domain result for the command to render, and throws a UserError when the
 * member may not do it.
 */

/** What a confirmation says about the post: the publisher's outcomes a member can act on. */
export type ConfirmationOutcome =
  | 'posted'
  | 'no-channel'
  | 'retrying'
  | 'channel-refused'
  /** Waiting for a moderator's approval, the review message sent, or not (Discord refused it). */
  | 'in-review'
  | 'review-unsent';

function confirmationOutcome(outcome: PublishOutcome): ConfirmationOutcome {
  return outcome === 'posted' || outcome === 'no-channel' || outcome === 'channel-refused'
    ? outcome
    : 'retrying';
}

/** Refuses a member who already posted the most allowed; checked before the form is shown too. */
export async function checkMayPost(ctx: Context, member: GuildMember): Promise<void> {
  const now = ctx.clock();
  const settings = await getGuildSettings(ctx.db, member.guildId);
  const tooNew = newMemberRefusal(member.joinedAt, settings?.openingsMinMemberDays ?? 0, now);
  if (tooNew) throw new UserError(describePostingRefusal(tooNew));
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  const recent = await listRecentOpeningsByAuthor(ctx.db, member.guildId, member.userId, since);
  const refusal = postingRefusal(recent, now);
  if (refusal) throw new UserError(describePostingRefusal(refusal));
}

/** Saves the submitted form as a new opening (within the spam rules) and posts it. */
export async function postOpening(
  ctx: Context,
  member: GuildMember,
  draft: PostDraft,
  fields: Record<string, string>,
): Promise<{ opening: Opening; outcome: ConfirmationOutcome }> {
  if (draft.guildId !== member.guildId) {
    throw new UserError('That form belongs to another server. Run `/opening post` here to post in this one.');
  }
  const settings = await getGuildSettings(ctx.db, member.guildId);
  const now = ctx.clock();
  const tooNew = newMemberRefusal(member.joinedAt, settings?.openingsMinMemberDays ?? 0, now);
  if (tooNew) throw new UserError(describePostingRefusal(tooNew));
  const form = parseOpeningForm(fields, { allowInvites: settings?.openingsAllowInvites ?? false });
  const reviewChannelId = settings?.openingsApproval ? settings.openingsReviewChannelId : null;
  const result = await createOpening(
    ctx.db,
    {
      guildId: member.guildId,
      authorId: member.userId,
      ...form,
      kind: draft.kind,
      focus: draft.focus,
      remote: draft.remote,
      role: draft.role,
      expiresAt: expiryFrom(now, draft.expiresInDays),
      status: reviewChannelId ? 'in_review' : 'open',
    },
    { now, recentSince: new Date(now.getTime() - DUPLICATE_WINDOW_MS), leaseUntil: postLeaseUntil(now) },
    (recent) => postingRefusal(recent, now, form),
  );
  if (result.refusal) throw new UserError(describePostingRefusal(result.refusal));
  ctx.log.info({ guildId: member.guildId, openingId: result.opening.id }, 'opening created');
  if (reviewChannelId) {
    const sent = await sendForReview(ctx, result.opening, reviewChannelId);
    return { opening: result.opening, outcome: sent ? 'in-review' : 'review-unsent' };
  }
  const published = await publishOpening(ctx, result.opening);
  return { opening: published.opening ?? result.opening, outcome: confirmationOutcome(published.outcome) };
}

/**
 * One page of the guild's open openings. A page past the end (openings closed since the list was
 * shown) becomes the last page that still has some.
 */
export async function listOpeningsPage(
  ctx: Context,
  member: Pick<GuildMember, 'guildId' | 'userId'>,
  filters: ListFilters,
  requestedPage: number,
): Promise<{
  rows: OpeningWithInterest[];
  total: number;
  page: number;
  filters: ListFilters;
  /** For `mine:true`: why the member gets no message about interest, or null when they do. */
  messagesOff?: string | null;
}> {
  const now = ctx.clock();
  const { mine, ...rest } = filters;
  const query = mine ? { ...rest, authorId: member.userId } : rest;
  const pageAt = (page: number) =>
    listOpenOpenings(ctx.db, member.guildId, query, {
      limit: LIST_PAGE_SIZE,
      offset: page * LIST_PAGE_SIZE,
      now,
    });
  let page = requestedPage;
  let result = await pageAt(page);
  const lastPage = pageCount(result.total) - 1;
  if (result.rows.length === 0 && page > lastPage) {
    page = lastPage;
    result = await pageAt(page);
  }
  if (!mine) return { ...result, page, filters };
  const settings = await getOpeningAuthorSettings(ctx.db, member.guildId, member.userId);
  const messagesOff =
    settings && !settings.interestDms
      ? (settings.interestDmsOffReason ?? 'You turned them off with `/opening notify off`.')
      : null;
  return { ...result, page, filters, messagesOff };
}

/** `/opening notify on|off`: whether the member hears about interest in their openings. */
export async function setInterestNotifications(
  ctx: Context,
  member: GuildMember,
  on: boolean,
): Promise<void> {
  await setInterestDms(ctx.db, member.guildId, member.userId, { on, reason: null }, ctx.clock());
  ctx.log.info({ guildId: member.guildId, userId: member.userId, on }, 'interest messages set');
}

/** Records the member's interest in an open opening of someone else's; false if it was recorded before. */
export async function showInterest(
  ctx: Context,
  member: GuildMember,
  openingId: number,
): Promise<{ opening: Opening; firstTime: boolean }> {
  const opening = await getOpening(ctx.db, member.guildId, openingId);
  if (!opening) throw new UserError('That opening no longer exists in this server.');
  const now = ctx.clock();
  // Past its expiry counts as expired even before the sweep has marked it.
  const closedAs = opening.status === 'open' && opening.expiresAt <= now ? 'expired' : opening.status;
  if (closedAs !== 'open') {
    throw new UserError(
      `That opening is closed (${STATUS_LABELS[closedAs].toLowerCase()}), so it is not looking for helpers.`,
    );
  }
  if (opening.authorId === member.userId) {
    throw new UserError('That is your own opening. Members who press the button get your contact details.');
  }
  const firstTime = await addOpeningInterest(ctx.db, member.guildId, opening.id, member.userId, now);
  if (firstTime && opening.messageId) await requestPostRefresh(ctx, opening);
  return { opening, firstTime };
}

/**
 * Whether the member holds Manage Messages (or Administrator) in `channelId`: the openings channel
 * for closing others' openings, the review channel for approving them, not whatever channel the
 * interaction came from. Discord computed the interaction's permissions for its own channel, so
 * they are used when that is the one; otherwise they are worked out from the server's roles.
 */
export async function hasManageMessagesIn(
  ctx: Context,
  member: GuildMember,
  channelId: string | null,
  channelName: string,
): Promise<boolean> {
  if (channelId && member.channelIds.includes(channelId)) {
    return hasPermission(member, PermissionFlagsBits.ManageMessages);
  }
  let permissions: bigint;
  try {
    permissions = await fetchChannelPermissions(
      ctx.rest,
      member.guildId,
      { userId: member.userId, roleIds: member.roleIds },
      channelId,
    );
  } catch (error) {
    ctx.log.warn({ err: error, guildId: member.guildId, channelName }, 'channel permissions not read');
    throw new UserError(
      `The bot could not check your permissions in ${channelName}. Press or run it in that channel, or try again in a minute.`,
    );
  }
  return hasPermission({ ...member, permissions }, PermissionFlagsBits.ManageMessages);
}

async function mayCloseAnyOpening(ctx: Context, member: GuildMember): Promise<boolean> {
  const settings = await getGuildSettings(ctx.db, member.guildId);
  return hasManageMessagesIn(ctx, member, settings?.openingsChannelId ?? null, 'the openings channel');
}

/**
 * Suggestions for the `opening` option: for renew, the member's expired openings; for close, their
 * open ones, or every open one for a member who may close any. Only a hint (Discord's permissions
 * for this channel, no lookup per keystroke): closing checks again.
 */
export async function suggestOpenings(
  ctx: Context,
  member: GuildMember,
  purpose: 'close' | 'renew',
  search: string,
  limit: number,
) {
  const own = purpose === 'renew' || !hasPermission(member, PermissionFlagsBits.ManageMessages);
  return listOpeningChoices(ctx.db, member.guildId, {
    status: purpose === 'renew' ? 'expired' : 'open',
    ...(own ? { authorId: member.userId } : {}),
    search,
    limit,
  });
}

/** Closes an open opening as filled or withdrawn: the author's own, or any for a moderator. */
export async function closeOpening(
  ctx: Context,
  member: GuildMember,
  openingId: number,
  status: ClosingStatus,
): Promise<Opening> {
  const opening = await getOpening(ctx.db, member.guildId, openingId);
  if (!opening)
    throw new UserError('There is no such opening in this server. Pick one from the suggestions.');
  if (opening.authorId !== member.userId && !(await mayCloseAnyOpening(ctx, member))) {
    throw new UserError(
      'Only the member who posted this opening, or a moderator with Manage Messages in the openings channel, can close it.',
    );
  }
  const closed = await closeOpeningRow(ctx.db, member.guildId, opening.id, status, ctx.clock());
  if (!closed) {
    throw new UserError(`That opening is already closed (${STATUS_LABELS[opening.status].toLowerCase()}).`);
  }
  ctx.log.info({ guildId: member.guildId, openingId: opening.id, status }, 'opening closed');
  if (closed.messageId) await requestPostRefresh(ctx, closed);
  return closed;
}

/** Opens the member's expired opening again for `days` days; its post is edited back to open. */
export async function renewOpening(
  ctx: Context,
  member: GuildMember,
  openingId: number,
  days: number,
): Promise<{ opening: Opening; outcome: ConfirmationOutcome }> {
  const opening = await getOpening(ctx.db, member.guildId, openingId);
  if (!opening || opening.authorId !== member.userId) {
    throw new UserError('You have no such opening in this server. Pick one of yours from the suggestions.');
  }
  if (opening.status !== 'expired') {
    throw new UserError(
      opening.status === 'open'
        ? 'That opening is still open; only expired openings can be renewed.'
        : `That opening is ${STATUS_LABELS[opening.status].toLowerCase()}; only expired openings can be renewed (post a new one with \`/opening post\`).`,
    );
  }
  const now = ctx.clock();
  const renewed = await renewOpeningRow(ctx.db, member.guildId, opening.id, member.userId, {
    now,
    expiresAt: expiryFrom(now, days),
    leaseUntil: postLeaseUntil(now),
  });
  if (!renewed) throw new UserError('That opening changed meanwhile; check `/opening list` and try again.');
  ctx.log.info({ guildId: member.guildId, openingId: renewed.id }, 'opening renewed');
  const published = await publishOpening(ctx, renewed);
  return { opening: published.opening ?? renewed, outcome: confirmationOutcome(published.outcome) };
}

/**
 * Brings the opening's post up to date with what is stored now: edits it at once if no other
 * sender holds it, or marks it changed so that sender (or the retry task after it) sends the
 * latest state. The one call for anything that changes what a post shows.
 */
export async function requestPostRefresh(
  ctx: Context,
  opening: Pick<Opening, 'guildId' | 'id'>,
): Promise<void> {
  const now = ctx.clock();
  const claimed = await claimPost(ctx.db, opening.guildId, opening.id, {
    now,
    leaseUntil: postLeaseUntil(now),
  });
  if (claimed) await publishOpening(ctx, claimed);
}

/** Sends a new opening to the review channel; false when Discord refused (it stays in review). */
export async function sendForReview(
  ctx: Context,
  opening: Opening,
  reviewChannelId: string,
): Promise<boolean> {
  try {
    const message = await sendChannelMessage(ctx.rest, reviewChannelId, renderReviewMessage(opening));
    await recordReviewMessage(ctx.db, opening.guildId, opening.id, {
      channelId: reviewChannelId,
      messageId: message.id,
    });
    return true;
  } catch (error) {
    ctx.log.warn({ err: error, guildId: opening.guildId, openingId: opening.id }, 'review message not sent');
    return false;
  }
}

/** Who pressed a button, in a server or in a direct message (where there is no member). */
function presserOf(interaction: APIInteraction): string {
  const userId = interaction.member?.user?.id ?? interaction.user?.id;
  if (!isSnowflake(userId)) throw new UserError('Discord did not say who pressed the button.');
  return userId;
}

/**
 * A press on an expiry warning's button, from the DM or anywhere: only the author's, only while
 * the opening is open with the expiry the warning named. Renew keeps the same post.
 */
export async function answerExpiryWarning(
  ctx: Context,
  interaction: APIInteraction,
  press: { choice: WarningChoice; guildId: string; openingId: number; expiresAt: Date },
): Promise<{ opening: Opening; choice: WarningChoice }> {
  const userId = presserOf(interaction);
  const outOfDate =
    'That warning is out of date: the opening was renewed, closed or removed since. Check `/opening list mine:true` in the server.';
  const opening = await getOpening(ctx.db, press.guildId, press.openingId);
  if (!opening || opening.authorId !== userId) {
    ctx.log.warn({ guildId: press.guildId, openingId: press.openingId }, 'expiry warning press refused');
    throw new UserError('Only the member who posted this opening can renew or close it from here.');
  }
  const warnedExpiry = Math.floor(opening.expiresAt.getTime() / 1000) * 1000;
  if (opening.status !== 'open' || warnedExpiry !== press.expiresAt.getTime()) throw new UserError(outOfDate);
  const now = ctx.clock();
  if (press.choice === 'fill') {
    const closed = await closeOpeningRow(ctx.db, press.guildId, opening.id, 'filled', now);
    if (!closed) throw new UserError(outOfDate);
    if (closed.messageId) await requestPostRefresh(ctx, closed);
    return { opening: closed, choice: 'fill' };
  }
  const extended = await extendOpening(ctx.db, press.guildId, opening.id, {
    authorId: userId,
    warnedExpiry: press.expiresAt,
    expiresAt: expiryFrom(
      new Date(Math.max(now.getTime(), opening.expiresAt.getTime())),
      EXPIRY_WARNING.renewDays,
    ),
    now,
  });
  if (!extended) throw new UserError(outOfDate);
  ctx.log.info({ guildId: press.guildId, openingId: opening.id }, 'opening extended from its warning');
  if (extended.messageId) await requestPostRefresh(ctx, extended);
  return { opening: extended, choice: 'renew' };
}
