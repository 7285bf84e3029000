import { REST, type RequestData, type RouteLike } from '@discordjs/rest';
import { type APIEmbed, ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { type Actor, type LocalChannel, localSnowflake } from '../payloads/fake-interactions.ts';

/** The offline stand-ins for a server: a guild, a few channels, and who you are in it. */
const LOCAL_GUILD_ID = '100000000000000100';
export const LOCAL_CHANNELS: readonly LocalChannel[] = [
  { id: '100000000000000301', name: 'general', type: ChannelType.GuildText },
  { id: '100000000000000302', name: 'research-openings', type: ChannelType.GuildForum },
  { id: '100000000000000303', name: 'announcements', type: ChannelType.GuildAnnouncement },
  { id: '100000000000000304', name: 'portfolio-checks', type: ChannelType.GuildText },
  { id: '100000000000000305', name: 'voice-lounge', type: ChannelType.GuildVoice },
  { id: '100000000000000306', name: 'mods', type: ChannelType.GuildText },
];

const VIEW_AND_SEND = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
/** `/as member` and `/as moderator`: the two people a server has. */
export const LOCAL_ROLES = {
  moderator: {
    userId: '100000000000000200',
    username: 'you (moderator)',
    permissions: PermissionFlagsBits.Administrator | VIEW_AND_SEND,
  },
  member: { userId: '100000000000000201', username: 'you (member)', permissions: VIEW_AND_SEND },
} as const;
export type LocalRole = keyof typeof LOCAL_ROLES;

export function localActor(role: LocalRole): Actor {
  const { userId, username, permissions } = LOCAL_ROLES[role];
  return {
    guildId: LOCAL_GUILD_ID,
    userId,
    username,
    permissions: permissions.toString(),
    channelId: LOCAL_CHANNELS[0]?.id ?? '',
  };
}

export interface LocalMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  /** A forum post's title, for the first message of a thread. */
  threadName?: string;
  archived?: boolean;
  at: Date;
  edited: boolean;
}

interface ChannelBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  name?: string;
  archived?: boolean;
  nonce?: string;
  enforce_nonce?: boolean;
  message?: { content?: string; embeds?: APIEmbed[]; components?: unknown[] };
}

/**
 * What the bot posts to channels while it runs in the console: the requests it would send to
 * Discord are answered here, and the messages kept so `/channel #name` can show them. Routes the
 * bot does not use are refused like Discord refuses a bad route, with a 404.
 */
export function createLocalDiscord() {
  const messages: LocalMessage[] = [];
  let onPost: (message: LocalMessage) => void = () => {};
  // A forum post is a thread whose starter message has the thread's id.
  const threadForum = new Map<string, string>();

  const save = (channelId: string, body: ChannelBody, threadName?: string, id = localSnowflake()) => {
    const message: LocalMessage = {
      id,
      channelId,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      at: new Date(),
      edited: false,
      ...(threadName ? { threadName } : {}),
    };
    messages.push(message);
    onPost(message);
    return message;
  };

  // Discord returns the first message again for a create repeated with the same enforced nonce.
  const byNonce = new Map<string, LocalMessage>();

  const handle = (method: string, route: string, body: ChannelBody): unknown => {
    const parts = route.split('/').filter(Boolean);
    if (method === 'GET' && parts[0] === 'guilds' && parts[2] === 'threads' && parts[3] === 'active') {
      const threads = messages
        .filter((message) => message.threadName !== undefined && !message.archived)
        .map((message) => ({ id: message.id, parent_id: message.channelId, name: message.threadName }));
      return { threads, members: [] };
    }
    if (parts[0] !== 'channels' || !parts[1]) throw notFound(route);
    const channelId = parts[1];
    if (method === 'GET' && parts.length === 2) {
      const channel = LOCAL_CHANNELS.find((candidate) => candidate.id === channelId);
      if (!channel) throw notFound(route);
      return { ...channel, guild_id: LOCAL_GUILD_ID, available_tags: [] };
    }
    if (method === 'GET' && parts[2] === 'messages' && parts[3]) {
      const message = messages.find((candidate) => candidate.id === parts[3]);
      if (!message) throw notFound(route);
      return { id: message.id, channel_id: channelId, content: message.content, embeds: message.embeds };
    }
    if (method === 'POST' && parts[2] === 'messages') {
      const earlier = body.enforce_nonce && body.nonce ? byNonce.get(body.nonce) : undefined;
      if (earlier)
        return { id: earlier.id, channel_id: channelId, content: earlier.content, embeds: earlier.embeds };
      const forum = threadForum.get(channelId);
      const message = save(forum ?? channelId, body);
      if (body.enforce_nonce && body.nonce) byNonce.set(body.nonce, message);
      return { id: message.id, channel_id: channelId };
    }
    if (method === 'POST' && parts[2] === 'threads') {
      const id = localSnowflake();
      threadForum.set(id, channelId);
      save(channelId, body.message ?? {}, body.name ?? 'post', id);
      return { id, name: body.name, parent_id: channelId, message: { id } };
    }
    if (method === 'PATCH' && parts[2] === 'messages' && parts[3]) {
      // A post made before this console started is not kept here: its edit stands in for it.
      const message =
        messages.find((candidate) => candidate.id === parts[3]) ??
        save(threadForum.get(channelId) ?? knownChannelOr(channelId), body, undefined, parts[3]);
      if (body.content !== undefined) message.content = body.content;
      if (body.embeds !== undefined) message.embeds = body.embeds;
      if (body.components !== undefined) message.components = body.components;
      message.edited = true;
      return { id: message.id, channel_id: channelId };
    }
    if (method === 'PATCH' && parts.length === 2) {
      const starter = messages.find((candidate) => candidate.id === channelId);
      if (starter && body.name) starter.threadName = body.name;
      if (starter && body.archived !== undefined) starter.archived = body.archived;
      return { id: channelId };
    }
    throw notFound(route);
  };

  const rest = new REST();
  // Every verb of REST goes through request(): answering it here keeps the bot's code unchanged.
  rest.request = async (options: RequestData & { fullRoute: RouteLike; method: string }) =>
    handle(options.method.toUpperCase(), options.fullRoute, (options.body ?? {}) as ChannelBody);

  return {
    rest,
    /** Called with every new post (the console announces it above the prompt). */
    onPost(listener: (message: LocalMessage) => void) {
      onPost = listener;
    },
    /** The messages of a channel, oldest first. */
    messagesIn(channelId: string): LocalMessage[] {
      return messages.filter((message) => message.channelId === channelId);
    },
  };
}

/** An id from an earlier session is a thread: here threads are only forum posts. */
function knownChannelOr(channelId: string): string {
  if (LOCAL_CHANNELS.some((channel) => channel.id === channelId)) return channelId;
  return LOCAL_CHANNELS.find((channel) => channel.type === ChannelType.GuildForum)?.id ?? channelId;
}

function notFound(route: string) {
  return Object.assign(new Error(`the console has no ${route}`), { status: 404 });
}
