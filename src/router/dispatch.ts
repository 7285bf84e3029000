import {
  type APIInteraction,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { UserError } from '../errors.ts';
import type { ChatInputHandler, ChatInputInteraction, Command } from './command.ts';
import { guildMember, hasPermission } from './member.ts';
import { readOptions } from './options.ts';

/** The handler of a slash command: its `execute`, or the one its subcommand map names. */
export function chatInputHandler(command: Command, interaction: ChatInputInteraction): ChatInputHandler {
  if (command.execute) return command.execute;
  const { subcommand } = readOptions(interaction);
  const handler = Object.hasOwn(command.subcommands, subcommand)
    ? command.subcommands[subcommand]
    : undefined;
  if (!handler) {
    throw new UserError(
      `That /${command.data.name} subcommand is not one this bot knows. It may have been removed.`,
    );
  }
  return handler;
}

/** Commands are guild-only unless their definition lists other contexts. */
export function requireGuildUnlessAllowed(interaction: APIInteraction, command: Command): void {
  const contexts = command.data.contexts ?? [InteractionContextType.Guild];
  if (!interaction.guild_id && contexts.every((context) => context === InteractionContextType.Guild)) {
    throw new UserError('This only works inside a server, not in direct messages.');
  }
}

export const NOT_INSTALLED_MESSAGE =
  'This bot is not installed in this server, so it does not answer here. A server manager can add it to the server.';

/**
 * Whether a server interaction comes through the bot's install in that server. A member who
 * installed an app for themselves can use it in any server (Discord then names only the user in
 * `authorizing_integration_owners`); settings and posts must only ever follow a server's choice.
 */
export function isInstalledWhereUsed(interaction: APIInteraction): boolean {
  if (!interaction.guild_id) return true;
  const owners = interaction.authorizing_integration_owners as Partial<Record<string, unknown>> | undefined;
  return owners?.[ApplicationIntegrationType.GuildInstall] === interaction.guild_id;
}

const PERMISSION_NAMES = new Map<bigint, string>([
  [PermissionFlagsBits.ManageGuild, 'Manage Server'],
  [PermissionFlagsBits.ManageMessages, 'Manage Messages'],
]);

/** The bits a command's `default_member_permissions` asks for, or 0n when anyone may use it. */
function requiredPermissions(command: Command): bigint {
  const declared = command.data.default_member_permissions;
  return typeof declared === 'string' && /^\d+$/.test(declared) ? BigInt(declared) : 0n;
}

/**
 * Checks on the server side what a command's default_member_permissions only suggests to the
 * client: a server can grant the command to anyone, so every path of it checks the payload again.
 */
export function requireCommandPermissions(interaction: APIInteraction, command: Command): void {
  const required = requiredPermissions(command);
  if (required === 0n) return;
  if (!hasPermission(guildMember(interaction), required)) {
    const name = PERMISSION_NAMES.get(required);
    throw new UserError(`You need the ${name ?? 'required'} permission to do this.`);
  }
}

/** Whether the member behind an autocomplete may see suggestions of this command. */
export function mayUseCommand(interaction: APIInteraction, command: Command): boolean {
  const required = requiredPermissions(command);
  if (required === 0n) return true;
  try {
    return hasPermission(guildMember(interaction), required);
  } catch {
    return false;
  }
}
