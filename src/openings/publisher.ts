import type {
  APIEmbed,
  APIGuildForumChannel,
  APIThreadChannel,
  RESTPostAPIGuildForumThreadsJSONBody,
} from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getGuildSettings } from '../db/queries/guild-settings.ts';
import {
  forgetPost,
  markNothingToPost,
  markPostFailed,
  markPostSent,
  type PostTarget,
} from '../db/queries/opening-posts.ts';
import { getOpening, type Opening, type OpeningWithInterest } from '../db/queries/openings.ts';
import { postToGuildChannel } from '../discord/channel-post.ts';
import { sendChannelMessage } from '../discord/channels.ts';
import { NO_MENTIONS } from '../router/responses.ts';
import { POST_RETRY_POLICY } from '../scheduler/backoff.ts';
import { matchForumTags } from './forum-tags.ts';
import { decidePostAction, type PostAction } from './post-action.ts';
import { forumThreadName, renderOpeningPost } from './render.ts';

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
 * Brings the post of an opening the caller has claimed (see src/db/queries/opening-posts.ts) up
 * to date with the database: posts it, edits it, or finds nothing to do. A failure is recorded;
 * it never throws for Discord's sake, since the opening is stored either way.
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
    await markNothingToPost(ctx.db, guildId, id);
    return { opening, outcome: action.reason === 'no-channel' ? 'no-channel' : 'closed-before-posting' };
  }
  const sent = await postToGuildChannel(ctx, {
    guildId,
    purpose: 'openings',
    channelId: action.kind === 'create-thread' ? action.forumId : action.channelId,
    kind: action.kind === 'edit' ? 'edit' : 'new',
    failures: opening.postAttempts,
    retry: POST_RETRY_POLICY,
    reportEveryFailure: false,
    send: () => send(ctx, opening, action),
  });
  if (sent.ok) {
    const posted = await markPostSent(ctx.db, opening, sent.value);
    return { opening: posted ?? opening, outcome: 'posted' };
  }
  // A 403 or 404 is not retried: a new post waits (still listed) until a moderator sets the
  // openings channel again, and a post that cannot be edited is forgotten, so `/config openings`
  // posts a still-open opening anew.
  if (sent.permanent && action.kind === 'edit') {
    await forgetPost(ctx.db, guildId, id, action.messageId, sent.failures);
  } else {
    await markPostFailed(ctx.db, guildId, id, sent.failures, sent.retryAt);
  }
  const ids = { guildId, openingId: id, action: action.kind, failures: sent.failures, problem: sent.problem };
  if (sent.permanent) {
    ctx.log.warn(ids, 'opening post refused by Discord; waiting for a moderator');
    return { opening, outcome: 'channel-refused' };
  }
  const gaveUp = sent.retryAt === null;
  ctx.log.warn(
    { ...ids, retryAt: sent.retryAt },
    gaveUp ? 'opening post failed too often; given up' : 'opening post failed; will retry',
  );
  return { opening, outcome: gaveUp ? 'gave-up' : 'retrying' };
}

/**
 * Discord's guard against a second message from a retried create: the same nonce within a few
 * minutes returns the first message. It names the opening and its post generation (a new one
 * after a post was forgotten), within Discord's 25 characters.
 */
export function postNonce(opening: Pick<Opening, 'id' | 'postGeneration'>): string {
  return `op${opening.id}g${opening.postGeneration}`;
}

/** Whether two lists of embeds show the same text (Discord adds properties of its own). */
function sameEmbeds(shown: readonly APIEmbed[] | undefined, sent: readonly APIEmbed[]): boolean {
  const text = (embeds: readonly APIEmbed[]) =>
    JSON.stringify(
      embeds.map((embed) => [
        embed.title,
        embed.description,
        embed.footer?.text,
        embed.fields?.map((f) => [f.name, f.value]),
      ]),
    );
  return text(shown ?? []) === text(sent);
}

/**
 * A forum post a crashed or timed-out attempt already made for this opening: a forum post is a new
 * thread, which takes no nonce. Candidates are the forum's active threads named as the bot names
 * this opening; the marker is the footer of the starter message, which only the bot can write
 * (members cannot send embeds).
 */
async function findEarlierForumPost(
  ctx: Context,
  opening: Opening,
  forumId: string,
): Promise<PostTarget | null> {
  const { threads } = (await ctx.rest.get(Routes.guildActiveThreads(opening.guildId))) as {
    threads: Array<Pick<APIThreadChannel, 'id' | 'parent_id' | 'name'>>;
  };
  const name = forumThreadName(opening);
  const marker = new RegExp(`^Opening #${opening.id}(?: |$)`);
  for (const thread of threads) {
    if (thread.parent_id !== forumId || thread.name !== name) continue;
    const starter = (await ctx.rest.get(Routes.channelMessage(thread.id, thread.id))) as {
      embeds?: Array<{ footer?: { text?: string } }>;
    };
    if (starter.embeds?.some((embed) => marker.test(embed.footer?.text ?? ''))) {
      ctx.log.info(
        { guildId: opening.guildId, openingId: opening.id },
        'forum post found from an earlier attempt',
      );
      return { channelId: forumId, messageId: thread.id, threadId: thread.id };
    }
  }
  return null;
}

async function send(ctx: Context, opening: OpeningWithInterest, action: SendAction): Promise<PostTarget> {
  const body = { ...renderOpeningPost(opening), allowed_mentions: NO_MENTIONS };
  switch (action.kind) {
    case 'create-message': {
      const message = await sendChannelMessage(ctx.rest, action.channelId, {
        ...body,
        nonce: postNonce(opening),
        enforce_nonce: true,
      });
      // The nonce may have returned the message of an earlier attempt, showing what it showed then.
      if (!sameEmbeds(message.embeds, body.embeds)) {
        await ctx.rest.patch(Routes.channelMessage(action.channelId, message.id), { body });
      }
      return { channelId: action.channelId, messageId: message.id, threadId: null };
    }
    case 'create-thread': {
      const earlier = await findEarlierForumPost(ctx, opening, action.forumId);
      if (earlier) {
        await ctx.rest.patch(Routes.channelMessage(earlier.messageId, earlier.messageId), { body });
        return earlier;
      }
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
