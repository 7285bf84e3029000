import { DiscordAPIError, type REST } from '@discordjs/rest';
import { type APIGuild, type APIOverwrite, PermissionFlagsBits, Routes } from 'discord-api-types/v10';

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

interface GuildRoles {
  guildId: string;
  ownerId: string;
  roles: ReadonlyArray<{ id: string; permissions: string }>;
}

/**
 * A member's permissions in a channel, computed as Discord documents it: the @everyone role and the
 * member's roles, everything for the owner or an Administrator, then the channel's overwrites for
 * @everyone, for the member's roles together, and for the member. Pure, so it is tested directly.
 */
export function channelPermissions(
  subject: PermissionSubject,
  guild: GuildRoles,
  overwrites: readonly Pick<APIOverwrite, 'id' | 'allow' | 'deny'>[],
): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  const held = new Set([guild.guildId, ...subject.roleIds]);
  let permissions = 0n;
  for (const role of guild.roles) if (held.has(role.id)) permissions |= BigInt(role.permissions);
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;
  const apply = (allow: bigint, deny: bigint) => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((overwrite) => overwrite.id === guild.guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.id === guild.guildId || !subject.roleIds.includes(overwrite.id)) continue;
    roleAllow |= BigInt(overwrite.allow);
    roleDeny |= BigInt(overwrite.deny);
  }
  apply(roleAllow, roleDeny);
  const own = overwrites.find((overwrite) => overwrite.id === subject.userId);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}

/**
 * The member's permissions in `channelId` (or, with null or a channel that no longer exists, in the
 * server as a whole), from the server's roles and the channel's overwrites as Discord has them now.
 */
export async function fetchChannelPermissions(
  rest: REST,
  guildId: string,
  subject: PermissionSubject,
  channelId: string | null,
): Promise<bigint> {
  const guild = (await rest.get(Routes.guild(guildId))) as Pick<APIGuild, 'id' | 'owner_id' | 'roles'>;
  const channel = channelId ? await fetchOverwrites(rest, channelId) : null;
  return channelPermissions(
    subject,
    { guildId, ownerId: guild.owner_id, roles: guild.roles ?? [] },
    channel?.permission_overwrites ?? [],
  );
}

async function fetchOverwrites(
  rest: REST,
  channelId: string,
): Promise<{ permission_overwrites?: APIOverwrite[] } | null> {
  try {
    return (await rest.get(Routes.channel(channelId))) as { permission_overwrites?: APIOverwrite[] };
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 404) return null;
    throw error;
  }
}
