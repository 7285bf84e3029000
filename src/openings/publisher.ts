import type {
  APIGuildForumChannel,
  APIThreadChannel,
  RESTPostAPIGuildForumThreadsJSONBody,
} from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { clearChannelProblem, getGuildSettings, recordChannelProblem } from '../db/queries/guild-settings.ts';
import {
  forgetOpeningPost,
  getOpening,
  markOpeningPosted,
  markOpeningPostFailed,
  markOpeningUnposted,
  type Opening,
  type OpeningWithInterest,
  type PostTarget,
} from '../db/queries/openings.ts';
import { describePostFailure, postFailureKind, sendChannelMessage } from '../discord/channels.ts';
import { NO_MENTIONS } from '../router/responses.ts';
import { matchForumTags } from './forum-tags.ts';
import { decidePostAction, type PostAction } from './post-action.ts';
import { forumThreadName, renderOpeningPost } from './render.ts';
import { nextPostAttemptAt } from './retry.ts';

export type PublishOutcome =
  | 'posted'
  | 'no-channel'
  | 'closed-before-posting'
  | 'retrying'
  | 'gave-up'
  | 'channel-refused';

type Published = { opening: Opening | null; outcome: PublishOutcome };
type SendAction = Exclude<PostAction, { kind: 'none' }>;

/**
 * Brings the post of an opening the caller has claimed (postState 'pending', leased) up to date
 * with the database: posts it, edits it, or finds nothing to do. A failure is recorded (see
 * `recordFailure`); it never throws for Discord's sake, since the opening is stored either way.
 */
export async function publishOpening(
  ctx: Context,
  claimed: Pick<Opening, 'guildId' | 'id'>,
): Promise<Published> {
  const { guildId, id } = claimed;
  // Read afresh, not from the claim: it may have changed since (e.g. an interest added).
  const opening = await getOpening(ctx.db, guildId, id);
  if (!opening) return { opening: null, outcome: 'gave-up' };
  const settings = opening.messageId ? null : await getGuildSettings(ctx.db, guildId);
  const channel = settings?.openingsChannelId
    ? { id: settings.openingsChannelId, type: settings.openingsChannelType }
    : null;
  const action = decidePostAction(opening, channel);
  if (action.kind === 'none') {
    await markOpeningUnposted(ctx.db, guildId, id);
    return { opening, outcome: action.reason === 'no-channel' ? 'no-channel' : 'closed-before-posting' };
  }
  let target: PostTarget;
  try {
    target = await send(ctx, opening, action);
  } catch (error) {
    return recordFailure(ctx, opening, action, error);
  }
  const now = ctx.clock();
  const posted = await markOpeningPosted(ctx.db, opening, target, now);
  const openingsChannel = newPostChannel(action);
  if (openingsChannel) await clearChannelProblem(ctx.db, guildId, 'openings', openingsChannel, now);
  return { opening: posted ?? opening, outcome: 'posted' };
}

/** The guild's openings channel a new post went to; null for an edit, which goes where the post already is. */
function newPostChannel(action: SendAction): string | null {
  if (action.kind === 'create-message') return action.channelId;
  if (action.kind === 'create-thread') return action.forumId;
  return null;
}

/** The channel the post is in, or is going to: where a problem with it shows in /config show. */
function postChannel(action: SendAction): string {
  return action.kind === 'create-thread' ? action.forumId : action.channelId;
}

/**
 * A failure that may pass is retried with backoff. A 403 or 404 is not: retrying cannot bring back
 * a channel or a permission. A new post then waits (still listed) until a moderator sets the
 * openings channel again, and /config show says why. A post that cannot be edited is forgotten,
 * so `/config openings` posts a still-open opening anew. After too many failures that may pass the
 * bot gives up: the post waits (a new one unposted, an edit marked stale) and /config show says so,
 * since a moderator's `/config openings` (or, for an edit, the opening's next change) tries again.
 */
async function recordFailure(
  ctx: Context,
  opening: Opening,
  action: SendAction,
  error: unknown,
): Promise<Published> {
  const { guildId, id } = opening;
  const now = ctx.clock();
  const problem = describePostFailure(error);
  const failures = opening.postAttempts + 1;
  const permanent = postFailureKind(error) === 'permanent';
  const retryAt = permanent ? null : nextPostAttemptAt(failures, now);
  if (permanent && action.kind === 'edit') {
    await forgetOpeningPost(ctx.db, guildId, id, action.messageId, failures);
  } else {
    await markOpeningPostFailed(ctx.db, guildId, id, failures, retryAt);
  }
  const openingsChannel = newPostChannel(action);
  if (permanent && openingsChannel) {
    await recordChannelProblem(ctx.db, guildId, 'openings', { channelId: openingsChannel, problem }, now);
  }
  const gaveUp = !permanent && retryAt === null;
  if (gaveUp) {
    const givenUp = `${problem}, ${failures} times in a row, so the bot stopped retrying`;
    await recordChannelProblem(
      ctx.db,
      guildId,
      'openings',
      { channelId: postChannel(action), problem: givenUp },
      now,
    );
  }
  const ids = { guildId, openingId: id, action: action.kind, failures, problem };
  if (permanent) {
    ctx.log.warn(ids, 'opening post refused by Discord; waiting for a moderator');
    return { opening, outcome: 'channel-refused' };
  }
  ctx.log.warn(
    { ...ids, retryAt },
    gaveUp ? 'opening post failed too often; given up' : 'opening post failed; will retry',
  );
  return { opening, outcome: gaveUp ? 'gave-up' : 'retrying' };
}

async function send(ctx: Context, opening: OpeningWithInterest, action: SendAction): Promise<PostTarget> {
  const body = { ...renderOpeningPost(opening), allowed_mentions: NO_MENTIONS };
  switch (action.kind) {
    case 'create-message': {
      const message = await sendChannelMessage(ctx.rest, action.channelId, body);
      return { channelId: action.channelId, messageId: message.id, threadId: null };
    }
    case 'create-thread': {
      const forum = (await ctx.rest.get(Routes.channel(action.forumId))) as Partial<APIGuildForumChannel>;
      const threadBody: RESTPostAPIGuildForumThreadsJSONBody = {
        name: forumThreadName(opening),
        applied_tags: matchForumTags(forum.available_tags ?? [], opening.kind, opening.focus),
        message: body,
      };
      const thread = (await ctx.rest.post(Routes.threads(action.forumId), {
        body: threadBody,
      })) as APIThreadChannel & {
        message?: { id: string };
      };
      // The starter message of a forum post has the thread's id.
      return { channelId: action.forumId, messageId: thread.message?.id ?? thread.id, threadId: thread.id };
    }
    case 'edit': {
      // Discord refuses edits in an archived thread (closed posts are archived, idle ones
      // archive themselves), so the thread is opened first and archived again if closed.
      if (action.threadId) {
        await ctx.rest.patch(Routes.channel(action.threadId), {
          body: action.reopen ? { name: forumThreadName(opening), archived: false } : { archived: false },
        });
      }
      await ctx.rest.patch(Routes.channelMessage(action.threadId ?? action.channelId, action.messageId), {
        body,
      });
      if (action.archive && action.threadId) {
        await ctx.rest.patch(Routes.channel(action.threadId), {
          body: { name: forumThreadName(opening), archived: true },
        });
      }
      return { channelId: action.channelId, messageId: action.messageId, threadId: action.threadId };
    }
  }
}
