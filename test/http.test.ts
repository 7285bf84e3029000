import { connect } from 'node:net';
import { type APIEmbed, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import type { Database } from '../src/db/client.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { buildChatInput, buildModalSubmit, buildPing } from '../src/payloads/fake-interactions.ts';
import { createRouter } from '../src/router/router.ts';
import {
  type HttpTransport,
  MAX_BODY_BYTES,
  MAX_PENDING_BODIES,
  startHttpTransport,
} from '../src/transports/http.ts';
import { member } from './helpers/actors.ts';
import { createTestContext, testConfig } from './helpers/context.ts';
import { createTestDatabase } from './helpers/db.ts';
import { DiscordStandIn } from './helpers/discord-stand-in.ts';
import { createSigner } from './helpers/signing.ts';

const signer = createSigner();
const helpDefinition = commands.find((command) => command.data.name === 'help')?.data;

describe('HTTP interactions transport', () => {
  let database: Database;
  let standIn: DiscordStandIn;
  let server: HttpTransport;
  let healthy = true;

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await new DiscordStandIn().start();
    const config = {
      ...testConfig({ BOT_TRANSPORT: 'http', DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
      port: 0,
    };
    const { ctx } = createTestContext({ db: database.db, rest: standIn.createRest(), config });
    server = await startHttpTransport({
      config,
      ctx,
      router: createRouter(commands),
      databaseHealthy: async () => healthy,
    });
  });
  afterAll(async () => {
    await server.stop();
    await standIn.stop();
    await database.close();
  });

  const post = (body: string | Buffer, headers: Record<string, string> = signer.signedHeaders(body)) =>
    fetch(`${server.url}/interactions`, { method: 'POST', body, headers });

  it('answers a signed PING with PONG as JSON', async () => {
    const response = await post(JSON.stringify(buildPing()));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ type: InteractionResponseType.Pong });
  });

  it('answers a signed /help with an embed that fits Discord’s limits', async () => {
    if (!helpDefinition) throw new Error('no /help');
    const response = await post(JSON.stringify(buildChatInput(helpDefinition, {}, member())));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { type: number; data: { flags: number; embeds: APIEmbed[] } };
    expect(body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(body.data.embeds).toHaveLength(1);
    expect(embedProblems(body.data.embeds[0] ?? {})).toEqual([]);
  });

  it.each([
    [
      'a tampered body',
      () => ({
        body: JSON.stringify(buildPing('999')),
        headers: signer.signedHeaders(JSON.stringify(buildPing())),
      }),
    ],
    [
      'another key',
      () => ({
        body: JSON.stringify(buildPing()),
        headers: createSigner().signedHeaders(JSON.stringify(buildPing())),
      }),
    ],
    [
      'no signature headers',
      () => ({ body: JSON.stringify(buildPing()), headers: { 'content-type': 'application/json' } }),
    ],
    [
      'a 63-byte signature',
      () => {
        const body = JSON.stringify(buildPing());
        const headers = signer.signedHeaders(body);
        return {
          body,
          headers: { ...headers, 'x-signature-ed25519': headers['x-signature-ed25519'].slice(0, 126) },
        };
      },
    ],
    [
      'a signature with a stray character',
      () => {
        const body = JSON.stringify(buildPing());
        const headers = signer.signedHeaders(body);
        return { body, headers: { ...headers, 'x-signature-ed25519': `${headers['x-signature-ed25519']}0` } };
      },
    ],
    [
      'a timestamp more than 5 minutes old',
      () => {
        const body = JSON.stringify(buildPing());
        return { body, headers: signer.signedHeaders(body, String(Math.floor(Date.now() / 1000) - 301)) };
      },
    ],
    [
      'a timestamp more than 5 minutes ahead',
      () => {
        const body = JSON.stringify(buildPing());
        return { body, headers: signer.signedHeaders(body, String(Math.floor(Date.now() / 1000) + 301)) };
      },
    ],
  ])('refuses %s with 401', async (_label, make) => {
    const { body, headers } = make();
    const response = await post(body, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  /** Sends raw bytes until the server answers; resolves with what came back before the socket closed. */
  const rawUpload = (head: string, chunk: Buffer, total: number) =>
    new Promise<{ answer: string; sent: number }>((resolve) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      let sent = 0;
      const pump = () => {
        while (sent < total && answer === '') {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      socket.on('connect', () => {
        socket.write(head);
        pump();
      });
      socket.on('data', (data) => {
        answer += String(data);
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve({ answer, sent }));
    });

  it('answers an oversized body with 413 before closing, declared or sent in chunks, without reading it all', async () => {
    const headers = signer.signedHeaders('{}');
    const signed = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const declared = await rawUpload(
      `POST /interactions HTTP/1.1\r\nhost: x\r\n${signed}content-length: 10000000\r\n\r\n`,
      Buffer.alloc(64 * 1024, 'a'),
      10_000_000,
    );
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.answer).toMatch(/connection: close/i);
    const chunk = Buffer.from(`10000\r\n${'a'.repeat(0x10000)}\r\n`);
    const chunked = await rawUpload(
      `POST /interactions HTTP/1.1\r\nhost: x\r\n${signed}transfer-encoding: chunked\r\n\r\n`,
      chunk,
      10_000_000,
    );
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /);
    // Not the 10 MB: the answer came once the limit was passed (plus what the sockets buffer).
    expect(chunked.sent).toBeLessThan(8_000_000);
  });

  it('refuses unsigned or stale requests before reading their body', async () => {
    const unsigned = await rawUpload(
      'POST /interactions HTTP/1.1\r\nhost: x\r\ncontent-length: 200000\r\n\r\n',
      Buffer.alloc(1000, 'a'),
      1000,
    );
    expect(unsigned.answer).toMatch(/^HTTP\/1\.1 401 /);
  });

  it(`holds at most ${MAX_PENDING_BODIES} bodies at once before their signature is checked`, async () => {
    const { port } = new URL(server.url);
    const head = `POST /interactions HTTP/1.1\r\nhost: x\r\n${Object.entries(signer.signedHeaders('{}'))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}content-length: 200000\r\n\r\n{`;
    const stalled = await Promise.all(
      Array.from(
        { length: MAX_PENDING_BODIES },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () =>
              socket.write(head, () => resolve(socket)),
            );
            socket.on('error', () => {});
          }),
      ),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await rawUpload(head, Buffer.alloc(1000, 'a'), 1000);
      expect(refused.answer).toMatch(/^HTTP\/1\.1 503 /);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await post(JSON.stringify(buildPing()))).status).toBe(200);
  });

  it('takes the largest interactions Discord can send, which sit well under the limit', async () => {
    // Characters JSON escapes as \u00XX take six bytes each: the worst case for a given length.
    const worst = (length: number) => '\u0001'.repeat(length);
    const modal = buildModalSubmit(
      'faq-admin:add',
      Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((id) => [id, worst(4000)])),
      member(),
    );
    const embeds = Array.from({ length: 10 }, () => ({ title: worst(256), description: worst(344) }));
    const message = { id: '100000000000000900', content: worst(4000), embeds, attachments: [] };
    // A message command on a forwarded message carries the message and its snapshot.
    const messageCommand = {
      ...buildPing(),
      type: 2,
      data: {
        type: 3,
        name: 'Answer with FAQ',
        target_id: message.id,
        resolved: { messages: { [message.id]: { ...message, message_snapshots: [{ message }] } } },
      },
    };
    for (const payload of [modal, messageCommand]) {
      const size = Buffer.byteLength(JSON.stringify(payload));
      expect(size).toBeLessThan(MAX_BODY_BYTES * 0.65);
      expect((await post(JSON.stringify(payload))).status).not.toBe(413);
    }
  });

  it('refuses a signed body that is not JSON, or not an interaction, with 400', async () => {
    expect((await post('not json at all')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post('{"hello":"world"}')).status).toBe(400);
  });

  it('answers other methods with 405 and other paths with 404', async () => {
    expect((await fetch(`${server.url}/interactions`)).status).toBe(405);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}/admin`)).status).toBe(404);
  });

  it('reports health: 200 while the database answers, 503 while it does not', async () => {
    const ok = await fetch(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    healthy = false;
    const down = await fetch(`${server.url}/healthz`);
    healthy = true;
    expect(down.status).toBe(503);
  });

  it.each([
    ['while sending headers', 'POST /interactions HTTP/1.1\r\nHost: bot\r\nX-Slow: '],
    [
      'after promising a signed body',
      `POST /interactions HTTP/1.1\r\nHost: bot\r\n${Object.entries(signer.signedHeaders('{}'))
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}Content-Length: 100\r\n\r\n{`,
    ],
  ])(
    'cuts off a client that stalls %s',
    async (_label, partial) => {
      const url = new URL(server.url);
      const socket = connect(Number(url.port), url.hostname);
      const received: Buffer[] = [];
      socket.on('data', (chunk) => received.push(chunk));
      socket.write(partial);
      await new Promise((resolve) => socket.on('close', resolve));
      const answer = Buffer.concat(received).toString();
      expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
    },
    25_000,
  );

  it('answers 200 concurrent signed requests correctly', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        post(JSON.stringify(buildPing())).then((response) => response.json() as Promise<{ type: number }>),
      ),
    );
    expect(responses.every((body) => body.type === InteractionResponseType.Pong)).toBe(true);
  });
});
