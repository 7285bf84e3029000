import { describe, expect, it } from 'vitest';
import {
  firstRunAfterConfigure,
  isDue,
  nextRunAfterPost,
  retryBackoffMs,
} from '../src/pitfalls/reminder-schedule.ts';
import { HOUR_MS } from '../src/time.ts';

const at = (iso: string) => new Date(iso);
const NOON = at('2026-11-01T12:00:00Z');
const hoursAfter = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR_MS);

describe('isDue', () => {
  it('is due at and after the scheduled time, never while off', () => {
    expect(isDue(NOON, NOON)).toBe(true);
    expect(isDue(NOON, hoursAfter(NOON, 1))).toBe(true);
    expect(isDue(hoursAfter(NOON, 1), NOON)).toBe(false);
    expect(isDue(null, NOON)).toBe(false);
  });
});

describe('nextRunAfterPost', () => {
  it('keeps the cadence of the due slot when the post was a little late', () => {
    const postedAt = new Date(NOON.getTime() + 14_000);
    expect(nextRunAfterPost(NOON, postedAt, 24)).toEqual(hoursAfter(NOON, 24));
  });

  it('after downtime of several intervals schedules one interval from now, not a catch-up burst', () => {
    const postedAt = hoursAfter(NOON, 5 * 24 + 3);
    expect(nextRunAfterPost(NOON, postedAt, 24)).toEqual(hoursAfter(postedAt, 24));
  });

  it('never schedules the next post at or before the post just made', () => {
    const postedAt = hoursAfter(NOON, 1);
    expect(nextRunAfterPost(NOON, postedAt, 1)).toEqual(hoursAfter(postedAt, 1));
  });
});

describe('retryBackoffMs', () => {
  it('doubles from one minute and stops at one hour', () => {
    expect([1, 2, 3, 4].map(retryBackoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryBackoffMs(7)).toBe(HOUR_MS);
    expect(retryBackoffMs(1000)).toBe(HOUR_MS);
  });
});

describe('firstRunAfterConfigure', () => {
  const change = { channelId: '400000000000000001', everyHours: 24 };
  const running = { channelId: change.channelId, nextRunAt: hoursAfter(NOON, 100), problem: null };

  it('posts within a tick when reminders are turned on', () => {
    expect(firstRunAfterConfigure(null, change, NOON)).toEqual(NOON);
    expect(firstRunAfterConfigure({ ...running, nextRunAt: null }, change, NOON)).toEqual(NOON);
  });

  it('posts within a tick when the channel changes or a problem was recorded', () => {
    expect(firstRunAfterConfigure({ ...running, channelId: '400000000000000002' }, change, NOON)).toEqual(
      NOON,
    );
    expect(firstRunAfterConfigure({ ...running, problem: 'Discord answered 500' }, change, NOON)).toEqual(
      NOON,
    );
  });

  it('on an interval change keeps the scheduled post unless the new interval comes sooner', () => {
    expect(firstRunAfterConfigure(running, change, NOON)).toEqual(hoursAfter(NOON, 24));
    expect(firstRunAfterConfigure(running, { ...change, everyHours: 168 }, NOON)).toEqual(running.nextRunAt);
  });
});
