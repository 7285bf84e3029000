import { createServer } from 'node:http';
import { createSignatureVerifier } from '../../src/transports/signature.ts';

/**
 * The floor for the HTTP benchmarks: the work no interactions endpoint can skip (node:http, reading
 * the body, the bot's own Ed25519 check) and nothing else, answering with a fixed response.
 */
const publicKey = process.env.DISCORD_PUBLIC_KEY ?? '';
const verify = createSignatureVerifier(publicKey);
const FIXED = JSON.stringify({ type: 1 });
const HEALTHY = JSON.stringify({ status: 'ok' });

const server = createServer((request, response) => {
  const send = (status: number, text: string) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };
  if (request.url === '/healthz') return send(200, HEALTHY);
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const valid = verify(
      request.headers['x-signature-ed25519'],
      request.headers['x-signature-timestamp'],
      Buffer.concat(chunks),
      Date.now(),
    );
    send(valid ? 200 : 401, valid ? FIXED : '{"error":"invalid request signature"}');
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
