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
  /** Resolves when the transport ends by itself (the console at end of input); never for servers. */
  done?: Promise<void>;
}
