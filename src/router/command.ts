import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandAutocompleteResponse,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';

export type ChatInputInteraction = APIChatInputApplicationCommandInteraction;
export type AutocompleteInteraction = APIApplicationCommandAutocompleteInteraction;
export type ComponentInteraction = APIMessageComponentInteraction;
export type ModalInteraction = APIModalSubmitInteraction;

/**
 * One slash command: its definition (deployed as is) and the handlers for the interactions it
 * owns. Components and modals belong to a command by the prefix of their custom_id.
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** custom_id prefix of this command's buttons and modals; defaults to the command's name. */
  customIdPrefix?: string;
  /** Whether the reply is only for the member; decides the flags of a deferred reply. Default true. */
  isEphemeral?: (interaction: ChatInputInteraction) => boolean;
  execute(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse>;
  autocomplete?(
    interaction: AutocompleteInteraction,
    ctx: Context,
  ): Promise<APIApplicationCommandAutocompleteResponse>;
  component?(interaction: ComponentInteraction, ctx: Context): Promise<APIInteractionResponse>;
  modal?(interaction: ModalInteraction, ctx: Context): Promise<APIInteractionResponse>;
}
