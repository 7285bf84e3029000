import {
  type APIButtonComponentWithCustomId,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOpening } from '../src/db/queries/openings.ts';
import { openings } from '../src/db/schema/index.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { answerDmChannels } from './helpers/dm-channels.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import {
  OPENING_FORM_FIELDS,
  OPENINGS_TEXT_CHANNEL,
  useOpeningsTextChannel,
} from './helpers/openings-channel.ts';

const DAY = 24 * 60 * 60 * 1000;
const AUTHOR = '300000000000000071';
const author = member(AUTHOR);
/** The author pressing a button in their DMs: Discord sends no server and no member then. */
const authorInDms = member(AUTHOR, null);
const someoneElseInDms = member('300000000000000072', null);
const dmPath = /^\/channels\/6\d+\/messages$/;

type DmBody = { content: string; components: Array<{ components: APIButtonComponentWithCustomId[] }> };

function ephemeral(response: APIInteractionResponse): string {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('not a message');
  expect(response.data.flags).toBe(MessageFlags.Ephemeral);
  return response.data.content ?? '';
}

async function post(harness: Harness, days: number) {
  const modal = await harness.command(
    'opening',
    {
      subcommand: 'post',
      options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry', expires_in_days: days },
    },
    author,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
  await harness.submitModal(modal.data.custom_id, OPENING_FORM_FIELDS, author);
  const [row] = await harness.db.select().from(openings);
  if (!row) throw new Error('not stored');
  return row;
}

const tick = (harness: Harness) => createScheduler(harness.ctx, schedulerTasks, 60_000).tick();

describe('expiry warnings with buttons that work from the DM', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    await useOpeningsTextChannel(harness);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    harness.standIn.clear();
    answerDmChannels(harness.standIn);
  });

  async function warned() {
    const opening = await post(harness, 5);
    await tick(harness);
    expect(harness.standIn.find('POST', dmPath)).toEqual([]); // five days out: not yet
    harness.clock.advance(2 * DAY + 60_000);
    await tick(harness);
    await tick(harness);
    const messages = harness.standIn.find('POST', dmPath);
    expect(messages).toHaveLength(1); // once per expiry
    const body = messages[0]?.body as DmBody;
    return { opening, body, buttons: body.components.flatMap((row) => row.components) };
  }

  it('warns the author three days before, once, and renews 30 days in the same post', async () => {
    const { opening, body, buttons } = await warned();
    expect(body.content).toContain('Outcomes after prostate artery embolization');
    expect(buttons.map((button) => button.label)).toEqual(['Renew 30 days', 'Close as filled']);
    const renew = buttons[0]?.custom_id ?? '';
    expect(renew).toContain(GUILD_A);
    expect(renew.length).toBeLessThanOrEqual(100);

    const answer = await harness.press(renew, authorInDms);
    expect(answer.type).toBe(InteractionResponseType.UpdateMessage);
    if (answer.type !== InteractionResponseType.UpdateMessage) return;
    expect(answer.data?.components).toEqual([]);
    expect(answer.data?.content).toContain('stays open until');
    const renewed = await getOpening(harness.db, GUILD_A, opening.id);
    expect(renewed?.expiresAt).toEqual(new Date(opening.expiresAt.getTime() + 30 * DAY));
    expect(renewed?.messageId).toBe(opening.messageId);
    const edits = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${OPENINGS_TEXT_CHANNEL}/messages/${opening.messageId}$`),
    );
    expect(edits.length).toBeGreaterThan(0);

    // The same warning pressed again is out of date; nothing changes.
    expect(ephemeral(await harness.press(renew, authorInDms))).toMatch(/That warning is out of date/);
    expect((await getOpening(harness.db, GUILD_A, opening.id))?.expiresAt).toEqual(renewed?.expiresAt);
  });

  it('closes as filled from the DM', async () => {
    const { opening, buttons } = await warned();
    await harness.press(buttons[1]?.custom_id ?? '', authorInDms);
    expect((await getOpening(harness.db, GUILD_A, opening.id))?.status).toBe('filled');
  });

  it('refuses forged presses (another author, guild or opening, an out-of-date expiry), changing nothing', async () => {
    const { opening, buttons } = await warned();
    const renew = buttons[0]?.custom_id ?? '';
    const [prefix, action, choice, guild, id, expiry] = renew.split(':');
    const forged = {
      anotherAuthor: {
        id: renew,
        actor: someoneElseInDms,
        message: /Only the member who posted this opening/,
      },
      anotherGuild: {
        id: [prefix, action, choice, GUILD_B, id, expiry].join(':'),
        actor: authorInDms,
        message: /Only the member who posted this opening/,
      },
      anotherOpening: {
        id: [prefix, action, choice, guild, String(opening.id + 1000), expiry].join(':'),
        actor: authorInDms,
        message: /Only the member who posted this opening/,
      },
      expiredWarning: {
        id: [prefix, action, choice, guild, id, String(Number(expiry) - DAY / 1000)].join(':'),
        actor: authorInDms,
        message: /That warning is out of date/,
      },
      notANumber: {
        id: [prefix, action, choice, guild, id, 'zzzzzzzzzz'].join(':'),
        actor: authorInDms,
        message: /out of date or was changed/,
      },
    };
    for (const { id: customId, actor, message } of Object.values(forged)) {
      expect(ephemeral(await harness.press(customId, actor))).toMatch(message);
    }
    const unchanged = await getOpening(harness.db, GUILD_A, opening.id);
    expect(unchanged).toMatchObject({ status: 'open', expiresAt: opening.expiresAt });
  });
});
