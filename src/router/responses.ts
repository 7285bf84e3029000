import type { APIAllowedMentions } from 'discord-api-types/v10';
import {
  type APIApplicationCommandAutocompleteResponse,
  type APIApplicationCommandOptionChoice,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';

/** Nothing in a message may ping anyone: user text can never reach @everyone or a role. */
export const NO_MENTIONS: APIAllowedMentions = Object.freeze({ parse: [] });

/** A message in answer to the interaction; only the member sees it unless `ephemeral` is false. */
export function reply(
  data: APIInteractionResponseCallbackData,
  { ephemeral = true }: { ephemeral?: boolean } = {},
): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: {
      allowed_mentions: NO_MENTIONS,
      ...data,
      flags: ephemeral ? (data.flags ?? 0) | MessageFlags.Ephemeral : data.flags,
    },
  };
}

export function ephemeralText(content: string): APIInteractionResponse {
  return reply({ content });
}

/** Replaces the message the pressed component is on. */
export function updateMessage(data: APIInteractionResponseCallbackData): APIInteractionResponse {
  return { type: InteractionResponseType.UpdateMessage, data: { allowed_mentions: NO_MENTIONS, ...data } };
}

export function showModal(data: APIModalInteractionResponseCallbackData): APIInteractionResponse {
  return { type: InteractionResponseType.Modal, data };
}

export function choices(
  list: APIApplicationCommandOptionChoice[],
): APIApplicationCommandAutocompleteResponse {
  return {
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    data: { choices: list.slice(0, 25) },
  };
}
