import { commands, messageCommands } from '../commands/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { startConsole } from './console/console.ts';
import type { Context } from './context.ts';
import { openDatabase } from './db/client.ts';
import { seedBuiltInContent } from './db/seed.ts';
import { createRest } from './discord/rest.ts';
import { createFaqActivityLog } from './faq/activity-log.ts';
import { createFaqReads } from './faq/reads.ts';
import { createLogger } from './logger.ts';
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

/** Loaded on demand: the console need not load discord.js's client. */
async function startTransport(deps: TransportDeps): Promise<Transport> {
  if (deps.config.transport === 'http')
    return (await import('./transports/http.ts')).startHttpTransport(deps);
  if (deps.config.transport === 'gateway') {
    return (await import('./transports/gateway.ts')).startGatewayTransport(deps);
  }
  return startConsole(deps, { input: process.stdin, output: process.stdout, commands });
}

async function main() {
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config);
  await database.migrate();
  await seedBuiltInContent(database.db);
  log.info({ database: database.kind, transport: config.transport }, 'database ready');

  const ctx: Context = {
    db: database.db,
    rest: createRest(config),
    log,
    config,
    clock: () => new Date(),
    faqReads: createFaqReads(database.db),
    faqActivity: createFaqActivityLog(database.db, log),
  };
  ctx.faqActivity.start();
  const router = createRouter(commands, {
    messageCommands,
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
    transport = await startTransport(deps);
  } catch (error) {
    // A refused token or a port in use: one line, like a configuration mistake.
    process.stderr.write(`Could not start the ${config.transport} transport: ${(error as Error).message}\n`);
    await database.close();
    process.exit(1);
  }

  const scheduler = createScheduler(ctx, schedulerTasks, config.schedulerTickMs);
  if (config.transport !== 'console' || config.schedulerInConsole) scheduler.start();

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
  process.once('SIGINT', () => void shutdown('SIGINT').then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown('SIGTERM').then(() => process.exit(0)));
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
