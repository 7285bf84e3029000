import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from '@discordjs/rest';
import { localSnowflake } from '../../src/interactions/build.ts';

export interface RecordedRequest {
  method: string;
  /** Path below the API version, e.g. `/channels/123/messages`. */
  path: string;
  body: unknown;
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

  /** A REST client with a bot token, pointed at this stand-in, retrying quickly. */
  createRest(): REST {
    return new REST({
      api: this.apiBase,
      retries: 1,
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

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((request.url ?? '').replace(/^\/api(\/v\d+)?/, '').split('?')[0] ?? '');
    let body: unknown = raw;
    if ((request.headers['content-type'] ?? '').includes('application/json') && raw) body = JSON.parse(raw);
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      body,
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
    reply ??= defaultReply(recorded);
    // Like Discord, a 204 carries no body and so no content type (@discordjs/rest would parse it).
    const type = reply.status === 204 ? {} : { 'content-type': 'application/json' };
    response.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
    response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}

function defaultReply(request: RecordedRequest): StandInReply {
  const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(request.path);
  if (request.method === 'POST' && channelMessage) {
    return { body: { id: localSnowflake(), channel_id: channelMessage[1], ...(request.body as object) } };
  }
  const forumThread = /^\/channels\/(\d+)\/threads$/.exec(request.path);
  if (request.method === 'POST' && forumThread) {
    const id = localSnowflake();
    return { body: { id, parent_id: forumThread[1], type: 11, message: { id, channel_id: id } } };
  }
  if (request.method === 'PATCH' || request.method === 'POST') {
    return { body: { id: localSnowflake(), ...(request.body as object) } };
  }
  if (request.method === 'DELETE' || request.method === 'PUT') return { status: 204 };
  return { status: 404, body: { message: 'Unknown', code: 0 } };
}
