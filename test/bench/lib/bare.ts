import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Client, GatewayIntentBits } from 'discord.js';
import { PGLITE_MEMORY_SETTINGS } from '../../../src/db/client.ts';

/**
 * The floors the bot's memory is compared with, as their own processes: `pglite DIR` opens PGlite
 * as the bot does (same settings, one query), `discord` builds a discord.js Client as the gateway
 * transport does, not logged in. Prints "ready" and waits to be stopped.
 */
const [kind, dataDir] = process.argv.slice(2);
let keep: unknown;
if (kind === 'pglite') {
  const client = await PGlite.create({
    dataDir: dataDir ?? 'memory://',
    extensions: { pg_trgm },
    initDbStartParams: PGLITE_MEMORY_SETTINGS,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS],
  });
  await client.query('select 1');
  keep = client;
} else {
  keep = new Client({ intents: [GatewayIntentBits.Guilds] });
}
process.stdout.write(`ready ${typeof keep}\n`);
setInterval(() => {}, 60_000);
process.once('SIGTERM', () => process.exit(0));
