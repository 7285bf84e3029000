import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import type { Router } from '../router/router.ts';

export interface TransportDeps {
  config: Config;
  ctx: Context;
  router: Router;
  /** Whether the database answers: the HTTP transport's /healthz reports it. */
  databaseHealthy: () => Promise<boolean>;
}

/** A running transport; `stop` stops taking interactions and waits for those in flight. */
export interface Transport {
  stop(): Promise<void>;
  /**
   * Settles when the transport ends by itself: resolves at the console's end of input, rejects when
   * the gateway connection is lost for good; never for the HTTP server.
   */
  done?: Promise<void>;
}
