import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandAutocompleteResponse,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponse,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';

export type ChatInputInteraction = APIChatInputApplicationCommandInteraction;
export type AutocompleteInteraction = APIApplicationCommandAutocompleteInteraction;
export type ComponentInteraction = APIMessageComponentInteraction;
export type ModalInteraction = APIModalSubmitInteraction;
export type MessageCommandInteraction = APIMessageApplicationCommandInteraction;

/** A message command (type 3, in a message's Apps menu): its definition and its one handler. */
export interface MessageCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageCommandInteraction, ctx: Context): Promise<APIInteractionResponse>;
}

/** A command's definition as deployed; each lives in `src/<feature>/definition.ts`. */
export type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * A command's definition: a slash command of server installs only, used in servers. A command that
 * also works in direct messages with the bot passes `contexts`. A member's own (user) install is
 * never declared: it would let anyone bring the bot into a server that did not choose it.
 */
export function defineCommand<const Data extends Omit<CommandData, 'type' | 'integration_types'>>(
  data: Data,
) {
  return {
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...data,
  } satisfies CommandData;
}

export type ChatInputHandler = (
  interaction: ChatInputInteraction,
  ctx: Context,
) => Promise<APIInteractionResponse>;
export type AutocompleteHandler = (
  interaction: AutocompleteInteraction,
  ctx: Context,
  /** Whether the same member's next keystroke in this command has come since: its list is the one Discord shows. */
  overtaken: () => boolean,
) => Promise<APIApplicationCommandAutocompleteResponse>;
export type ComponentHandler = (
  interaction: ComponentInteraction,
  ctx: Context,
) => Promise<APIInteractionResponse>;
export type ModalHandler = (interaction: ModalInteraction, ctx: Context) => Promise<APIInteractionResponse>;

interface CommandParts {
  data: CommandData;
  /** custom_id prefix of this command's buttons and modals; defaults to the command's name. */
  customIdPrefix?: string;
  autocomplete?: AutocompleteHandler;
  component?: ComponentHandler;
  modal?: ModalHandler;
}

/**
 * One slash command: its definition (deployed as is) and the handlers for the interactions it
 * owns. Components and modals belong to a command by the prefix of their custom_id. A command
 * with subcommands maps each one to its handler, and the router picks it; one without has
 * `execute`. The router also checks `default_member_permissions` on the server side, and decides
 * a deferred reply's visibility from the `public` option (see `wantsPublicReply`).
 */
export type Command = CommandParts &
  (
    | { execute: ChatInputHandler; subcommands?: never }
    | { subcommands: Readonly<Record<string, ChatInputHandler>>; execute?: never }
  );
