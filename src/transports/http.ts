import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignatureVerifier, signatureHeadersPlausible } from './signature.ts';
import type { Transport, TransportDeps } from './transport.ts';

/**
 * The largest body Discord can send, with room to spare. The largest interactions are a modal
 * with five 4,000-character fields and a message command on a message with 4,000 characters and
 * 6,000 of embeds; even written entirely in characters JSON escapes as \u00XX they measure
 * about 118 KiB (test/http.test.ts builds them). Anything larger is not from Discord.
 */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * Bodies read at once before their signature can be checked: at most 16 MiB held for strangers.
 * Discord's own requests are small and quick, so the cap is reached only by a flood.
 */
export const MAX_PENDING_BODIES = 64;
/** How long a refused upload may go on being sent (and discarded) so the client reads the answer. */
const REFUSAL_LINGER_MS = 1_000;
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
  let pendingBodies = 0;

  const handleInteraction = async (request: IncomingMessage) => {
    const signature = request.headers['x-signature-ed25519'];
    const timestamp = request.headers['x-signature-timestamp'];
    if (!signatureHeadersPlausible(signature, timestamp, ctx.clock().getTime())) {
      throw new HttpFailure(401, 'invalid request signature');
    }
    if (pendingBodies >= MAX_PENDING_BODIES) throw new HttpFailure(503, 'busy, try again');
    pendingBodies++;
    let body: Buffer;
    try {
      body = await readBody(request);
    } finally {
      pendingBodies--;
    }
    const valid = verifySignature(signature, timestamp, body, ctx.clock().getTime());
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
        if (!request.complete) refuseUnreadBody(request, response);
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
 * Answers a request whose body was not read to the end, then closes its connection. node closes
 * the socket right after the answer, and a close with the client still sending makes the kernel
 * send a reset that can destroy the answer before the client reads it. So the socket only stops
 * sending (FIN) and the rest of the upload is discarded, never kept, for a moment before it closes.
 */
function refuseUnreadBody(request: IncomingMessage, response: ServerResponse) {
  request.removeAllListeners('data');
  response.setHeader('connection', 'close');
  const socket = request.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS).unref();
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
      // Nothing more is kept: what was read is dropped and the 413 goes out at once.
      chunks.length = 0;
      request.off('data', onData);
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
