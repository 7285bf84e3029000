import { type APIInteractionResponse, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOpeningAuthorSettings } from '../src/db/queries/opening-author-settings.ts';
import { openingAuthorSettings, openingInterests, openings } from '../src/db/schema/index.ts';
import { DMS_PER_SECOND } from '../src/discord/direct-messages.ts';
import { CLOSED_DMS_REASON } from '../src/openings/interest-news.ts';
import type { Actor } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { openOpeningRows } from './helpers/dm-burst.ts';
import { answerDmChannels, dmChannelOf } from './helpers/dm-channels.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { useOpeningsTextChannel } from './helpers/openings-channel.ts';

const HOUR = 60 * 60 * 1000;
const author = member('300000000000000051');
const helpers = ['300000000000000052', '300000000000000053', '300000000000000054'].map((id) => member(id));

const dmPath = /^\/channels\/6\d+\/messages$/;

function ephemeral(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('not a message');
  expect(response.data.flags).toBe(MessageFlags.Ephemeral);
  return `${response.data.content ?? ''}${JSON.stringify(response.data.embeds ?? [])}`;
}

async function post(harness: Harness, actor: Actor, title: string) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
    actor,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
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
  const rows = await harness.db.select().from(openings);
  const row = rows.find((candidate) => candidate.title === title);
  if (!row) throw new Error('not stored');
  return row;
}

const dms = (harness: Harness) => harness.standIn.find('POST', dmPath);
const tick = (harness: Harness) => createScheduler(harness.ctx, schedulerTasks, 60_000).tick();

describe('authors hear about interest', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    await harness.db.delete(openingAuthorSettings);
    harness.standIn.clear();
    answerDmChannels(harness.standIn);
    harness.clock.advance(2 * 24 * HOUR);
  });

  it('batches new interest into one message an hour, naming the members without pinging them', async () => {
    const opening = await post(harness, author, 'Dose audit in uterine fibroid embolization');
    await harness.press(`opening:interest:${opening.id}`, helpers[0] as Actor);
    await harness.press(`opening:interest:${opening.id}`, helpers[1] as Actor);
    await tick(harness);
    const [first] = dms(harness);
    expect(first?.path).toBe(`/channels/${dmChannelOf(author.userId)}/messages`);
    const body = first?.body as { content: string; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toContain('2 members showed interest');
    expect(body.content).toContain(`<@${helpers[0]?.userId}>, <@${helpers[1]?.userId}>`);
    expect(body.content).toContain('/opening notify off');

    // Within the hour: nothing more, however many press.
    await harness.press(`opening:interest:${opening.id}`, helpers[2] as Actor);
    harness.clock.advance(HOUR - 60_000);
    await tick(harness);
    expect(dms(harness)).toHaveLength(1);
    harness.clock.advance(60_000);
    await tick(harness);
    expect(dms(harness)).toHaveLength(2);
    const second = String((dms(harness)[1]?.body as { content?: string } | undefined)?.content);
    expect(second).toContain('1 member showed interest');
    expect(second).toContain(`<@${helpers[2]?.userId}>`);
    expect(second).not.toContain(`<@${helpers[0]?.userId}>`);
  });

  it('sends nothing to an author who turned the messages off, and says so in list mine:true', async () => {
    const opening = await post(harness, author, 'Registry of splenic artery embolization');
    expect(
      ephemeral(
        await harness.command('opening', { subcommand: 'notify', options: { setting: 'off' } }, author),
      ),
    ).toContain('no direct messages');
    await harness.press(`opening:interest:${opening.id}`, helpers[0] as Actor);
    await tick(harness);
    expect(dms(harness)).toEqual([]);
    const mine = ephemeral(
      await harness.command('opening', { subcommand: 'list', options: { mine: true } }, author),
    );
    expect(mine).toContain('Your open research openings');
    expect(mine).toContain('You turned them off with `/opening notify off`');

    // Back on: the interest shown meanwhile is in the next message.
    await harness.command('opening', { subcommand: 'notify', options: { setting: 'on' } }, author);
    await tick(harness);
    expect(String((dms(harness)[0]?.body as { content?: string } | undefined)?.content)).toContain(
      `<@${helpers[0]?.userId}>`,
    );
  });

  it('turns the messages off when Discord refuses a DM, and list mine:true says why', async () => {
    harness.standIn.on('POST', dmPath, () => ({
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    }));
    const opening = await post(harness, author, 'Case series of genicular artery embolization');
    await harness.press(`opening:interest:${opening.id}`, helpers[0] as Actor);
    await tick(harness);
    expect(await getOpeningAuthorSettings(harness.db, GUILD_A, author.userId)).toMatchObject({
      interestDms: false,
      interestDmsOffReason: CLOSED_DMS_REASON,
    });
    const mine = ephemeral(
      await harness.command('opening', { subcommand: 'list', options: { mine: true } }, author),
    );
    expect(mine).toContain('Discord refused a direct message to you');
    harness.standIn.clear();
    await harness.press(`opening:interest:${opening.id}`, helpers[1] as Actor);
    harness.clock.advance(2 * HOUR);
    await tick(harness);
    expect(harness.standIn.find('POST', /^\/users\/@me\/channels$/)).toEqual([]);
  });

  it('refuses a notify setting that is not on or off, changing nothing', async () => {
    const reply = ephemeral(
      await harness.command('opening', { subcommand: 'notify', options: { setting: 'maybe' } }, author),
    );
    expect(reply).toMatch(/`setting` option has a value this command does not accept/);
    expect(await getOpeningAuthorSettings(harness.db, GUILD_A, author.userId)).toBeNull();
  });
});

describe('interest news for 100 openings and 1000 members', { timeout: 120_000 }, () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it(`sends one message per author at most ${DMS_PER_SECOND} a second, and waits out a 429`, async () => {
    answerDmChannels(harness.standIn);
    const sentAt: number[] = [];
    let limitedAt = 0;
    // Checked last to first: the first message meets a 429, and every message that gets through is timed.
    harness.standIn.on('POST', dmPath, () => {
      sentAt.push(Date.now());
      return undefined;
    });
    harness.standIn.on(
      'POST',
      dmPath,
      () => {
        limitedAt = Date.now();
        return {
          status: 429,
          headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' },
          body: { message: 'You are being rate limited.', retry_after: 1, global: false },
        };
      },
      1,
    );
    const now = harness.clock.now();
    const rows = await harness.db
      .insert(openings)
      .values(openOpeningRows(100, now, (index) => `3000000000002${String(index).padStart(5, '0')}`))
      .returning({ id: openings.id });
    await harness.db.insert(openingInterests).values(
      Array.from({ length: 1000 }, (_, index) => ({
        openingId: rows[index % 100]?.id ?? 0,
        guildId: GUILD_A,
        userId: `3000000000003${String(index).padStart(5, '0')}`,
        createdAt: now,
      })),
    );

    for (let ticks = 0; sentAt.length < 100 && ticks < 20; ticks++) await tick(harness);

    expect(sentAt).toHaveLength(100);
    const channels = dms(harness).map((request) => request.path);
    expect(new Set(channels).size).toBe(100);
    // Never more than the pace in any one second.
    for (const at of sentAt) {
      expect(sentAt.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(
        DMS_PER_SECOND,
      );
    }
    // The 429's retry_after was waited out before the next message.
    expect(limitedAt).toBeGreaterThan(0);
    expect(Math.min(...sentAt) - limitedAt).toBeGreaterThanOrEqual(1000 - 50);
    // Each message names its opening's ten members.
    for (const request of dms(harness))
      expect((request.body as { content: string }).content).toContain('10 members');
  });
});
