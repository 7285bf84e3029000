import { type APIInteraction, PermissionFlagsBits } from 'discord-api-types/v10';
import { UserError } from '../errors.ts';

export interface GuildMember {
  guildId: string;
  userId: string;
  /** The member's resolved permissions in the channel, as Discord computed them for this interaction. */
  permissions: bigint;
  /** The member's role ids in this server. */
  roleIds: string[];
  /** The channel the interaction came from, and its parent (a thread's channel, a forum post's forum). */
  channelIds: string[];
}

const SNOWFLAKE = /^\d{1,20}$/;

/** The guild and member behind an interaction; refuses interactions from outside a server. */
export function guildMember(interaction: APIInteraction): GuildMember {
  const guildId = interaction.guild_id;
  const member = interaction.member;
  const userId = member?.user?.id;
  if (typeof guildId !== 'string' || !SNOWFLAKE.test(guildId) || typeof userId !== 'string') {
    throw new UserError('This only works inside a server, not in direct messages.');
  }
  let permissions = 0n;
  if (typeof member?.permissions === 'string' && /^\d+$/.test(member.permissions)) {
    permissions = BigInt(member.permissions);
  }
  const roleIds = Array.isArray(member?.roles)
    ? member.roles.filter((id): id is string => typeof id === 'string' && SNOWFLAKE.test(id))
    : [];
  const channel = interaction.channel as { id?: unknown; parent_id?: unknown } | undefined;
  const channelIds = [interaction.channel_id, channel?.id, channel?.parent_id].filter(
    (id): id is string => typeof id === 'string' && SNOWFLAKE.test(id),
  );
  return { guildId, userId, permissions, roleIds, channelIds: [...new Set(channelIds)] };
}

export function hasPermission(member: GuildMember, flag: bigint): boolean {
  const ADMINISTRATOR = 1n << 3n;
  return (member.permissions & flag) === flag || (member.permissions & ADMINISTRATOR) === ADMINISTRATOR;
}

/**
 * Checks on the server side what the command's default_member_permissions only suggests to the
 * client: a moderator may have changed the command's permissions in the server settings.
 */
function requirePermission(member: GuildMember, flag: bigint, what: string): void {
  if (!hasPermission(member, flag)) {
    throw new UserError(`You need the ${what} permission to do this.`);
  }
}

/** The bot's moderators are the members with Manage Server: they change its settings and the FAQ. */
export const MODERATOR_ONLY = String(PermissionFlagsBits.ManageGuild);

export function isModerator(member: GuildMember): boolean {
  return hasPermission(member, PermissionFlagsBits.ManageGuild);
}

/**
 * The member behind a moderator-only interaction, or a UserError. default_member_permissions only
 * hides a command: a server can grant it to anyone, so every path checks the payload again.
 */
export function requireModerator(interaction: APIInteraction): GuildMember {
  const member = guildMember(interaction);
  requirePermission(member, PermissionFlagsBits.ManageGuild, 'Manage Server');
  return member;
}
