import autocannon from 'autocannon';
import type { createSigner } from '../../helpers/signing.ts';

type Signer = ReturnType<typeof createSigner>;

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Non-2xx answers plus connection errors and timeouts: any of them makes the figure suspect. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  /** Seconds; ignored when amount is set. */
  duration?: number;
  amount?: number;
}

/**
 * Hands out bodies in order, wrapping at the end. Shared by every connection and kept across runs,
 * so a list of distinct requests stays distinct (autocannon's own list starts over on each connection).
 */
export function bodyCycle(bodies: readonly string[]): () => string {
  let next = 0;
  return () => bodies[next++ % bodies.length] ?? '';
}

/**
 * Fires signed interaction bodies at a server. Signatures carry a timestamp the server accepts
 * for five minutes only, so each request is signed as it is sent.
 */
export async function fireInteractions(
  base: string,
  nextBody: () => string,
  signer: Signer,
  options: LoadOptions,
): Promise<LoadResult> {
  const result = await autocannon({
    url: base,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
    requests: [
      {
        method: 'POST',
        path: '/interactions',
        setupRequest: (request) => {
          const body = nextBody();
          return { ...request, body, headers: signer.signedHeaders(body) };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
