import { ChannelType } from 'discord-api-types/v10';
import type { Opening } from '../db/queries/openings.ts';

interface OpeningsChannel {
  id: string;
  type: number | null;
}

export type PostAction =
  | {
      kind: 'edit';
      channelId: string;
      messageId: string;
      threadId: string | null;
      /** A closed forum post is archived after the edit. */
      archive: boolean;
      /** A renewed forum post gets its open name back (it was named as expired). */
      reopen: boolean;
    }
  | { kind: 'create-message'; channelId: string }
  | { kind: 'create-thread'; forumId: string }
  | { kind: 'none'; reason: 'no-channel' | 'not-open' };

/**
 * What bringing the opening's post up to date takes: editing the post it has (and archiving a
 * closed forum post), posting it where the guild's openings channel is now, or nothing.
 */
export function decidePostAction(
  opening: Pick<Opening, 'status' | 'channelId' | 'messageId' | 'threadId' | 'createdAt' | 'openedAt'>,
  channel: OpeningsChannel | null,
): PostAction {
  if (opening.messageId && opening.channelId) {
    return {
      kind: 'edit',
      channelId: opening.channelId,
      messageId: opening.messageId,
      threadId: opening.threadId,
      archive: opening.threadId !== null && opening.status !== 'open',
      reopen:
        opening.threadId !== null &&
        opening.status === 'open' &&
        opening.openedAt.getTime() > opening.createdAt.getTime(),
    };
  }
  if (opening.status !== 'open') return { kind: 'none', reason: 'not-open' };
  if (!channel) return { kind: 'none', reason: 'no-channel' };
  return channel.type === ChannelType.GuildForum
    ? { kind: 'create-thread', forumId: channel.id }
    : { kind: 'create-message', channelId: channel.id };
}
