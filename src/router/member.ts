import { type APIInteraction, PermissionFlagsBits } from 'discord-api-types/v10';
import { isSnowflake } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';

export interface GuildMember {
  guildId: string;
  userId: string;
  /** The member's resolved permissions in the channel, as Discord computed them for this interaction. */
  permissions: bigint;
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
  return { guildId, userId, permissions };
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
