import { ComponentType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPortfolioItem, getMemberItem } from '../src/db/queries/portfolio-items.ts';
import { getNudgeState } from '../src/db/queries/portfolio-nudges.ts';
import { portfolioItems, portfolioNudges } from '../src/db/schema/index.ts';
import { buildButtonPress } from '../src/payloads/fake-interactions.ts';
import { nudgeCustomId } from '../src/portfolio/custom-ids.ts';
import { portfolioNudgeTask } from '../src/portfolio/nudge-task.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

const ALICE = member();
const BOB = member('300000000000000002');
/** Alice pressing a button in her DMs: no server, no member, only the user. */
const ALICE_IN_DMS = member(ALICE.userId, null);
const DAY = 86_400_000;
const DM_CHANNEL = '500000000000000001';

describe.each(databaseKinds())('portfolio reminders on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(portfolioItems);
    await harness.db.delete(portfolioNudges);
    harness.clock.set(new Date('2026-11-01T12:00:00Z'));
    harness.standIn.clear();
    harness.standIn.on('POST', /^\/users\/@me\/channels$/, () => ({ body: { id: DM_CHANNEL, type: 1 } }));
  });

  const dms = () => harness.standIn.find('POST', new RegExp(`^/channels/${DM_CHANNEL}/messages$`));

  async function addItem(
    userId: string,
    fields: { status: 'in_preparation' | 'submitted' | 'published'; statusSince: string; title: string },
  ) {
    const item = await createPortfolioItem(
      harness.db,
      { guildId: GUILD_A, userId },
      { kind: 'original_research', role: 'entry', ...fields },
      { now: harness.clock.now(), limit: 200 },
    );
    if (!item) throw new Error('not stored');
    return item;
  }

  async function remindersOn(actor = ALICE) {
    const response = await harness.command('portfolio', { subcommand: 'reminders on' }, actor);
    expect(response).toMatchObject({ data: { flags: MessageFlags.Ephemeral } });
  }

  /** Alice's draft, in preparation since January: long stuck. */
  const stuckDraft = () =>
    addItem(ALICE.userId, { status: 'in_preparation', statusSince: '2026-01-01', title: 'Stuck draft' });

  async function stuckDraftWithRemindersOn() {
    await stuckDraft();
    await remindersOn();
  }

  /** Discord answers the next `times` DMs with this response. */
  function dmsAnswered(response: { status: number; body: unknown }, times: number) {
    harness.standIn.on('POST', new RegExp(`^/channels/${DM_CHANNEL}/messages$`), () => response, times);
  }

  it('sends an opted-in member one DM about items stuck for 8 (or 12 submitted) weeks, at most once a week', async () => {
    const stuck = await addItem(ALICE.userId, {
      status: 'in_preparation',
      statusSince: '2026-08-01',
      title: 'Draft gone quiet',
    });
    await addItem(ALICE.userId, {
      status: 'submitted',
      statusSince: '2026-09-01',
      title: 'Submitted nine weeks ago',
    });
    await addItem(ALICE.userId, { status: 'published', statusSince: '2020-01-01', title: 'Long published' });
    await addItem(BOB.userId, {
      status: 'in_preparation',
      statusSince: '2026-01-01',
      title: 'Bob never opted in',
    });
    await remindersOn();

    await portfolioNudgeTask.run(harness.ctx);
    const [dm, ...more] = dms();
    expect(more).toEqual([]);
    expect(harness.standIn.find('POST', /^\/users\/@me\/channels$/)[0]?.body).toEqual({
      recipient_id: ALICE.userId,
    });
    const body = dm?.body as { content: string; components: unknown[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toContain('Draft gone quiet');
    expect(body.content).not.toContain('Submitted nine weeks ago');
    expect(body.content).not.toContain('Long published');
    expect(body.components).toEqual([
      {
        type: ComponentType.ActionRow,
        components: [
          expect.objectContaining({
            label: `Update #${stuck.id}`,
            custom_id: nudgeCustomId('nudge-status', GUILD_A, stuck.id),
          }),
          expect.objectContaining({ custom_id: nudgeCustomId('nudge-snooze', GUILD_A, stuck.id) }),
        ],
      },
    ]);

    // Two processes ticking at once, and later ticks within the week: nothing more.
    await Promise.all([portfolioNudgeTask.run(harness.ctx), portfolioNudgeTask.run(harness.ctx)]);
    harness.clock.advance(6 * DAY);
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toHaveLength(1);
    harness.clock.advance(DAY);
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toHaveLength(2);
  });

  it('claims a member once across processes ticking at the same moment', async () => {
    await stuckDraftWithRemindersOn();
    await Promise.all(Array.from({ length: 4 }, () => portfolioNudgeTask.run(harness.ctx)));
    expect(dms()).toHaveLength(1);
  });

  it('counts the week across servers: a user gets one DM a week, whichever servers they keep a portfolio in', async () => {
    await addItem(ALICE.userId, { status: 'in_preparation', statusSince: '2026-01-01', title: 'Stuck here' });
    await createPortfolioItem(
      harness.db,
      { guildId: GUILD_B, userId: ALICE.userId },
      {
        kind: 'project',
        role: 'entry',
        status: 'writing',
        statusSince: '2026-01-01',
        title: 'Stuck elsewhere',
      },
      { now: harness.clock.now(), limit: 200 },
    );
    await remindersOn();
    await remindersOn(member(ALICE.userId, GUILD_B));
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toHaveLength(1);
    harness.clock.advance(7 * DAY);
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toHaveLength(2);
  });

  it('turns reminders off when Discord refuses the DM, and the next /portfolio reply says why, once', async () => {
    await stuckDraftWithRemindersOn();
    dmsAnswered({ status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } }, 1);
    await portfolioNudgeTask.run(harness.ctx);
    expect(await getNudgeState(harness.db, GUILD_A, ALICE.userId)).toMatchObject({
      enabled: false,
      nextCheckAt: null,
    });

    const list = await harness.command('portfolio', { subcommand: 'list' }, ALICE);
    expect(list).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource });
    expect((list as { data: { content?: string } }).data.content).toMatch(
      /^Your portfolio reminders were turned off: Discord did not let the bot send you a direct message\./,
    );
    const again = await harness.command('portfolio', { subcommand: 'list' }, ALICE);
    expect((again as { data: { content?: string } }).data.content).toBeUndefined();
    harness.clock.advance(30 * DAY);
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toHaveLength(1);
  });

  it('keeps trying later after a failure that may pass', async () => {
    await stuckDraftWithRemindersOn();
    dmsAnswered({ status: 500, body: {} }, 2);
    await portfolioNudgeTask.run(harness.ctx);
    expect(await getNudgeState(harness.db, GUILD_A, ALICE.userId)).toMatchObject({
      enabled: true,
      failures: 1,
    });
    harness.clock.advance(2 * 60 * 60 * 1000);
    await portfolioNudgeTask.run(harness.ctx);
    expect((await getNudgeState(harness.db, GUILD_A, ALICE.userId))?.lastSentAt).toEqual(harness.clock.now());
  });

  it('sends nothing after reminders off', async () => {
    await stuckDraftWithRemindersOn();
    await harness.command('portfolio', { subcommand: 'reminders off' }, ALICE);
    await portfolioNudgeTask.run(harness.ctx);
    expect(dms()).toEqual([]);
  });

  it('the DM’s buttons snooze for 4 weeks or set a new status, only for the member’s own item', async () => {
    const item = await stuckDraft();
    const snooze = await harness.press(nudgeCustomId('nudge-snooze', GUILD_A, item.id), ALICE_IN_DMS);
    expect(snooze).toMatchObject({ data: { content: `No reminder about #${item.id} for 4 weeks.` } });
    expect((await getMemberItem(harness.db, GUILD_A, ALICE.userId, item.id))?.nudgeSnoozedUntil).toEqual(
      new Date(harness.clock.now().getTime() + 28 * DAY),
    );

    const menu = await harness.press(nudgeCustomId('nudge-status', GUILD_A, item.id), ALICE_IN_DMS);
    const select = (
      menu as { data: { components: Array<{ components: Array<{ options: Array<{ value: string }> }> }> } }
    ).data.components[0]?.components[0];
    expect(select?.options.map((option) => option.value)).toEqual([
      'in_preparation',
      'submitted',
      'accepted',
      'in_press',
      'published',
    ]);
    const pick = (value: string, actor = ALICE_IN_DMS) => {
      const payload = buildButtonPress(nudgeCustomId('nudge-set', GUILD_A, item.id), actor);
      return harness.send({
        ...payload,
        data: {
          custom_id: nudgeCustomId('nudge-set', GUILD_A, item.id),
          component_type: ComponentType.StringSelect,
          values: [value],
        },
      });
    };
    expect(await pick('presented')).toMatchObject({
      data: { content: 'Pick one of the statuses in the menu. Nothing changed.' },
    });
    // Bob pressing a forwarded or forged copy finds no item of his.
    expect(await pick('submitted', member(BOB.userId, null))).toMatchObject({
      data: { content: expect.stringContaining('You have no such item') },
    });
    const updated = await pick('submitted');
    expect(updated).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { components: [] } });
    expect(await getMemberItem(harness.db, GUILD_A, ALICE.userId, item.id)).toMatchObject({
      status: 'submitted',
      statusSince: '2026-11-01',
      nudgeSnoozedUntil: null,
    });
  });
});
