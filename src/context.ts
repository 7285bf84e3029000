import type { REST } from '@discordjs/rest';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './logger.ts';

/** Everything a handler may use, passed explicitly so a test can build one from real parts. */
export interface Context {
  db: Db;
  rest: REST;
  log: Logger;
  config: Config;
  clock: () => Date;
}
