import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { describePostFailure, sendChannelMessage } from './channels.ts';

/** Discord's code for "Cannot send messages to this user": their DMs are closed to the bot. */
const CANNOT_MESSAGE_USER = 50007;

/**
 * At most this many direct messages a second from one process: Discord watches bots that open many
 * DMs quickly, well below the global rate limit (whose 429 `retry_after` @discordjs/rest obeys).
 */
export const DMS_PER_SECOND = 5;
/** The pace kept: four a second, so network jitter never puts a fifth and sixth in one second. */
const DM_GAP_MS = 1000 / (DMS_PER_SECOND - 1);

/** Spaces calls out by `gapMs`, in real time, for everyone who awaits `turn()`. */
function createPacer(gapMs: number) {
  let next = 0;
  return {
    async turn(): Promise<void> {
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + gapMs;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    },
  };
}

const dmPacer = createPacer(DM_GAP_MS);

export type DirectMessageResult = { ok: true } | { ok: false; closed: boolean; problem: string };

/**
 * Sends a direct message, paced with every other DM of this process. `closed` says Discord
 * refused it for good (the member's DMs are closed, or they share no server with the bot).
 */
export async function sendDirectMessage(
  ctx: Context,
  userId: string,
  body: RESTPostAPIChannelMessageJSONBody,
): Promise<DirectMessageResult> {
  try {
    const channel = (await ctx.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
      id: string;
    };
    await dmPacer.turn();
    await sendChannelMessage(ctx.rest, channel.id, body);
    return { ok: true };
  } catch (error) {
    const closed =
      (error instanceof DiscordAPIError && (error.code === CANNOT_MESSAGE_USER || error.status === 403)) ||
      (error instanceof HTTPError && error.status === 403);
    return { ok: false, closed, problem: describePostFailure(error) };
  }
}
