import pino from 'pino';
import { commands, messageCommands } from '../commands/index.ts';
import { warmUpCardRenderer } from './card/assessment-card.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createConsoleLogSink, startConsole } from './console/console.ts';
import { createLocalDiscord } from './console/local-discord.ts';
import type { Context } from './context.ts';
import { type Database, openDatabase } from './db/client.ts';
import { DatabaseDamagedError } from './db/errors.ts';
import { DataDirLockedError } from './db/lock.ts';
import { seedBuiltInContent } from './db/seed.ts';
import { createRest } from './discord/rest.ts';
import { createFaqActivityLog } from './faq/activity-log.ts';
import { builtInPhrasingModel } from './faq/phrasings.ts';
import { warmUpQueryText } from './faq/query-text.ts';
import { createFaqReads } from './faq/reads.ts';
import { createLogger } from './logger.ts';
import { AUTOCOMPLETE_CONCURRENCY } from './router/autocomplete-gate.ts';
import { createRouter, DEFER_AFTER_MS } from './router/router.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { schedulerTasks } from './scheduler/tasks.ts';
import type { Transport, TransportDeps } from './transports/transport.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
}

interface ConsoleParts {
  localDiscord: ReturnType<typeof createLocalDiscord>;
  logSink: ReturnType<typeof createConsoleLogSink>;
}

/** Loaded on demand: the console need not load discord.js's client. */
async function startTransport(
  deps: TransportDeps,
  consoleParts: ConsoleParts | undefined,
): Promise<Transport> {
  if (deps.config.transport === 'http')
    return (await import('./transports/http.ts')).startHttpTransport(deps);
  if (deps.config.transport === 'gateway') {
    return (await import('./transports/gateway.ts')).startGatewayTransport(deps);
  }
  if (!consoleParts) throw new Error('the console needs its local channels');
  return startConsole(deps, { input: process.stdin, output: process.stdout, commands, ...consoleParts });
}

/**
 * Logs go to LOG_FILE when it is set. In the console they would write over the prompt, so there
 * only warnings and errors are shown, as short lines above it.
 */
function consoleLogger(config: Config, consoleParts: ConsoleParts | undefined) {
  if (config.logFile)
    return createLogger(config.logLevel, pino.destination({ dest: config.logFile, mkdir: true }));
  if (!consoleParts) return createLogger(config.logLevel);
  const quiet = pino.levels.values[config.logLevel] ?? 30;
  return createLogger(
    quiet >= (pino.levels.values.warn ?? 40) ? config.logLevel : 'warn',
    consoleParts.logSink,
  );
}

/** Opens, migrates and seeds; a locked or damaged embedded directory ends the process with one line. */
async function openReadyDatabase(config: Config): Promise<Database> {
  let database: Database | undefined;
  try {
    database = await openDatabase(config, { purpose: `the bot (${config.transport})`, serveBackups: true });
    await database.migrate();
    await seedBuiltInContent(database.db);
    return database;
  } catch (error) {
    await database?.close().catch(() => {});
    const damaged =
      database?.kind === 'pglite' && !(error instanceof DatabaseDamagedError)
        ? new DatabaseDamagedError(config.pgliteDataDir, error)
        : error;
    if (damaged instanceof DataDirLockedError || damaged instanceof DatabaseDamagedError) {
      process.stderr.write(`${damaged.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const config = readConfig();
  const consoleParts =
    config.transport === 'console'
      ? { localDiscord: createLocalDiscord(), logSink: createConsoleLogSink() }
      : undefined;
  const log = consoleLogger(config, consoleParts);
  const database = await openReadyDatabase(config);
  log.info({ database: database.kind, transport: config.transport }, 'database ready');

  const ctx: Context = {
    db: database.db,
    // In the console, channel posts land in local channels that /channel shows.
    rest: consoleParts?.localDiscord.rest ?? createRest(config),
    log,
    config,
    clock: () => new Date(),
    faqReads: createFaqReads(database.db),
    faqActivity: createFaqActivityLog(database.db, log),
  };
  ctx.faqActivity.start();
  const router = createRouter(commands, {
    messageCommands,
    autocompleteConcurrency: AUTOCOMPLETE_CONCURRENCY[database.kind],
    deferAfterMs: config.transport === 'console' ? Number.POSITIVE_INFINITY : DEFER_AFTER_MS,
  });
  const deps: TransportDeps = {
    config,
    ctx,
    router,
    databaseHealthy: () =>
      database.ping().then(
        () => true,
        () => false,
      ),
  };

  let transport: Transport;
  try {
    transport = await startTransport(deps, consoleParts);
  } catch (error) {
    // A refused token or a port in use: one line, like a configuration mistake.
    process.stderr.write(`Could not start the ${config.transport} transport: ${(error as Error).message}\n`);
    await database.close();
    process.exit(1);
  }

  const scheduler = createScheduler(ctx, schedulerTasks, config.schedulerTickMs);
  if (config.transport !== 'console' || config.schedulerInConsole) scheduler.start();
  if (config.transport !== 'console') {
    warmUpQueryText();
    builtInPhrasingModel();
    warmUpCardRenderer().catch((error: unknown) =>
      log.warn({ err: error }, 'warming up the card renderer failed'),
    );
  }

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      await transport.stop();
      await scheduler.stop();
      await ctx.faqActivity.close();
      await database.close();
      log.info('stopped');
    })();
    return stopping;
  };
  // A signal sent to the whole group reaches the bot twice (npm forwards it too): both join one shutdown.
  const stopOnSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  if (transport.done) {
    const ended = await transport.done.then(
      () => undefined,
      (error: Error) => error,
    );
    await shutdown(ended ? ended.message : 'end of input');
    process.exit(ended ? 1 : 0);
  }
}

main().catch((error) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
