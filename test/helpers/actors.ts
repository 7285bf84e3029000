import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Actor } from '../../src/interactions/build.ts';

export const GUILD_A = '200000000000000001';
export const GUILD_B = '200000000000000002';

const { ManageGuild: MANAGE_GUILD, ManageMessages: MANAGE_MESSAGES } = PermissionFlagsBits;
const BASIC = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

export function member(userId = '300000000000000001', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: BASIC.toString() };
}

export function moderator(userId = '300000000000000099', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: (BASIC | MANAGE_GUILD | MANAGE_MESSAGES).toString() };
}
