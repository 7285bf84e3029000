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
 * Fires signed interaction bodies at a server. Signatures carry a timestamp the server accepts
 * for five minutes only, so the pool is signed right before each run.
 */
export async function fireInteractions(
  base: string,
  bodies: readonly string[],
  signer: Signer,
  options: LoadOptions,
): Promise<LoadResult> {
  const requests = bodies.map((body) => ({
    method: 'POST' as const,
    path: '/interactions',
    headers: signer.signedHeaders(body),
    body,
  }));
  const result = await autocannon({
    url: base,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
    requests,
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
