import type {
  APIGuildForumChannel,
  APIThreadChannel,
  RESTPostAPIGuildForumThreadsJSONBody,
} from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getGuildSettings } from '../db/queries/guild-settings.ts';
import {
  getOpening,
  markOpeningPosted,
  markOpeningPostFailed,
  markOpeningUnposted,
  type Opening,
  type OpeningWithInterest,
  type PostTarget,
} from '../db/queries/openings.ts';
import { describePostFailure, sendChannelMessage } from '../discord/channels.ts';
import { NO_MENTIONS } from '../router/responses.ts';
import { matchForumTags } from './forum-tags.ts';
import { decidePostAction, type PostAction } from './post-action.ts';
import { forumThreadName, renderOpeningPost } from './render.ts';
import { nextPostAttemptAt } from './retry.ts';

export type PublishOutcome = 'posted' | 'no-channel' | 'closed-before-posting' | 'retrying' | 'gave-up';

/**
 * Brings the post of an opening the caller has claimed (postState 'pending', leased) up to date
 * with the database: posts it, edits it, or finds nothing to do. A failure is recorded for the
 * retry task with backoff; it never throws for Discord's sake, since the opening is stored either way.
 */
export async function publishOpening(
  ctx: Context,
  claimed: Pick<Opening, 'guildId' | 'id'>,
): Promise<{ opening: Opening | null; outcome: PublishOutcome }> {
  const { guildId, id } = claimed;
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
  try {
    const target = await send(ctx, opening, action);
    const posted = await markOpeningPosted(ctx.db, guildId, id, target, opening.messageId, ctx.clock());
    return { opening: posted ?? opening, outcome: 'posted' };
  } catch (error) {
    const failures = opening.postAttempts + 1;
    const retryAt = nextPostAttemptAt(failures, ctx.clock());
    await markOpeningPostFailed(ctx.db, guildId, id, failures, retryAt);
    ctx.log.warn(
      { guildId, openingId: id, action: action.kind, failures, retryAt, problem: describePostFailure(error) },
      retryAt ? 'opening post failed; will retry' : 'opening post failed too often; given up',
    );
    return { opening, outcome: retryAt ? 'retrying' : 'gave-up' };
  }
}

async function send(
  ctx: Context,
  opening: OpeningWithInterest,
  action: Exclude<PostAction, { kind: 'none' }>,
): Promise<PostTarget> {
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
