import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { upsertGuildFaqs } from '../db/queries/faqs.ts';
import { seedBuiltInContent } from '../db/seed.ts';
import { isSnowflake } from '../discord/snowflake.ts';
import { loadBuiltInFaqs } from '../faq/content.ts';
import { GUILD_ENTRY_SOURCE } from '../faq/entry.ts';
import { parseFaqImport } from '../faq/import.ts';
import { runCli, UsageError } from './run-cli.ts';

const USAGE = `Usage:
  npm run --silent faq -- export                      print the built-in entries as JSON
  npm run --silent faq -- import FILE --guild ID      add or update a server's entries from such a file`;

/** The database as the bot opens it: configured by the environment, migrated and seeded. */
async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
  const database = await openDatabase(loadConfig(), { purpose: 'npm run faq import' });
  try {
    await database.migrate();
    await seedBuiltInContent(database.db);
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Reads the content files the seed loads: no database, so a running bot's PGlite directory is left alone. */
function exportEntries() {
  const portable = loadBuiltInFaqs().map(({ slug, question, answer, aliases, tags }) => ({
    slug,
    question,
    answer,
    aliases,
    tags,
  }));
  process.stdout.write(`${JSON.stringify(portable, null, 2)}\n`);
}

async function importEntries(args: string[]) {
  const guildFlag = args.indexOf('--guild');
  const guildId = guildFlag >= 0 ? args[guildFlag + 1] : undefined;
  const file = args.find((arg, index) => !arg.startsWith('--') && index !== guildFlag + 1);
  if (!file || !guildId) throw new UsageError('import needs a FILE and --guild ID');
  if (!isSnowflake(guildId)) throw new UsageError('--guild must be a Discord server id (17 to 20 digits)');

  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const parsed = parseFaqImport(json);
  if (!parsed.ok) {
    throw new UsageError(`nothing was imported; fix these first:\n  ${parsed.problems.join('\n  ')}`);
  }
  const counts = await withDatabase((db) =>
    upsertGuildFaqs(db, guildId, parsed.entries, {
      source: GUILD_ENTRY_SOURCE,
      actorId: null,
      now: new Date(),
    }),
  );
  process.stderr.write(
    `Imported ${parsed.entries.length} entries into server ${guildId}: ${counts.created} added, ${counts.updated} updated.\n`,
  );
}

async function run(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === 'export') return exportEntries();
  if (command === 'import') return importEntries(rest);
  throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
}

runCli({ name: 'faq', usage: USAGE }, () => run(process.argv.slice(2)));
