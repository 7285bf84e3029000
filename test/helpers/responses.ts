import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { expect } from 'vitest';
import { embedProblems } from '../../src/discord/limits.ts';

/**
 * Narrowing a response to what a member sees, written once for every suite. A helper fails the
 * test (it throws) when the response is not of the kind asked for.
 */

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;
/** A message as the tests read it: its rows hold buttons. */
export type MessageData = Omit<APIInteractionResponseCallbackData, 'components'> & {
  components?: ButtonRow[];
};

function describeResponse(response: APIInteractionResponse): string {
  return `response type ${response.type}: ${JSON.stringify(response).slice(0, 500)}`;
}

/** Checks what every message must be: nobody pinged, embeds within Discord's limits. */
function checked(data: APIInteractionResponseCallbackData | undefined): MessageData {
  const message = data ?? {};
  expect(message.allowed_mentions).toEqual({ parse: [] });
  for (const embed of message.embeds ?? []) expect(embedProblems(embed)).toEqual([]);
  return message as MessageData;
}

/** The message of a reply (a new message). */
export function replyOf(response: APIInteractionResponse): MessageData {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) {
    throw new Error(`expected a message, got ${describeResponse(response)}`);
  }
  return checked(response.data);
}

/** The message of a reply, or of the update of the message whose button was pressed. */
export function messageOf(response: APIInteractionResponse): MessageData {
  if (
    response.type !== InteractionResponseType.ChannelMessageWithSource &&
    response.type !== InteractionResponseType.UpdateMessage
  ) {
    throw new Error(`expected a message, got ${describeResponse(response)}`);
  }
  return checked(response.data);
}

/** The message of a reply only the member sees. */
export function expectEphemeral(response: APIInteractionResponse): MessageData {
  const data = replyOf(response);
  expect(data.flags).toBe(MessageFlags.Ephemeral);
  return data;
}

/** The text of a reply only the member sees (a refusal, a confirmation). */
export function ephemeralContent(response: APIInteractionResponse): string {
  return expectEphemeral(response).content ?? '';
}

type MessageOrResponse = MessageData | APIInteractionResponseCallbackData | APIInteractionResponse;

/** A message as is, or the message of a response (see `messageOf`). */
function dataOf(subject: MessageOrResponse): MessageData {
  const isResponse = 'type' in subject && typeof subject.type === 'number';
  return isResponse ? messageOf(subject as APIInteractionResponse) : (subject as MessageData);
}

/** The buttons of a message, row after row. */
export function buttonsOf(subject: MessageOrResponse): APIButtonComponentWithCustomId[] {
  return (dataOf(subject).components ?? []).flatMap((row) => row.components);
}

export function modalOf(response: APIInteractionResponse): APIModalInteractionResponseCallbackData {
  if (response.type !== InteractionResponseType.Modal) {
    throw new Error(`expected a modal, got ${describeResponse(response)}`);
  }
  return response.data;
}

export function choicesOf(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
    throw new Error(`expected autocomplete choices, got ${describeResponse(response)}`);
  }
  return response.data.choices ?? [];
}

/** What a member reads in an embed: title, description, and each field's name and value. */
export function embedText(embed: APIEmbed): string {
  return [
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
  ].join('\n');
}

/** Everything a member reads in a message: its text and its embeds. */
export function visibleText(subject: MessageOrResponse): string {
  const data = dataOf(subject);
  return [data.content ?? '', ...(data.embeds ?? []).map(embedText)].join('\n');
}
