import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Actor } from '../../src/payloads/fake-interactions.ts';

export const GUILD_A = '200000000000000001';
export const GUILD_B = '200000000000000002';

const { ManageGuild: MANAGE_GUILD, ManageMessages: MANAGE_MESSAGES } = PermissionFlagsBits;
export const BASIC = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
/** The role that gives moderator() its permissions server-wide (see the stand-in's guilds). */
export const MODERATOR_ROLE = '500000000000000001';
export const MODERATOR_PERMISSIONS = BASIC | MANAGE_GUILD | MANAGE_MESSAGES;

export function member(userId = '300000000000000001', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: BASIC.toString() };
}

export function moderator(userId = '300000000000000099', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: MODERATOR_PERMISSIONS.toString(), roles: [MODERATOR_ROLE] };
}
