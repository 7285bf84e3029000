import { type KeyObject, sign } from 'node:crypto';
import { Agent, request } from 'node:http';
import { sleep } from './stats.ts';

export interface SignedRequest {
  /** When to send it, in milliseconds from the start. */
  atMs: number;
  body: string;
  headers: Record<string, string>;
}

export interface Answered {
  /** Sent at (ms from the start) and how long the answer took. */
  atMs: number;
  ms: number;
  ok: boolean;
}

/** Signs a body as Discord does, ahead of time: signing while sending would slow the sender itself. */
export function signedRequest(privateKey: KeyObject, payload: unknown, atMs: number): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000).toString();
  return {
    atMs,
    body,
    headers: {
      'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
      'x-signature-timestamp': timestamp,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  };
}

/**
 * Sends each request at its time over keep-alive connections (as many as are busy at once, like
 * Discord's), with node:http rather than fetch: the sender must cost far less than the bot it measures.
 */
export async function sendPaced(url: string, requests: readonly SignedRequest[]): Promise<Answered[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const answered: Answered[] = [];
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  try {
    for (const entry of requests) {
      const wait = entry.atMs - (performance.now() - started);
      if (wait > 1) await sleep(wait);
      const sentAt = performance.now();
      pending.push(
        new Promise<void>((resolve) => {
          const done = (ok: boolean) => {
            answered.push({ atMs: sentAt - started, ms: performance.now() - sentAt, ok });
            resolve();
          };
          const outgoing = request(url, { method: 'POST', agent, headers: entry.headers }, (response) => {
            response.resume();
            response.on('end', () => done(response.statusCode === 200));
            response.on('error', () => done(false));
          });
          outgoing.on('error', () => done(false));
          outgoing.end(entry.body);
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
  }
  return answered;
}
