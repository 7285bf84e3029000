import { Routes } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getGuildSettings } from '../db/queries/guild-settings.ts';
import { approveOpening, getOpening, type Opening, rejectOpening } from '../db/queries/openings.ts';
import { sendDirectMessage } from '../discord/direct-messages.ts';
import { cleanInput } from '../discord/safe-text.ts';
import { UserError } from '../errors.ts';
import type { GuildMember } from '../router/member.ts';
import { NO_MENTIONS } from '../router/responses.ts';
import { STATUS_LABELS } from './catalog.ts';
import type { ReviewChoice } from './custom-ids.ts';
import {
  REJECTION_REASON_FIELD,
  REJECTION_REASON_MAX,
  REVIEW_MESSAGE_DELETED,
  renderReviewVerdictDm,
} from './review-render.ts';
import { hasManageMessagesIn, requestPostRefresh } from './service.ts';

/**
 * Moderator approval (`/config openings approval:true review:#channel`): a new opening waits
 * ('in_review') with a message in the review channel; Approve opens it and posts it through the
 * usual post lifecycle, Reject (with a reason) closes it unposted. The author is told either way.
 */

export interface ReviewDecision {
  opening: Opening;
  at: Date;
  authorTold: boolean;
}

/**
 * The opening a review button or form names, if the presser may decide on it now: the button's
 * server is this one, they hold Manage Messages in the review channel, and it is still in review.
 */
async function reviewable(ctx: Context, member: GuildMember, press: { guildId: string; openingId: number }) {
  if (press.guildId !== member.guildId) {
    ctx.log.warn(
      { guildId: member.guildId, claimed: press.guildId },
      'review press for another server refused',
    );
    throw new UserError('That review button belongs to another server; nothing was changed.');
  }
  const opening = await getOpening(ctx.db, member.guildId, press.openingId);
  if (!opening) throw new UserError('That opening no longer exists in this server; nothing was changed.');
  const reviewChannel =
    opening.reviewChannelId ??
    (await getGuildSettings(ctx.db, member.guildId))?.openingsReviewChannelId ??
    null;
  if (!(await hasManageMessagesIn(ctx, member, reviewChannel, 'the review channel'))) {
    throw new UserError(
      'Only moderators with Manage Messages in the review channel can approve or reject openings; nothing was changed.',
    );
  }
  if (opening.status !== 'in_review') {
    throw new UserError(
      `That opening was already decided: it is ${STATUS_LABELS[opening.status].toLowerCase()} now; nothing was changed.`,
    );
  }
  return opening;
}

async function tellAuthor(ctx: Context, opening: Opening): Promise<boolean> {
  const sent = await sendDirectMessage(ctx, opening.authorId, { content: renderReviewVerdictDm(opening) });
  if (!sent.ok) {
    ctx.log.info(
      { guildId: opening.guildId, openingId: opening.id, problem: sent.problem },
      'review verdict not sent',
    );
  }
  return sent.ok;
}

/** Approve: opens and posts it. Reject: checked here, then the form asks for the reason. */
export async function pressReviewButton(
  ctx: Context,
  member: GuildMember,
  press: { choice: ReviewChoice; guildId: string; openingId: number },
): Promise<{ choice: 'reject'; opening: Opening } | { choice: 'approve'; decision: ReviewDecision }> {
  const opening = await reviewable(ctx, member, press);
  if (press.choice === 'reject') return { choice: 'reject', opening };
  const at = ctx.clock();
  const approved = await approveOpening(ctx.db, member.guildId, opening.id, at);
  if (!approved) throw new UserError('That opening was decided meanwhile; nothing was changed.');
  ctx.log.info(
    { guildId: member.guildId, openingId: opening.id, moderatorId: member.userId },
    'opening approved',
  );
  // Its post is made as any other: claimed and sent once, retried by the post task if Discord fails.
  await requestPostRefresh(ctx, approved);
  const posted = (await getOpening(ctx.db, member.guildId, opening.id)) ?? approved;
  return { choice: 'approve', decision: { opening: posted, at, authorTold: await tellAuthor(ctx, posted) } };
}

/** The rejection form, submitted: closes the opening unposted and sends the reason to the author. */
export async function rejectWithReason(
  ctx: Context,
  member: GuildMember,
  press: { guildId: string; openingId: number },
  fields: Record<string, string>,
): Promise<ReviewDecision> {
  const reason = cleanInput(fields[REJECTION_REASON_FIELD] ?? '').trim();
  if (reason.length === 0) throw new UserError('Write a reason for the author; nothing was changed.');
  if (reason.length > REJECTION_REASON_MAX) {
    throw new UserError(`The reason can be at most ${REJECTION_REASON_MAX} characters; nothing was changed.`);
  }
  const opening = await reviewable(ctx, member, press);
  const at = ctx.clock();
  const rejected = await rejectOpening(ctx.db, member.guildId, opening.id, reason, at);
  if (!rejected) throw new UserError('That opening was decided meanwhile; nothing was changed.');
  ctx.log.info(
    { guildId: member.guildId, openingId: opening.id, moderatorId: member.userId },
    'opening rejected',
  );
  return { opening: rejected, at, authorTold: await tellAuthor(ctx, rejected) };
}

/**
 * Removes the text of a deleted member's opening from its review message (/mydata delete). A
 * message Discord no longer has, or refuses to edit, is left as it is: the deletion stands.
 */
export async function clearReviewMessage(
  ctx: Context,
  message: { channelId: string; messageId: string },
): Promise<void> {
  try {
    await ctx.rest.patch(Routes.channelMessage(message.channelId, message.messageId), {
      body: { content: REVIEW_MESSAGE_DELETED, embeds: [], components: [], allowed_mentions: NO_MENTIONS },
    });
  } catch (error) {
    ctx.log.warn({ err: error, channelId: message.channelId }, 'review message of deleted data not edited');
  }
}
