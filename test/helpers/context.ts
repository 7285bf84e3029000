import { Writable } from 'node:stream';
import type { REST } from '@discordjs/rest';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { Db } from '../../src/db/client.ts';
import { createFaqActivityLog } from '../../src/faq/activity-log.ts';
import { createFaqReads } from '../../src/faq/reads.ts';
import { createLogger } from '../../src/logger.ts';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines a test can read back. */
export function recordingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger('debug', stream), lines };
}

/** A settable clock, so scheduling and expiry can be tested at exact instants. */
export function manualClock(start = new Date('2026-11-01T12:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date: Date) => {
      now = date.getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ BOT_TRANSPORT: 'console', LOG_LEVEL: 'silent', ...overrides });
}

export function createTestContext(parts: { db: Db; rest: REST; clock?: () => Date; config?: Config }) {
  const { log, lines } = recordingLogger();
  const context: Context = {
    db: parts.db,
    rest: parts.rest,
    log,
    config: parts.config ?? testConfig(),
    clock: parts.clock ?? (() => new Date()),
    // Every read checks faq_revision first, so a test sees each change at once, whoever made it;
    // test/faq-reads.test.ts covers the windows the bot runs with.
    faqReads: createFaqReads(parts.db, { revisionCheckMs: 0, viewsTtlMs: 0 }),
    // Not started: a test stores what /faq recorded with flush() before it reads the rows.
    faqActivity: createFaqActivityLog(parts.db, log),
  };
  return { ctx: context, logLines: lines };
}
