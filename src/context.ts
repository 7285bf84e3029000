import type { REST } from '@discordjs/rest';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { FaqActivityLog } from './faq/activity-log.ts';
import type { FaqReads } from './faq/reads.ts';
import type { Logger } from './logger.ts';

/** Everything a handler may use, passed explicitly so a test can build one from real parts. */
export interface Context {
  db: Db;
  rest: REST;
  log: Logger;
  config: Config;
  clock: () => Date;
  /** Cached FAQ reads for /faq and its autocomplete. */
  faqReads: FaqReads;
  /** Typed questions and views, stored behind the replies. */
  faqActivity: FaqActivityLog;
}
