import { randomBytes } from 'node:crypto';
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { OptionValue } from '../router/options.ts';

/**
 * Builds realistic interaction payloads without Discord: the console uses them to run commands
 * offline, and tests use them to drive the router with the shapes Discord sends.
 */

export interface Actor {
  guildId: string | null;
  userId: string;
  username?: string;
  /** Permission bits as Discord sends them (a decimal string). */
  permissions: string;
  /** The member's role ids in the server. */
  roles?: readonly string[];
  /** When the member joined the server (ISO 8601); long ago when not given. */
  joinedAt?: string;
  channelId?: string;
  applicationId?: string;
}

export interface LocalChannel {
  id: string;
  name: string;
  type: ChannelType;
}

export interface CommandInput {
  /** "subcommand" or "group subcommand". */
  subcommand?: string;
  options?: Record<string, OptionValue>;
  /** For autocomplete: the option being typed in. */
  focused?: string;
  /** Channels that channel options may name, as Discord resolves them. */
  channels?: readonly LocalChannel[];
}

let counter = 0n;
/** Snowflake-shaped ids that sort by creation, like Discord's. */
export function localSnowflake(): string {
  counter += 1n;
  return ((BigInt(Date.now() - 1_420_070_400_000) << 22n) + (counter % 4096n)).toString();
}

function envelope(type: InteractionType, actor: Actor, data: unknown) {
  const user = {
    id: actor.userId,
    username: actor.username ?? `member-${actor.userId.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
  };
  return {
    id: localSnowflake(),
    application_id: actor.applicationId ?? '100000000000000001',
    type,
    token: randomBytes(24).toString('base64url'),
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    // Installed in the server (in a DM with the bot, Discord sends "0" for the server install).
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: actor.guildId ?? '0' },
    attachment_size_limit: 8_388_608,
    channel_id: actor.channelId ?? '100000000000000010',
    channel: { id: actor.channelId ?? '100000000000000010', type: ChannelType.GuildText },
    data,
    ...(actor.guildId
      ? {
          guild_id: actor.guildId,
          guild_locale: 'en-US',
          guild: { id: actor.guildId, locale: 'en-US', features: [] },
          member: {
            user,
            roles: [...(actor.roles ?? [])],
            permissions: actor.permissions,
            joined_at: actor.joinedAt ?? new Date(0).toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : { user, context: 1 }),
  };
}

function commandData(definition: RESTPostAPIChatInputApplicationCommandsJSONBody, input: CommandInput) {
  const path = input.subcommand ? input.subcommand.split(' ') : [];
  let scope: readonly APIApplicationCommandOption[] = definition.options ?? [];
  for (const name of path) {
    const next = scope.find((option) => option.name === name);
    scope = next && 'options' in next ? (next.options ?? []) : [];
  }
  const resolvedChannels: Record<string, unknown> = {};
  const leaves = Object.entries(input.options ?? {}).map(([name, value]) => {
    const declared = scope.find((option) => option.name === name);
    const type = declared?.type ?? inferType(value);
    if (type === ApplicationCommandOptionType.Channel) {
      const channel = input.channels?.find((candidate) => candidate.id === String(value));
      if (channel) resolvedChannels[channel.id] = { ...channel, permissions: '0' };
    }
    return { name, type, value, ...(input.focused === name ? { focused: true } : {}) };
  });
  let options: unknown[] = leaves;
  for (let index = path.length - 1; index >= 0; index--) {
    options = [
      {
        name: path[index],
        type:
          index === path.length - 1
            ? ApplicationCommandOptionType.Subcommand
            : ApplicationCommandOptionType.SubcommandGroup,
        options,
      },
    ];
  }
  return {
    id: '100000000000000002',
    name: definition.name,
    type: 1,
    options,
    ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
  };
}

function inferType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

export function buildChatInput(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  input: CommandInput,
  actor: Actor,
) {
  return envelope(InteractionType.ApplicationCommand, actor, commandData(definition, input));
}

export function buildAutocomplete(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  input: CommandInput & { focused: string },
  actor: Actor,
) {
  return envelope(InteractionType.ApplicationCommandAutocomplete, actor, commandData(definition, input));
}

export function buildButtonPress(
  customId: string,
  actor: Actor,
  message?: { id: string; [key: string]: unknown },
) {
  return {
    ...envelope(InteractionType.MessageComponent, actor, {
      custom_id: customId,
      component_type: ComponentType.Button,
    }),
    message: message ?? {
      id: localSnowflake(),
      channel_id: actor.channelId ?? '100000000000000010',
      components: [],
    },
  };
}

export function buildModalSubmit(customId: string, fields: Record<string, string>, actor: Actor) {
  return envelope(InteractionType.ModalSubmit, actor, {
    custom_id: customId,
    components: Object.entries(fields).map(([id, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: id, value }],
    })),
  });
}

export function buildPing(applicationId = '100000000000000001') {
  return {
    id: localSnowflake(),
    application_id: applicationId,
    type: InteractionType.Ping,
    token: 'ping',
    version: 1,
  };
}
