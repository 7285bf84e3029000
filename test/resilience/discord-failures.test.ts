import { ChannelType, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOpening } from '../../src/db/queries/openings.ts';
import { openings } from '../../src/db/schema/index.ts';
import type { LocalChannel } from '../../src/payloads/fake-interactions.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../../src/scheduler/tasks.ts';
import { GUILD_A, member, moderator } from '../helpers/actors.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

const REMINDERS: LocalChannel = { id: '400000000000000011', name: 'reminders', type: ChannelType.GuildText };
const OPENINGS: LocalChannel = { id: '400000000000000012', name: 'openings', type: ChannelType.GuildText };
const postsTo = (channel: LocalChannel) => new RegExp(`^/channels/${channel.id}/messages$`);

describe('when Discord rate-limits or fails', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('waits out a 429 and posts the reminder once', async () => {
    harness.standIn.on(
      'POST',
      postsTo(REMINDERS),
      () => ({
        status: 429,
        headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' },
        body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
      }),
      1,
    );
    await harness.command(
      'config',
      { subcommand: 'reminders', options: { channel: REMINDERS.id }, channels: [REMINDERS] },
      moderator(),
    );
    await createScheduler(harness.ctx, schedulerTasks, 15_000).tick();
    const attempts = harness.standIn.find('POST', postsTo(REMINDERS));
    expect(attempts).toHaveLength(2);
    const show = await harness.command('config', { subcommand: 'show' }, moderator());
    if (show.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('no /config show');
    expect(JSON.stringify(show.data)).not.toMatch(/problem:/i);
  });

  it('keeps an opening whose post keeps failing as pending, then posts it exactly once', async () => {
    await harness.command(
      'config',
      { subcommand: 'openings', options: { channel: OPENINGS.id }, channels: [OPENINGS] },
      moderator(),
    );
    // Every attempt during the outage fails, including @discordjs/rest's own retries.
    let outage = true;
    let refused = 0;
    harness.standIn.on('POST', postsTo(OPENINGS), () => {
      if (!outage) return undefined;
      refused += 1;
      return { status: 502, body: { message: 'Bad Gateway' } };
    });

    const author = member('300000000000000055');
    const modal = await harness.command(
      'opening',
      {
        subcommand: 'post',
        options: { kind: 'case_series', focus: 'ir', remote: true, role: 'intermediate' },
      },
      author,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
    const confirmation = await harness.submitModal(
      modal.data.custom_id,
      {
        title: 'Case series: prostatic artery embolization outcomes',
        institution: 'Example Medical Center',
        mentor: '',
        description: 'Collect follow-up data and draft the methods.',
        contact: 'https://example.org/pae-study',
      },
      author,
    );
    expect(confirmation.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const [stored] = await harness.db.select().from(openings);
    expect(stored?.postState).toBe('retry');
    expect(stored?.messageId).toBeNull();

    outage = false;
    const scheduler = createScheduler(harness.ctx, schedulerTasks, 15_000);
    for (let tick = 0; tick < 5; tick++) {
      harness.clock.advance(30 * 60_000);
      await scheduler.tick();
    }
    const opening = await getOpening(harness.db, GUILD_A, stored?.id ?? 0);
    expect(opening?.postState).toBe('posted');
    expect(opening?.messageId).toBeTruthy();
    expect(refused).toBeGreaterThan(0);
    const attempts = harness.standIn.find('POST', postsTo(OPENINGS));
    expect(attempts.length - refused).toBe(1);
  });
});
