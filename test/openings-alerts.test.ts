import {
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOpeningAlert } from '../src/db/queries/opening-alerts.ts';
import { openingAlerts, openings } from '../src/db/schema/index.ts';
import { DMS_PER_SECOND } from '../src/discord/direct-messages.ts';
import { openingCommandData } from '../src/openings/definition.ts';
import { type Actor, buildChatInput } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { runDmBurst } from './helpers/dm-burst.ts';
import { answerDmChannels } from './helpers/dm-channels.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { useOpeningsTextChannel } from './helpers/openings-channel.ts';

const HOUR = 60 * 60 * 1000;
const watcher = member('300000000000000081');
const poster = member('300000000000000082');
const dmTo = (actor: Actor) => new RegExp(`^/channels/6${actor.userId.slice(1)}/messages$`);

function ephemeral(response: APIInteractionResponse): string {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('not a message');
  expect(response.data.flags).toBe(MessageFlags.Ephemeral);
  return response.data.content ?? '';
}

async function post(harness: Harness, actor: Actor, title: string, kind = 'case_report', remote = true) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind, focus: 'ir', remote, role: 'entry' } },
    actor,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error(JSON.stringify(modal));
  await harness.submitModal(
    modal.data.custom_id,
    {
      title,
      institution: 'Example University Hospital',
      description: 'Chart review and data entry for about 200 patients; four hours a week.',
      contact: 'ir.lab@example.org',
    },
    actor,
  );
}

const tick = (harness: Harness) => createScheduler(harness.ctx, schedulerTasks, 60_000).tick();
const alertMessages = (harness: Harness) =>
  harness.standIn.find('POST', dmTo(watcher)).map((request) => (request.body as { content: string }).content);

describe('alerts for new openings', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    await harness.db.delete(openingAlerts);
    harness.standIn.clear();
    harness.clock.advance(2 * 24 * HOUR);
    answerDmChannels(harness.standIn);
  });

  it('tells a member of matching openings, at most once an hour, never of their own', async () => {
    const set = ephemeral(
      await harness.command(
        'opening',
        { subcommand: 'alerts set', options: { kind: 'case_report', remote: true } },
        watcher,
      ),
    );
    expect(set).toContain('Alert set: Case report · remote');
    harness.clock.advance(60_000);
    await post(harness, poster, 'Case report of a rare hepatic arteriovenous fistula');
    await post(harness, poster, 'Systematic review of splenic embolization', 'systematic_review');
    await post(harness, watcher, 'Case report of my own that I posted');
    await tick(harness);
    const [first] = alertMessages(harness);
    expect(first).toContain('Case report of a rare hepatic arteriovenous fistula');
    expect(first).not.toContain('Systematic review');
    expect(first).not.toContain('of my own');

    // Another match within the hour waits for the next hour's message.
    harness.clock.advance(60_000);
    await post(harness, member('300000000000000083'), 'Case report of a second hepatic fistula');
    await tick(harness);
    expect(alertMessages(harness)).toHaveLength(1);
    harness.clock.advance(HOUR);
    await tick(harness);
    expect(alertMessages(harness)).toHaveLength(2);
    expect(alertMessages(harness)[1]).toContain('Case report of a second hepatic fistula');
    expect(alertMessages(harness)[1]).not.toContain('rare hepatic');
  });

  it('tells each member claimed in one round only their own matches, naming the ten oldest', async () => {
    const reviewer = member('300000000000000084');
    await harness.command('opening', { subcommand: 'alerts set', options: { kind: 'case_report' } }, watcher);
    await harness.command(
      'opening',
      { subcommand: 'alerts set', options: { kind: 'systematic_review' } },
      reviewer,
    );
    harness.clock.advance(60_000);
    for (let n = 1; n <= 11; n++) {
      await post(harness, member(`3000000000000002${String(n).padStart(2, '0')}`), `Case report number ${n}`);
      harness.clock.advance(1000);
    }
    await post(harness, poster, 'Systematic review of genicular artery embolization', 'systematic_review');
    await tick(harness);

    const [toWatcher] = alertMessages(harness);
    const named = [...(toWatcher ?? '').matchAll(/Case report number (\d+)/g)].map((match) =>
      Number(match[1]),
    );
    expect(named).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(toWatcher).not.toContain('genicular');
    const [toReviewer] = harness.standIn
      .find('POST', dmTo(reviewer))
      .map((request) => (request.body as { content: string }).content);
    expect(toReviewer).toContain('Systematic review of genicular artery embolization');
    expect(toReviewer).not.toContain('Case report number');
  });

  it('keeps the openings of a message Discord failed to take for the next hour’s message', async () => {
    await harness.command('opening', { subcommand: 'alerts set', options: { kind: 'case_report' } }, watcher);
    harness.clock.advance(60_000);
    await post(harness, poster, 'Case report of a ruptured splenic artery aneurysm');
    let discordDown = true;
    harness.standIn.on('POST', dmTo(watcher), () =>
      discordDown ? { status: 503, body: { message: 'Service Unavailable' } } : undefined,
    );
    await tick(harness);
    const failedTries = alertMessages(harness).length;
    expect(failedTries).toBeGreaterThan(0);

    discordDown = false;
    harness.clock.advance(HOUR);
    await tick(harness);
    expect(alertMessages(harness)).toHaveLength(failedTries + 1);
    expect(alertMessages(harness).at(-1)).toContain('ruptured splenic artery aneurysm');
  });

  it('shows and turns off the alert', async () => {
    expect(ephemeral(await harness.command('opening', { subcommand: 'alerts show' }, watcher))).toContain(
      'You have no alert',
    );
    await harness.command('opening', { subcommand: 'alerts set', options: {} }, watcher);
    expect(ephemeral(await harness.command('opening', { subcommand: 'alerts show' }, watcher))).toContain(
      'Your alert: any new opening',
    );
    expect(ephemeral(await harness.command('opening', { subcommand: 'alerts off' }, watcher))).toBe(
      'Your alert is off.',
    );
    await post(harness, poster, 'Case report after the alert was turned off');
    await tick(harness);
    expect(alertMessages(harness)).toEqual([]);
  });

  it('refuses a filter value the command does not offer, storing nothing', async () => {
    const reply = ephemeral(
      await harness.command('opening', { subcommand: 'alerts set', options: { kind: 'anything' } }, watcher),
    );
    expect(reply).toMatch(/`kind` option has a value this command does not accept/);
    expect(await getOpeningAlert(harness.db, GUILD_A, watcher.userId)).toBeNull();
  });

  it('answers each bad or pointless alert clearly and changes nothing', async () => {
    const set = (options: Record<string, string | boolean>) =>
      harness.command('opening', { subcommand: 'alerts set', options }, watcher);
    expect(ephemeral(await set({}))).toMatch(/^Alert set: every new opening \(you gave no filter/);
    const first = await getOpeningAlert(harness.db, GUILD_A, watcher.userId);

    // The same alert again: nothing changes, not even how far it has told the member.
    harness.clock.advance(HOUR);
    expect(ephemeral(await set({}))).toBe(
      'You already have this alert: any new opening. Nothing was changed.',
    );
    expect(await getOpeningAlert(harness.db, GUILD_A, watcher.userId)).toEqual(first);

    expect(ephemeral(await set({ kind: 'case_report', remote: false }))).toMatch(
      /^Alert set: Case report · on site\. It replaces your earlier alert \(any new opening\)\./,
    );
    const narrowed = await getOpeningAlert(harness.db, GUILD_A, watcher.userId);

    const refusals: Array<[Record<string, string | boolean>, RegExp]> = [
      [{ kind: 'anything' }, /`kind` option has a value this command does not accept/],
      [{ focus: 'cardiology' }, /`focus` option has a value this command does not accept/],
      [{ role: 'lead' }, /`role` option has a value this command does not accept/],
      [{ remote: 'yes' }, /`remote` option has a value this command does not accept/],
    ];
    for (const [options, message] of refusals) expect(ephemeral(await set(options))).toMatch(message);

    // A forged payload naming one filter twice, with two values: refused, not guessed at.
    const payload = buildChatInput(
      openingCommandData,
      { subcommand: 'alerts set', options: { kind: 'case_report' } },
      watcher,
    );
    const data = payload.data as { options: Array<{ options: Array<{ options: unknown[] }> }> };
    const [group] = data.options;
    group?.options[0]?.options.push({
      type: ApplicationCommandOptionType.String,
      name: 'kind',
      value: 'database',
    });
    expect(ephemeral(await harness.send(payload))).toBe('The `kind` option was given twice. Give it once.');
    expect(await getOpeningAlert(harness.db, GUILD_A, watcher.userId)).toEqual(narrowed);
  });
});

describe('a burst of alerts and interest messages', () => {
  it(`sends each once, at most ${DMS_PER_SECOND} a second, waiting out each 429 (npm run bench: 1000 members)`, async () => {
    const harness = await createHarness();
    try {
      const burst = await runDmBurst(harness.ctx, harness.standIn, {
        members: 30,
        openings: 3,
        limitEvery: 15,
      });
      expect(burst.sent).toBe(burst.expected);
      expect(burst.mostToOneRecipient).toBe(1);
      expect(burst.mostInOneSecond).toBeLessThanOrEqual(DMS_PER_SECOND);
      expect(burst.limited).toBe(2);
      expect(burst.shortestWaitAfterLimit).toBeGreaterThanOrEqual(1000 - 50);
    } finally {
      await harness.close();
    }
  });
});
