import { REST } from '@discordjs/rest';
import { type APIEmbed, ChannelType, InteractionResponseType } from 'discord-api-types/v10';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { PITFALLS } from '../src/content/pitfalls/pitfalls.ts';
import { type Database, openPostgres } from '../src/db/client.ts';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { guildSettings } from '../src/db/schema/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import type { LocalChannel } from '../src/payloads/fake-interactions.ts';
import { REMINDER_LEASE_MS, retryBackoffMs } from '../src/pitfalls/reminder-schedule.ts';
import { createScheduler, type Scheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { HOUR_MS } from '../src/time.ts';
import { GUILD_A, GUILD_B, moderator } from './helpers/actors.ts';
import { createTestContext } from './helpers/context.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { withDatabaseName } from './helpers/postgres-url.ts';
import { replyOf } from './helpers/responses.ts';

const START = new Date('2026-11-01T12:00:00Z');
const TICK_MS = 15_000;
const MINUTE = 60_000;
const channelIn = (suffix: number): LocalChannel => ({
  id: `40000000000000000${suffix}`,
  name: `pitfalls-${suffix}`,
  type: ChannelType.GuildText,
});
const CHANNEL = channelIn(1);
const postsPath = (channelId: string) => new RegExp(`^/channels/${channelId}/messages$`);

describe.each(databaseKinds())('pitfall reminders on %s', (kind) => {
  let harness: Harness;
  let scheduler: Scheduler;
  /** Requests the stand-in answered with an error: everything else it answered was a message posted. */
  let refused: number;

  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  // One database per suite (loading one is the slow part); each test starts from no settings.
  beforeEach(async () => {
    await harness.db.delete(guildSettings);
    harness.standIn.clear();
    harness.logLines.length = 0;
    harness.clock.set(START);
    scheduler = createScheduler(harness.ctx, schedulerTasks, TICK_MS);
    refused = 0;
  });
  afterEach(() => scheduler.stop());

  const configure = async (
    options: { every_hours?: number } = {},
    channel = CHANNEL,
    actor = moderator(),
  ) => {
    const response = await harness.command(
      'config',
      { subcommand: 'reminders', options: { channel: channel.id, ...options }, channels: [channel] },
      actor,
    );
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  };
  /** Embeds actually posted to a channel, in order. */
  const posted = (channelId = CHANNEL.id) => {
    const requests = harness.standIn.find('POST', postsPath(channelId));
    return requests
      .slice(refused)
      .map((request) => (request.body as { embeds: APIEmbed[] }).embeds[0] as APIEmbed);
  };
  const failNextPosts = (
    status: number,
    times: number,
    body: object = { message: 'Server error', code: 0 },
  ) => {
    harness.standIn.on(
      'POST',
      postsPath(CHANNEL.id),
      () => {
        refused += 1;
        return { status, body };
      },
      times,
    );
  };
  const showSettings = async () => {
    const response = await harness.command('config', { subcommand: 'show' }, moderator());
    return (replyOf(response).embeds?.[0]?.fields ?? [])
      .map((field) => `${field.name}: ${field.value}`)
      .join('\n');
  };

  it('posts the first reminder within one tick of turning reminders on, then every interval', async () => {
    await configure({ every_hours: 24 });
    harness.clock.advance(TICK_MS - 1);
    await scheduler.tick();
    const [first] = posted();
    expect(first?.title).toBe(`Pitfall reminder: ${PITFALLS[0]?.title}`);
    expect(embedProblems(first as APIEmbed)).toEqual([]);
    const [request] = harness.standIn.find('POST', postsPath(CHANNEL.id));
    expect(request?.body).toMatchObject({ allowed_mentions: { parse: [] } });

    harness.clock.advance(23 * HOUR_MS);
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
    harness.clock.advance(HOUR_MS);
    await scheduler.tick();
    expect(posted().map((embed) => embed.title)).toEqual([
      `Pitfall reminder: ${PITFALLS[0]?.title}`,
      `Pitfall reminder: ${PITFALLS[1]?.title}`,
    ]);
  });

  it('does not post again after a restart (a new scheduler instance)', async () => {
    await configure({ every_hours: 6 });
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
    await scheduler.stop();

    const { ctx } = createTestContext({
      db: harness.db,
      rest: harness.standIn.createRest(),
      clock: harness.clock.now,
    });
    scheduler = createScheduler(ctx, schedulerTasks, TICK_MS);
    await scheduler.tick();
    harness.clock.advance(3 * HOUR_MS);
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
    harness.clock.advance(3 * HOUR_MS);
    await scheduler.tick();
    expect(posted()).toHaveLength(2);
  });

  it('after downtime of five intervals posts once and schedules the next from now', async () => {
    await configure({ every_hours: 24 });
    await scheduler.tick();
    harness.clock.advance(5 * 24 * HOUR_MS + 3 * HOUR_MS);
    const backAt = harness.clock.now();
    for (let tick = 0; tick < 5; tick++) {
      await scheduler.tick();
      harness.clock.advance(TICK_MS);
    }
    expect(posted()).toHaveLength(2);
    const settings = await getGuildSettings(harness.db, GUILD_A);
    expect(settings?.remindersNextRunAt).toEqual(new Date(backAt.getTime() + 24 * HOUR_MS));
  });

  it('rotates through every pitfall before any repeats', async () => {
    await configure({ every_hours: 1 });
    for (let round = 0; round <= PITFALLS.length; round++) {
      await scheduler.tick();
      harness.clock.advance(HOUR_MS);
    }
    const titles = posted().map((embed) => embed.title);
    expect(titles).toHaveLength(PITFALLS.length + 1);
    expect(new Set(titles.slice(0, PITFALLS.length)).size).toBe(PITFALLS.length);
    expect(titles[PITFALLS.length]).toBe(titles[0]);
  });

  it('keeps a separate rotation and schedule per guild', async () => {
    const other = channelIn(2);
    await configure({ every_hours: 1 });
    await scheduler.tick();
    await scheduler.tick();
    harness.clock.advance(HOUR_MS);
    await scheduler.tick();
    await configure({ every_hours: 12 }, other, moderator(undefined, GUILD_B));
    await scheduler.tick();
    expect(posted(CHANNEL.id).map((embed) => embed.title)).toHaveLength(2);
    expect(posted(other.id).map((embed) => embed.title)).toEqual([`Pitfall reminder: ${PITFALLS[0]?.title}`]);
  });

  it('retries after a server error with backoff and posts the reminder once', async () => {
    await configure({ every_hours: 24 });
    // @discordjs/rest retries a 500 once by itself (retries: 1), so two answers fail one attempt.
    failNextPosts(500, 2);
    await scheduler.tick();
    expect(posted()).toHaveLength(0);
    let settings = await getGuildSettings(harness.db, GUILD_A);
    expect(settings?.remindersFailures).toBe(1);
    expect(settings?.remindersNextRunAt).toEqual(new Date(harness.clock.now().getTime() + retryBackoffMs(1)));
    expect(await showSettings()).toContain('Discord answered 500');

    harness.clock.advance(retryBackoffMs(1) - 1);
    await scheduler.tick();
    expect(harness.standIn.find('POST', postsPath(CHANNEL.id))).toHaveLength(2);
    harness.clock.advance(1);
    await scheduler.tick();
    harness.clock.advance(TICK_MS);
    await scheduler.tick();
    expect(posted().map((embed) => embed.title)).toEqual([`Pitfall reminder: ${PITFALLS[0]?.title}`]);
    settings = await getGuildSettings(harness.db, GUILD_A);
    expect(settings).toMatchObject({ remindersFailures: 0, remindersProblem: null });
    expect(await showSettings()).not.toContain('Reminders problem');
  });

  it('backs off longer after each failure in a row', async () => {
    await configure({ every_hours: 24 });
    failNextPosts(503, 6);
    for (const failures of [1, 2, 3]) {
      await scheduler.tick();
      const settings = await getGuildSettings(harness.db, GUILD_A);
      expect(settings?.remindersFailures).toBe(failures);
      expect(settings?.remindersNextRunAt?.getTime()).toBe(
        harness.clock.now().getTime() + retryBackoffMs(failures),
      );
      harness.clock.advance(retryBackoffMs(failures));
    }
    expect(await showSettings()).toContain(
      'Posting the reminder failed 3 times in a row (Discord answered 503)',
    );
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it('treats a timeout like a server error: released for a retry, posted later', async () => {
    const slowRest = new REST({ api: harness.standIn.apiBase, retries: 0, timeout: 200 }).setToken(
      'stand-in',
    );
    const { ctx } = createTestContext({ db: harness.db, rest: slowRest, clock: harness.clock.now });
    const slowScheduler = createScheduler(ctx, schedulerTasks, TICK_MS);
    await configure({ every_hours: 24 });
    // Only the first request hangs past the client's timeout; later ones get the usual answer.
    let hung = false;
    harness.standIn.on('POST', postsPath(CHANNEL.id), async () => {
      if (hung) return undefined;
      hung = true;
      refused += 1;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return { status: 200, body: { id: '1' } };
    });
    await slowScheduler.tick();
    expect((await getGuildSettings(harness.db, GUILD_A))?.remindersFailures).toBe(1);
    harness.clock.advance(retryBackoffMs(1));
    await slowScheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it.each([
    [403, { message: 'Missing Access', code: 50001 }, 'missing a permission'],
    [404, { message: 'Unknown Channel', code: 10003 }, 'no longer exists'],
  ])(
    'turns reminders off on a %i, shows why in /config show and logs a warning',
    async (status, body, reason) => {
      await configure({ every_hours: 1 });
      failNextPosts(status, 1, body);
      await scheduler.tick();
      const settings = await getGuildSettings(harness.db, GUILD_A);
      expect(settings?.remindersNextRunAt).toBeNull();
      expect(settings?.remindersProblem).toContain(reason);
      const shown = await showSettings();
      expect(shown).toContain('Pitfall reminders: Off');
      expect(shown).toContain(reason);
      expect(shown).toContain('turned off');
      const warning = harness.logLines.find((line) => line.level === 40 && line.guildId === GUILD_A);
      expect(warning).toMatchObject({ channelId: CHANNEL.id, msg: expect.stringContaining('turned off') });

      harness.clock.advance(48 * HOUR_MS);
      await scheduler.tick();
      expect(harness.standIn.find('POST', postsPath(CHANNEL.id))).toHaveLength(1);

      // A moderator fixes the channel and turns reminders on again: the problem is cleared, posting resumes.
      await configure({ every_hours: 1 });
      await scheduler.tick();
      expect(posted()).toHaveLength(1);
      expect(await showSettings()).not.toContain('Reminders problem');
    },
  );

  it('posts a reminder whose process died mid-post again once the lease has passed', async () => {
    await configure({ every_hours: 24 });
    // The claim of a process that crashed right after claiming: the row is leased, nothing posted.
    await harness.db.execute(
      sql`update guild_settings set reminders_next_run_at = ${new Date(harness.clock.now().getTime() + REMINDER_LEASE_MS).toISOString()}::timestamptz`,
    );
    await scheduler.tick();
    expect(posted()).toHaveLength(0);
    harness.clock.advance(REMINDER_LEASE_MS);
    await scheduler.tick();
    expect(posted()).toHaveLength(1);
  });

  it('two schedulers, each with its own connections, post exactly once per due slot', async () => {
    const guilds = [GUILD_A, GUILD_B, '200000000000000003'];
    const channels = guilds.map((_, index) => channelIn(index + 1));
    for (const [index, guild] of guilds.entries()) {
      await configure({ every_hours: 1 }, channels[index], moderator(undefined, guild));
    }
    const second = await secondConnection(harness, kind);
    try {
      const { ctx } = createTestContext({
        db: second.db,
        rest: harness.standIn.createRest(),
        clock: harness.clock.now,
      });
      const other = createScheduler(ctx, schedulerTasks, TICK_MS);
      const ticks = (10 * HOUR_MS) / (5 * MINUTE);
      await Promise.all([scheduler.tick(), other.tick()]);
      for (let step = 0; step < ticks; step++) {
        harness.clock.advance(5 * MINUTE);
        await Promise.all([scheduler.tick(), other.tick(), scheduler.tick()]);
      }
    } finally {
      await second.close();
    }
    for (const channel of channels) {
      const titles = posted(channel.id).map((embed) => embed.title);
      // Slots at 0h, 1h, … 10h: eleven posts, each the next pitfall in the rotation.
      expect(titles).toEqual(
        Array.from(
          { length: 11 },
          (_, slot) => `Pitfall reminder: ${PITFALLS[slot % PITFALLS.length]?.title}`,
        ),
      );
    }
  });
});

/**
 * A second pool on the same database, as a second bot process would have. PGlite has only one
 * connection, so there the second scheduler shares it.
 */
async function secondConnection(harness: Harness, kind: string): Promise<Pick<Database, 'db' | 'close'>> {
  if (kind !== 'postgres') return { db: harness.db, close: async () => {} };
  const [row] = (await harness.db.execute(sql`select current_database() as name`)) as unknown as Array<{
    name: string;
  }>;
  const templateUrl = inject('postgresTemplateUrl');
  if (!row || !templateUrl) throw new Error('no PostgreSQL database to connect to');
  return openPostgres(withDatabaseName(templateUrl, row.name), { max: 3 });
}
