import type { Actor } from '../../src/interactions/build.ts';

export const GUILD_A = '200000000000000001';
export const GUILD_B = '200000000000000002';

const MANAGE_GUILD = 1n << 5n;
const MANAGE_MESSAGES = 1n << 13n;
export const BASIC = (1n << 10n) | (1n << 11n); // view channel, send messages
/** The role that gives moderator() its permissions server-wide (see the stand-in's guilds). */
export const MODERATOR_ROLE = '500000000000000001';
export const MODERATOR_PERMISSIONS = BASIC | MANAGE_GUILD | MANAGE_MESSAGES;

export function member(userId = '300000000000000001', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: BASIC.toString() };
}

export function moderator(userId = '300000000000000099', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: MODERATOR_PERMISSIONS.toString(), roles: [MODERATOR_ROLE] };
}
