import type { Actor } from '../../src/interactions/build.ts';

export const GUILD_A = '200000000000000001';
export const GUILD_B = '200000000000000002';

const MANAGE_GUILD = 1n << 5n;
const MANAGE_MESSAGES = 1n << 13n;
const BASIC = (1n << 10n) | (1n << 11n); // view channel, send messages

export function member(userId = '300000000000000001', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: BASIC.toString() };
}

export function moderator(userId = '300000000000000099', guildId: string | null = GUILD_A): Actor {
  return { guildId, userId, permissions: (BASIC | MANAGE_GUILD | MANAGE_MESSAGES).toString() };
}
