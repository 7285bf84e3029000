import type { APIInteractionDataResolvedChannel } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import {
  enableReminders,
  type GuildSettings,
  getGuildSettings,
  updateGuildSettings,
} from '../db/queries/guild-settings.ts';
import { requeueStalePosts, requeueUnpostedOpenings } from '../db/queries/opening-posts.ts';
import { listUnsentReviews } from '../db/queries/openings.ts';
import { UserError } from '../errors.ts';
import { sendForReview } from '../openings/service.ts';
import type { GuildMember } from '../router/member.ts';
import { type ChannelPurpose, channelTypeProblem } from './channel-rules.ts';

/**
 * The rules of /config, one function per setting. Each takes the context and the moderator (the
 * command has checked Manage Server), and returns what changed for the command to render.
 */

export interface PickedChannel {
  id: string;
  type: number;
}

/**
 * The channel as Discord resolved it for this interaction; its type is checked here, not only by
 * the client, since a forged payload can name any channel.
 */
export function pickedChannel(
  resolved: Record<string, Pick<APIInteractionDataResolvedChannel, 'type'>> | undefined,
  purpose: ChannelPurpose,
  id: string,
): PickedChannel {
  const channel = resolved?.[id];
  if (!channel)
    throw new UserError('Discord did not send the details of that channel. Please pick it again.');
  const problem = channelTypeProblem(purpose, channel.type);
  if (problem) throw new UserError(problem);
  return { id, type: channel.type };
}

export async function setReminders(
  ctx: Context,
  member: GuildMember,
  channel: PickedChannel,
  everyHours: number,
): Promise<GuildSettings> {
  const settings = await enableReminders(
    ctx.db,
    member.guildId,
    { channelId: channel.id, everyHours },
    ctx.clock(),
  );
  ctx.log.info({ guildId: member.guildId, userId: member.userId, channelId: channel.id }, 'reminders set');
  return settings;
}

/** False when reminders were already off. */
export async function turnRemindersOff(ctx: Context, member: GuildMember): Promise<boolean> {
  const settings = await getGuildSettings(ctx.db, member.guildId);
  if (!settings || settings.remindersNextRunAt === null) return false;
  await updateGuildSettings(
    ctx.db,
    member.guildId,
    { remindersNextRunAt: null, remindersFailures: 0, remindersProblem: null },
    ctx.clock(),
  );
  ctx.log.info({ guildId: member.guildId, userId: member.userId }, 'reminders turned off');
  return true;
}

export async function setAssessmentsChannel(
  ctx: Context,
  member: GuildMember,
  channel: PickedChannel,
): Promise<void> {
  await updateGuildSettings(
    ctx.db,
    member.guildId,
    { assessmentsChannelId: channel.id, assessmentsProblem: null },
    ctx.clock(),
  );
  ctx.log.info(
    { guildId: member.guildId, userId: member.userId, channelId: channel.id, purpose: 'assessments' },
    'channel set',
  );
}

export interface OpeningsSettingsChange {
  channel: PickedChannel;
  /** Unchanged when not given. */
  allowInvites?: boolean | undefined;
  /** Unchanged when not given. */
  minMemberDays?: number | undefined;
  /** Whether new openings wait for approval; unchanged when not given. */
  approval?: boolean | undefined;
  /** The review channel; unchanged when not given. */
  review?: PickedChannel | undefined;
}

/** Refuses an approval setting that cannot work: no review channel, or the openings channel itself. */
function checkReviewSetting(change: OpeningsSettingsChange, stored: GuildSettings | null): void {
  const approval = change.approval ?? stored?.openingsApproval ?? false;
  const review = change.review?.id ?? stored?.openingsReviewChannelId ?? null;
  if (approval && !review) {
    throw new UserError(
      'Approval needs a review channel: add `review:` with a text channel your moderators read. Nothing was changed.',
    );
  }
  if (approval && review === change.channel.id) {
    throw new UserError(
      'The review channel must not be the openings channel: openings awaiting review are for moderators only. Nothing was changed.',
    );
  }
}

/**
 * Sets the openings channel (and its options). Setting the channel is also how a moderator says it
 * is fixed: the openings never posted and the posts the bot gave up editing are queued. Returns how
 * many of each, and the settings as stored.
 */
export async function setOpeningsChannel(
  ctx: Context,
  member: GuildMember,
  change: OpeningsSettingsChange,
): Promise<{ queued: number; stale: number; reviews: number; settings: GuildSettings }> {
  checkReviewSetting(change, await getGuildSettings(ctx.db, member.guildId));
  const now = ctx.clock();
  const result = await ctx.db.transaction(async (tx) => {
    const settings = await updateGuildSettings(
      tx,
      member.guildId,
      {
        openingsChannelId: change.channel.id,
        openingsChannelType: change.channel.type,
        openingsProblem: null,
        ...(change.allowInvites === undefined ? {} : { openingsAllowInvites: change.allowInvites }),
        ...(change.minMemberDays === undefined ? {} : { openingsMinMemberDays: change.minMemberDays }),
        ...(change.approval === undefined ? {} : { openingsApproval: change.approval }),
        ...(change.review === undefined ? {} : { openingsReviewChannelId: change.review.id }),
      },
      now,
    );
    return {
      settings,
      queued: await requeueUnpostedOpenings(tx, member.guildId, now),
      stale: await requeueStalePosts(tx, member.guildId),
    };
  });
  const reviews = await resendUnsentReviews(ctx, result.settings);
  ctx.log.info(
    {
      guildId: member.guildId,
      userId: member.userId,
      channelId: change.channel.id,
      purpose: 'openings',
      reviews,
      queued: result.queued,
      stale: result.stale,
    },
    'channel set',
  );
  return { ...result, reviews };
}

/** Openings in review are sent at most this many at a time; the rest on the next `/config openings`. */
const REVIEWS_RESENT_AT_ONCE = 10;

/**
 * Sends the review messages Discord refused before (the review channel was missing or closed to
 * the bot): setting the channels again is how a moderator says it is fixed. Returns how many went.
 */
async function resendUnsentReviews(ctx: Context, settings: GuildSettings): Promise<number> {
  const reviewChannel = settings.openingsApproval ? settings.openingsReviewChannelId : null;
  if (!reviewChannel) return 0;
  let sent = 0;
  for (const opening of await listUnsentReviews(ctx.db, settings.guildId, REVIEWS_RESENT_AT_ONCE)) {
    if (await sendForReview(ctx, opening, reviewChannel)) sent += 1;
  }
  return sent;
}
