import { DiscordAPIError, HTTPError, type RawFile, type REST } from '@discordjs/rest';
import type {
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageResult,
} from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import { NO_MENTIONS } from '../router/responses.ts';

/** Posts a message to a channel; mentions are off unless the body names whom it may ping. */
export async function sendChannelMessage(
  rest: REST,
  channelId: string,
  body: RESTPostAPIChannelMessageJSONBody,
  files?: RawFile[],
): Promise<RESTPostAPIChannelMessageResult> {
  return (await rest.post(Routes.channelMessages(channelId), {
    body: { allowed_mentions: NO_MENTIONS, ...body },
    ...(files ? { files } : {}),
  })) as RESTPostAPIChannelMessageResult;
}

/**
 * Whether retrying a failed post can help. A 403 or 404 means the channel is gone or the bot lost
 * a permission: only a moderator can fix that. Server errors, timeouts and network failures pass.
 */
export function postFailureKind(error: unknown): 'permanent' | 'transient' {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return error.status === 403 || error.status === 404 ? 'permanent' : 'transient';
  }
  return 'transient';
}

/** A moderator-readable reason for a failed post, for /config show. */
export function describePostFailure(error: unknown): string {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    if (error.status === 403)
      return 'the bot is missing a permission in that channel (View Channel, Send Messages, Embed Links)';
    if (error.status === 404) return 'the channel no longer exists';
    return `Discord answered ${error.status}`;
  }
  return error instanceof Error ? error.message : String(error);
}
