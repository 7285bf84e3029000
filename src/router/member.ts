import { type APIInteraction, PermissionFlagsBits } from 'discord-api-types/v10';
import { isSnowflake } from '../discord/snowflake.ts';
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
  /** When the member joined the server, as Discord sends it; null if it did not. */
  joinedAt: Date | null;
}

/** The guild and member behind an interaction; refuses interactions from outside a server. */
export function guildMember(interaction: APIInteraction): GuildMember {
  const guildId = interaction.guild_id;
  const member = interaction.member;
  const userId = member?.user?.id;
  if (!isSnowflake(guildId) || typeof userId !== 'string') {
    throw new UserError('This only works inside a server, not in direct messages.');
  }
  let permissions = 0n;
  if (typeof member?.permissions === 'string' && /^\d+$/.test(member.permissions)) {
    permissions = BigInt(member.permissions);
  }
  const roleIds = Array.isArray(member?.roles)
    ? member.roles.filter((id): id is string => isSnowflake(id))
    : [];
  const channel = interaction.channel as { id?: unknown; parent_id?: unknown } | undefined;
  const channelIds = [interaction.channel_id, channel?.id, channel?.parent_id].filter((id): id is string =>
    isSnowflake(id),
  );
  const joined = typeof member?.joined_at === 'string' ? new Date(member.joined_at) : null;
  const joinedAt = joined && Number.isFinite(joined.getTime()) ? joined : null;
  return { guildId, userId, permissions, roleIds, channelIds: [...new Set(channelIds)], joinedAt };
}

/** Whether the member holds every bit of `flag`; Administrator holds them all. */
export function hasPermission(member: GuildMember, flag: bigint): boolean {
  const { Administrator } = PermissionFlagsBits;
  return (member.permissions & flag) === flag || (member.permissions & Administrator) === Administrator;
}

/**
 * The bot's moderators are the members with Manage Server: they change its settings and the FAQ.
 * A command whose definition sets this as its default_member_permissions is refused by the router
 * to anyone else, on every path (see src/router/dispatch.ts).
 */
export const MODERATOR_ONLY = String(PermissionFlagsBits.ManageGuild);
