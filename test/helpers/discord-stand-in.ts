import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import { localSnowflake } from '../../src/payloads/fake-interactions.ts';
import { BASIC, MODERATOR_PERMISSIONS, MODERATOR_ROLE } from './actors.ts';

/** Who owns every server the stand-in knows, unless a test says otherwise: nobody the tests act as. */
export const GUILD_OWNER = '300000000000000000';

export interface RecordedRequest {
  method: string;
  /** Path below the API version, e.g. `/channels/123/messages`. */
  path: string;
  body: unknown;
  /** The body's bytes as sent (a multipart body carries files, which text would garble). */
  raw: Buffer;
  headers: IncomingMessage['headers'];
}

export interface StandInReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: RecordedRequest) => StandInReply | undefined | Promise<StandInReply | undefined>;

/**
 * A local stand-in for Discord's REST API on loopback: it records every request and answers
 * with plausible bodies, or with what a test registered for a route (a 500, a 403, a channel).
 * Only what lives on Discord's side is faked; the bot talks to it through the real @discordjs/rest.
 */
export class DiscordStandIn {
  readonly requests: RecordedRequest[] = [];
  /**
   * Messages created with `enforce_nonce`, by channel and nonce: as on Discord, a create with a
   * nonce seen before returns the first message instead of posting another.
   */
  readonly messagesByNonce = new Map<string, unknown>();
  /** Forum posts created, as Discord lists them under the guild's active threads. */
  readonly activeThreads: Array<{ id: string; parent_id: string; name: string; message: unknown }> = [];
  private readonly handlers: Array<{ method: string; pattern: RegExp; handler: Handler; times: number }> = [];
  private server: Server | undefined;
  apiBase = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiBase = `http://127.0.0.1:${port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** A REST client with a bot token, pointed at this stand-in, retrying quickly (once by default). */
  createRest(retries = 1): REST {
    return new REST({
      api: this.apiBase,
      retries,
      timeout: 2_000,
      globalRequestsPerSecond: 10_000,
    }).setToken('stand-in-token');
  }

  /** Answers matching requests with the handler; `times` limits how often (then default again). */
  on(method: string, pattern: RegExp, handler: Handler, times = Number.POSITIVE_INFINITY): this {
    this.handlers.unshift({ method, pattern, handler, times });
    return this;
  }

  /** Requests matching a method and path pattern, in order. */
  find(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && pattern.test(request.path));
  }

  clear(): void {
    this.requests.length = 0;
  }

  /** Forgets what Discord holds (messages by nonce, forum posts), for a fresh start. */
  forget(): void {
    this.messagesByNonce.clear();
    this.activeThreads.length = 0;
  }

  /**
   * What Discord keeps of a create: the message for a nonce, the thread of a forum post. A test
   * whose handler answers a create with an error calls it to make the create happen anyway (a
   * reply lost on its way back).
   */
  remember(request: RecordedRequest): StandInReply | undefined {
    const body = request.body as { nonce?: string; enforce_nonce?: boolean; name?: string; message?: object };
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(request.path);
    if (request.method === 'POST' && channelMessage && body?.enforce_nonce && body.nonce) {
      const key = `${channelMessage[1]}:${body.nonce}`;
      const first = this.messagesByNonce.get(key);
      if (first) return { body: first };
      const created = { id: localSnowflake(), channel_id: channelMessage[1], ...body };
      this.messagesByNonce.set(key, created);
      return { body: created };
    }
    const forumThread = /^\/channels\/(\d+)\/threads$/.exec(request.path);
    if (request.method === 'POST' && forumThread) {
      const id = localSnowflake();
      const message = { id, channel_id: id, ...body?.message };
      this.activeThreads.push({ id, parent_id: forumThread[1] ?? '', name: body?.name ?? '', message });
      return { body: { id, parent_id: forumThread[1], type: 11, name: body?.name, message } };
    }
    const activeThreads = /^\/guilds\/(\d+)\/threads\/active$/.exec(request.path);
    if (request.method === 'GET' && activeThreads) {
      const threads = this.activeThreads.map(({ id, parent_id, name }) => ({
        id,
        parent_id,
        name,
        type: 11,
      }));
      return { body: { threads, members: [] } };
    }
    const starter = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(request.path);
    const thread = this.activeThreads.find((candidate) => candidate.id === starter?.[1]);
    if (request.method === 'GET' && starter && thread && starter[1] === starter[2])
      return { body: thread.message };
    return undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = decodeURIComponent((request.url ?? '').replace(/^\/api(\/v\d+)?/, '').split('?')[0] ?? '');
    let body: unknown = raw;
    if ((request.headers['content-type'] ?? '').includes('application/json') && raw) body = JSON.parse(raw);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      body,
      raw: bytes,
      headers: request.headers,
    };
    this.requests.push(recorded);

    let reply: StandInReply | undefined;
    for (const entry of this.handlers) {
      if (entry.times <= 0 || entry.method !== recorded.method || !entry.pattern.test(path)) continue;
      reply = await entry.handler(recorded);
      if (reply) {
        entry.times -= 1;
        break;
      }
    }
    reply ??= this.remember(recorded) ?? defaultReply(recorded);
    // Like Discord, a 204 carries no body and so no content type (@discordjs/rest would parse it).
    const type = reply.status === 204 ? {} : { 'content-type': 'application/json' };
    response.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
    response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

function defaultReply(request: RecordedRequest): StandInReply {
  const guild = /^\/guilds\/(\d+)$/.exec(request.path);
  if (request.method === 'GET' && guild) {
    // Every server: members may view and send; the moderator role of test/helpers/actors.ts moderates.
    const roles = [
      { id: guild[1], name: '@everyone', permissions: BASIC.toString() },
      { id: MODERATOR_ROLE, name: 'Moderators', permissions: MODERATOR_PERMISSIONS.toString() },
    ];
    return { body: { id: guild[1], name: 'Stand-in server', owner_id: GUILD_OWNER, roles } };
  }
  const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(request.path);
  if (request.method === 'POST' && channelMessage) {
    return { body: { id: localSnowflake(), channel_id: channelMessage[1], ...(request.body as object) } };
  }
  if (request.method === 'PATCH' || request.method === 'POST') {
    return { body: { id: localSnowflake(), ...(request.body as object) } };
  }
  if (request.method === 'DELETE' || request.method === 'PUT') return { status: 204 };
  return { status: 404, body: { message: 'Unknown', code: 0 } };
}
