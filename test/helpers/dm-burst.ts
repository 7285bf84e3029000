import type { Context } from '../../src/context.ts';
import { openingAlerts, openingInterests, openings } from '../../src/db/schema/index.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../../src/scheduler/tasks.ts';
import { DAY_MS, MINUTE_MS } from '../../src/time.ts';
import { GUILD_A } from './actors.ts';
import type { DiscordStandIn } from './discord-stand-in.ts';
import { answerDmChannels } from './dm-channels.ts';

/** Discord's "you are being rate limited", for one DM channel, waited out for this long. */
const RETRY_AFTER_S = 1;
const DM_MESSAGES = /^\/channels\/6\d+\/messages$/;

export interface DmBurstSize {
  /** Members with an alert (any opening); each is also interested in one opening. */
  members: number;
  /** New openings, each by its own author, who hears about the members interested in it. */
  openings: number;
  /** Every this many DMs, Discord answers one with a 429. */
  limitEvery: number;
}

export interface DmBurstResult {
  /** DMs Discord took, and how many were expected (one per member, one per author). */
  sent: number;
  expected: number;
  /** The most DMs any one member or author got. */
  mostToOneRecipient: number;
  seconds: number;
  /** The most DMs Discord took in any one second. */
  mostInOneSecond: number;
  limited: number;
  /** The shortest wait, after a 429, before the bot asked that DM channel again (ms). */
  shortestWaitAfterLimit: number | null;
}

const memberId = (index: number) => `3000000000004${String(index).padStart(5, '0')}`;
const authorId = (index: number) => `3000000000005${String(index).padStart(5, '0')}`;

/** `count` open openings opened at `now`, each by its own author, for inserting at once. */
export function openOpeningRows(count: number, now: Date, authorOf: (index: number) => string) {
  return Array.from({ length: count }, (_, index) => ({
    guildId: GUILD_A,
    authorId: authorOf(index),
    title: `Opening number ${index}`,
    institution: 'Example University Hospital',
    kind: 'retrospective' as const,
    focus: 'ir' as const,
    remote: true,
    role: 'entry' as const,
    description: 'Chart review for a retrospective cohort; a few hours a week.',
    contact: 'lab@example.org',
    expiresAt: new Date(now.getTime() + 30 * DAY_MS),
    createdAt: now,
    openedAt: now,
    updatedAt: now,
  }));
}

/**
 * A burst of direct messages from the scheduler, against the REST stand-in: `members` alerts for
 * any new opening and `openings` new openings each with interested members, sent by the alert and
 * interest tasks until all went out, with a 429 every `limitEvery` DMs. Shared by the test (small)
 * and `npm run bench` (1000 members, 100 openings), which report what it measures.
 */
export async function runDmBurst(
  ctx: Context,
  standIn: DiscordStandIn,
  size: DmBurstSize,
): Promise<DmBurstResult> {
  const now = ctx.clock();
  const rows = await ctx.db
    .insert(openings)
    .values(openOpeningRows(size.openings, now, authorId))
    .returning({ id: openings.id });
  const members = Array.from({ length: size.members }, (_, index) => memberId(index));
  await ctx.db.insert(openingAlerts).values(
    members.map((userId) => ({
      guildId: GUILD_A,
      userId,
      toldThrough: new Date(now.getTime() - MINUTE_MS),
    })),
  );
  await ctx.db.insert(openingInterests).values(
    members.map((userId, index) => ({
      openingId: rows[index % rows.length]?.id ?? 0,
      guildId: GUILD_A,
      userId,
      createdAt: now,
    })),
  );

  answerDmChannels(standIn);
  const taken: Array<{ at: number; path: string }> = [];
  const limits: Array<{ at: number; path: string }> = [];
  let asked = 0;
  standIn.on('POST', DM_MESSAGES, (request) => {
    asked += 1;
    if (asked % size.limitEvery === 0) {
      limits.push({ at: Date.now(), path: request.path });
      return {
        status: 429,
        headers: { 'retry-after': String(RETRY_AFTER_S), 'x-ratelimit-scope': 'user' },
        body: { message: 'You are being rate limited.', retry_after: RETRY_AFTER_S, global: false },
      };
    }
    taken.push({ at: Date.now(), path: request.path });
    return undefined;
  });

  const expected = size.members + size.openings;
  const scheduler = createScheduler(ctx, schedulerTasks, MINUTE_MS);
  const startedAt = Date.now();
  // Each tick sends one batch per task; a burst that stops growing has stalled.
  for (let before = -1; taken.length < expected && taken.length > before; ) {
    before = taken.length;
    await scheduler.tick();
  }
  const seconds = (Date.now() - startedAt) / 1000;

  const times = taken.map((request) => request.at).sort((a, b) => a - b);
  let mostInOneSecond = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= 1000) first++;
    mostInOneSecond = Math.max(mostInOneSecond, last - first + 1);
  }
  const perRecipient = new Map<string, number>();
  for (const { path } of taken) perRecipient.set(path, (perRecipient.get(path) ?? 0) + 1);
  const waits = limits.map((limit) => {
    const next = taken.find((request) => request.path === limit.path && request.at >= limit.at);
    return next ? next.at - limit.at : Number.POSITIVE_INFINITY;
  });
  return {
    sent: taken.length,
    expected,
    mostToOneRecipient: Math.max(0, ...perRecipient.values()),
    seconds,
    mostInOneSecond,
    limited: limits.length,
    shortestWaitAfterLimit: waits.length > 0 ? Math.min(...waits) : null,
  };
}
