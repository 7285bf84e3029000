import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignatureVerifier } from '../http/signature.ts';
import type { Transport, TransportDeps } from './transport.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const SHUTDOWN_GRACE_MS = 10_000;

export interface HttpTransport extends Transport {
  /** The bound address (the port is chosen by the OS when PORT is 0 in tests). */
  url: string;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Discord's outgoing-webhook transport: every request is verified against the application's
 * public key before anything in it is parsed.
 */
export async function startHttpTransport(deps: TransportDeps): Promise<HttpTransport> {
  const { config, ctx, router } = deps;
  if (!config.publicKey) throw new Error('the HTTP transport needs DISCORD_PUBLIC_KEY');
  const verifySignature = createSignatureVerifier(config.publicKey);
  let accepting = true;

  const handleInteraction = async (request: IncomingMessage) => {
    const body = await readBody(request);
    const valid = verifySignature(
      request.headers['x-signature-ed25519'],
      request.headers['x-signature-timestamp'],
      body,
      ctx.clock().getTime(),
    );
    if (!valid) throw new HttpFailure(401, 'invalid request signature');
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpFailure(400, 'body is not JSON');
    }
    if (
      typeof payload !== 'object' ||
      payload === null ||
      typeof (payload as { type?: unknown }).type !== 'number'
    ) {
      throw new HttpFailure(400, 'body is not an interaction');
    }
    return router.route(payload, ctx);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (path === '/interactions') {
        if (request.method !== 'POST') throw new HttpFailure(405, 'use POST');
        if (!accepting) throw new HttpFailure(503, 'shutting down');
        send(response, 200, await handleInteraction(request));
      } else if (path === '/healthz') {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpFailure(405, 'use GET');
        const healthy = accepting && (await deps.databaseHealthy());
        send(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
      } else {
        throw new HttpFailure(404, 'not found');
      }
    } catch (error) {
      if (error instanceof HttpFailure) {
        if (error.status === 413) response.setHeader('connection', 'close');
        send(response, error.status, { error: error.message });
      } else {
        ctx.log.error({ err: error }, 'http request failed');
        send(response, 500, { error: 'internal error' });
      }
    }
  };

  const server = createServer(
    {
      // Slow or stalled clients are cut off instead of holding sockets open.
      headersTimeout: 5_000,
      requestTimeout: 10_000,
      keepAliveTimeout: 5_000,
      // How often those timeouts are checked; node's default (30 s) would let a stalled client linger.
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => void handle(request, response),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  ctx.log.info({ url }, 'listening for interactions over HTTP');

  return {
    url,
    async stop() {
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(deadline);
      await router.idle();
    },
  };
}

/**
 * Collects the body with plain stream events rather than `for await`: the async iterator's ticks and
 * promises cost about 5% of a PING in the HTTP throughput benchmark (test/bench).
 */
function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return Promise.reject(new HttpFailure(413, 'body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // The rest is drained unread; the 413 goes out with connection: close.
      request.off('data', onData);
      request.resume();
      reject(new HttpFailure(413, 'body too large'));
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
