import { Writable } from 'node:stream';
import type { REST } from '@discordjs/rest';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import type { Db } from '../../src/db/client.ts';
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
  };
  return { ctx: context, logLines: lines };
}
