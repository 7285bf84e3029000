import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType } from 'discord-api-types/v10';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client.ts';
import { openings } from '../src/db/schema/index.ts';
import { buildModalSubmit } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, member, moderator } from './helpers/actors.ts';
import { startBotProcess } from './helpers/bot-process.ts';
import { type DatabaseKind, databaseKinds } from './helpers/db.ts';
import { DiscordStandIn } from './helpers/discord-stand-in.ts';
import { OPENINGS_TEXT_CHANNEL } from './helpers/openings-channel.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './helpers/postgres-url.ts';

const MEMBERS = 25;
const PER_MEMBER = 3;
const postPath = new RegExp(`^/channels/${OPENINGS_TEXT_CHANNEL}/messages$`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the bot processes keep their data: a PGlite directory, or a PostgreSQL database of its own. */
async function databaseFor(kind: DatabaseKind) {
  if (kind === 'pglite') {
    const directory = mkdtempSync(join(tmpdir(), 'bot-crash-'));
    return {
      env: { PGLITE_DATA_DIR: directory },
      open: (): Promise<Database> => openPglite(directory),
      destroy: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const templateUrl = inject('postgresTemplateUrl') ?? '';
  const name = `bot_crash_${randomBytes(6).toString('hex')}`;
  const admin = postgres(withDatabaseName(templateUrl, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
  const url = withDatabaseName(templateUrl, name);
  return {
    env: { DATABASE_URL: url },
    open: async (): Promise<Database> => openPostgres(url, { max: 1 }),
    destroy: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The opening a message on Discord is the post of, by the footer the bot writes. */
function openingOf(message: unknown): string {
  const footer = (message as { embeds?: Array<{ footer?: { text?: string } }> }).embeds?.[0]?.footer?.text;
  return /^Opening #(\d+)/.exec(footer ?? '')?.[1] ?? 'unknown';
}

describe.each(databaseKinds())('kill -9 during a burst of posts (%s)', { timeout: 300_000 }, (kind) => {
  let standIn: DiscordStandIn;
  let database: Awaited<ReturnType<typeof databaseFor>>;
  beforeAll(async () => {
    standIn = await new DiscordStandIn().start();
    database = await databaseFor(kind);
  });
  afterAll(async () => {
    await standIn.stop();
    await database.destroy();
  });

  it('posts every opening exactly once after a restart, and loses none that was acknowledged', async () => {
    // Discord makes each message at once but answers slowly, so the kill lands between the two.
    standIn.on('POST', postPath, async (request) => {
      const reply = standIn.remember(request);
      await sleep(150);
      return reply;
    });
    const env = {
      ...database.env,
      DISCORD_API_BASE: standIn.apiBase,
      DISCORD_TOKEN: 'stand-in-token',
      SCHEDULER_TICK_MS: '200',
    };
    let bot = await startBotProcess(env);
    const configured = await bot.send(
      'config',
      {
        subcommand: 'openings',
        options: { channel: OPENINGS_TEXT_CHANNEL },
        channels: [{ id: OPENINGS_TEXT_CHANNEL, name: 'openings', type: ChannelType.GuildText }],
      },
      moderator(),
    );
    expect(configured.status).toBe(200);

    let acknowledgedSoFar = 0;
    const submissions = Array.from({ length: MEMBERS * PER_MEMBER }, (_, index) => {
      const author = member(`3000000000001${String(Math.floor(index / PER_MEMBER)).padStart(5, '0')}`);
      const payload = buildModalSubmit(
        `opening:post:retrospective:ir:1:entry:30:${GUILD_A}`,
        {
          title: `Burst project number ${index}`,
          institution: 'Example University Hospital',
          description: 'Chart review and data entry for about 200 patients; four hours a week.',
          contact: 'ir.lab@example.org',
        },
        author,
      );
      return bot.sendPayload(payload).then(
        (response) => {
          if (!response.body.data?.content?.includes('is saved')) return null;
          acknowledgedSoFar += 1;
          return index;
        },
        () => null,
      );
    });
    // Kill once some posts are made on Discord and others are still on their way, and some members
    // have been told "saved" (on a busy machine the posts can run ahead of the replies).
    for (
      let waited = 0;
      (standIn.messagesByNonce.size < 10 || acknowledgedSoFar === 0) && waited < 60_000;
      waited += 20
    )
      await sleep(20);
    await bot.signal('SIGKILL');
    const acknowledged = (await Promise.all(submissions)).filter((index) => index !== null);
    const postedBeforeKill = standIn.messagesByNonce.size;

    // The leases of the posts in flight run out (two minutes on a real clock): done here at once.
    let db = await database.open();
    await db.db.execute(
      sql`update ${openings} set post_lease_until = now() - interval '1 second' where post_state = 'claimed'`,
    );
    const saved = (await db.db.select({ id: openings.id, title: openings.title }).from(openings)).length;
    await db.close();

    bot = await startBotProcess(env);
    for (let waited = 0; standIn.messagesByNonce.size < saved && waited < 120_000; waited += 200)
      await sleep(200);
    await bot.signal('SIGTERM');

    db = await database.open();
    const rows = await db.db.select().from(openings);
    await db.close();

    // Zero acknowledged openings lost: each one answered "saved" is stored and posted.
    expect(acknowledged.length).toBeGreaterThan(0);
    const titles = new Set(rows.map((row) => row.title));
    for (const index of acknowledged) expect(titles.has(`Burst project number ${index}`)).toBe(true);
    expect(rows.filter((row) => row.postState !== 'posted')).toEqual([]);
    // Zero posted twice: one message per opening on Discord, the one each row records, though
    // some were sent again after the kill.
    const created = [...standIn.messagesByNonce.values()] as Array<{ id: string }>;
    const perOpening = new Map<string, number>();
    for (const message of created)
      perOpening.set(openingOf(message), (perOpening.get(openingOf(message)) ?? 0) + 1);
    expect([...perOpening.values()].filter((total) => total > 1)).toEqual([]);
    expect(created).toHaveLength(rows.length);
    expect(new Set(rows.map((row) => row.messageId))).toEqual(new Set(created.map((message) => message.id)));
    // The case that used to post twice did happen: a create made on Discord, its answer lost to the
    // kill, sent again after the restart (with the same nonce).
    const creates = standIn.find('POST', postPath);
    const nonces = creates.map((request) => (request.body as { nonce?: string }).nonce);
    expect(nonces.every((nonce) => nonce !== undefined)).toBe(true);
    expect(nonces.length - new Set(nonces).size).toBeGreaterThan(0);
    expect(postedBeforeKill).toBeLessThan(saved);
  });
});
