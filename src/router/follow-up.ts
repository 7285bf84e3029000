import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordAPIError, type RawFile } from '@discordjs/rest';
import {
  type APIInteractionResponse,
  MessageFlags,
  type RESTPostAPIWebhookWithTokenJSONBody,
  Routes,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { NO_MENTIONS } from './responses.ts';

/**
 * A message sent after an interaction's response, for what a response cannot carry: files. Discord
 * refuses a multipart body as the HTTP transport's answer (only the gateway's callback route takes
 * one), so a file goes out the same way for every transport: as a follow-up on the interaction's
 * webhook, which exists once Discord has the response.
 */
export interface FollowUpMessage {
  body: RESTPostAPIWebhookWithTokenJSONBody;
  files: RawFile[];
}

/** A file for a follow-up; `description` is what screen readers say of it. */
export interface FollowUpFile extends RawFile {
  contentType: string;
  data: Buffer;
  description?: string;
}

/** A follow-up only the member sees, carrying one file (the /mydata export, the ERAS list, the card). */
export function privateFileFollowUp(
  { description, ...file }: FollowUpFile,
  content?: string,
): FollowUpMessage {
  return {
    body: {
      ...(content ? { content } : {}),
      flags: MessageFlags.Ephemeral,
      allowed_mentions: NO_MENTIONS,
      attachments: [{ id: 0, filename: file.name, ...(description ? { description } : {}) }],
    },
    files: [file],
  };
}

/** A handler's response that carries its follow-up: the router takes it off before delivery. */
type ResponseWithFollowUp = APIInteractionResponse & { followUp?: FollowUpMessage };

/**
 * A response to be followed by `message`, as part of what the handler returns. The handler stays
 * free of Discord calls: the router sends the follow-up once it has handed the response over.
 */
export function withFollowUp(
  response: APIInteractionResponse,
  message: FollowUpMessage,
): ResponseWithFollowUp {
  return { ...response, followUp: message };
}

/**
 * The follow-up a response carries, taken off it: what goes to Discord is the plain response, and
 * the follow-up is sent once.
 */
export function takeFollowUp(response: APIInteractionResponse): FollowUpMessage | undefined {
  const carrier = response as ResponseWithFollowUp;
  const message = carrier.followUp;
  delete carrier.followUp;
  return message;
}

/** Discord's answer while the interaction's response has not reached it yet. */
const UNKNOWN_WEBHOOK = 10015;
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * Posts the follow-up on the interaction's webhook. The transport delivers the response at about
 * the same moment, so an "unknown webhook" answer means "not yet" and is retried a few times. It
 * never throws: a failure is logged (ids only; the URL holds the interaction's token).
 */
export async function sendFollowUp(
  ctx: Pick<Context, 'rest' | 'log'>,
  interaction: { id: string; application_id: string; token: string; guild_id?: string | undefined },
  message: FollowUpMessage,
): Promise<void> {
  const route = Routes.webhook(interaction.application_id, interaction.token);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ctx.rest.post(route, {
        body: { allowed_mentions: NO_MENTIONS, ...message.body },
        files: message.files,
        auth: false,
      });
      return;
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const notYet = error instanceof DiscordAPIError && error.code === UNKNOWN_WEBHOOK;
      if (notYet && delay !== undefined) {
        await sleep(delay);
        continue;
      }
      ctx.log.error(
        { interactionId: interaction.id, guildId: interaction.guild_id, attempts: attempt + 1, err: error },
        'follow-up message not delivered',
      );
      return;
    }
  }
}
