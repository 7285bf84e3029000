import {
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCommands } from '../commands/index.ts';
import { faqQuestions } from '../src/db/schema/index.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { type Actor, buildButtonPress } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, member, moderator } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

function messageOf(response: APIInteractionResponse): APIInteractionResponseCallbackData {
  if (
    response.type !== InteractionResponseType.ChannelMessageWithSource &&
    response.type !== InteractionResponseType.UpdateMessage
  ) {
    throw new Error(`expected a message, got response type ${response.type}`);
  }
  return response.data ?? {};
}

const asker = { id: '300000000000000011', username: 'asker' };
const helper = member('300000000000000012');
const bystander = member('300000000000000013');
const mod = moderator('300000000000000099');

/** A message command payload as Discord sends it, with the target message resolved. */
function answerWithFaq(
  actor: Actor,
  target: { content: string; embeds?: unknown[]; attachments?: unknown[] },
  channelId = '100000000000000010',
) {
  const press = buildButtonPress('x', { ...actor, channelId });
  const targetId = '400000000000000001';
  return {
    ...press,
    type: InteractionType.ApplicationCommand,
    message: undefined,
    data: {
      id: '500000000000000001',
      name: 'Answer with FAQ',
      type: ApplicationCommandType.Message,
      target_id: targetId,
      resolved: {
        messages: {
          [targetId]: {
            id: targetId,
            channel_id: channelId,
            author: asker,
            content: target.content,
            embeds: target.embeds ?? [],
            attachments: target.attachments ?? [],
            mentions: [],
            mention_roles: [],
            timestamp: '2026-11-01T12:00:00.000Z',
          },
        },
      },
    },
  };
}

describe('Answer with FAQ (message command)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('is a guild-only message command (type 3) in the deployed list', () => {
    expect(messageCommands.map((command) => command.data)).toContainEqual(
      expect.objectContaining({ name: 'Answer with FAQ', type: 3, contexts: [0] }),
    );
  });

  it('answers the message publicly, naming the asker, who is the only user it may ping', async () => {
    const before = await harness.db.select().from(faqQuestions);
    const data = messageOf(
      await harness.send(answerWithFaq(helper, { content: 'how many pubs do i need as an img? @everyone' })),
    );
    expect((data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(data.content).toContain(`<@${asker.id}>`);
    expect(data.allowed_mentions).toEqual({ parse: [], users: [asker.id] });
    expect(data.embeds?.[0]?.title).toBe(
      loadBuiltInFaqs().find((entry) => entry.slug === 'how-many-publications')?.question,
    );
    expect(JSON.stringify(data.components)).toContain(`faq:delete:${helper.userId}`);
    // Answered: the message's text is not kept.
    await harness.ctx.faqActivity.flush();
    expect(await harness.db.select().from(faqQuestions)).toHaveLength(before.length);
  });

  it('gives the invoker the entry privately when it was posted in the channel within 60 s', async () => {
    const channel = '100000000000000020';
    const first = messageOf(
      await harness.send(answerWithFaq(helper, { content: 'research fellowship' }, channel)),
    );
    expect((first.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    harness.clock.advance(30_000);
    const repeat = messageOf(
      await harness.send(answerWithFaq(bystander, { content: 'is a research fellowship worth it' }, channel)),
    );
    expect(repeat.flags).toBe(MessageFlags.Ephemeral);
    expect(repeat.content).toMatch(/less than a minute ago/);
    expect(repeat.allowed_mentions).toEqual({ parse: [] });
    // Another channel, or a minute later, gets its own post.
    const elsewhere = messageOf(
      await harness.send(answerWithFaq(bystander, { content: 'research fellowship' })),
    );
    expect((elsewhere.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    harness.clock.advance(31_000);
    const later = messageOf(
      await harness.send(answerWithFaq(bystander, { content: 'research fellowship' }, channel)),
    );
    expect((later.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
  });

  it('says a message with only an image or embed has no text to answer, and stores nothing', async () => {
    const before = await harness.db.select().from(faqQuestions);
    for (const target of [
      { content: '', attachments: [{ id: '1', filename: 'scan.png' }] },
      { content: '   ', embeds: [{ title: 'a link preview' }] },
    ]) {
      const data = messageOf(await harness.send(answerWithFaq(helper, target)));
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      expect(data.content).toBe('That message has no text to answer.');
    }
    const emoji = messageOf(await harness.send(answerWithFaq(helper, { content: '😀🔥' })));
    expect(emoji.flags).toBe(MessageFlags.Ephemeral);
    await harness.ctx.faqActivity.flush();
    expect(await harness.db.select().from(faqQuestions)).toHaveLength(before.length);
  });

  it('turns an off-topic message away privately, keeping it as a gap', async () => {
    const data = messageOf(
      await harness.send(answerWithFaq(helper, { content: 'recipe for chocolate cake' })),
    );
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toMatch(/No FAQ entry fits/);
    await harness.ctx.faqActivity.flush();
    const rows = await harness.db.select().from(faqQuestions);
    expect(rows.at(-1)).toMatchObject({
      guildId: GUILD_A,
      normalized: 'recipe for chocolate cake',
      answered: false,
    });
  });

  it('lets only the invoker and Manage Messages delete the post', async () => {
    const post = messageOf(await harness.send(answerWithFaq(helper, { content: 'what counts as research' })));
    const deleteId = JSON.stringify(post.components).match(/faq:delete:\d+/)?.[0] ?? '';
    const message = { id: '600000000000000001', channel_id: '100000000000000010', components: [] };
    harness.standIn.clear();
    const refused = messageOf(await harness.send(buildButtonPress(deleteId, bystander, message)));
    expect(refused.content).toMatch(/Only the member who posted this answer/);
    expect(harness.standIn.find('DELETE', /messages/)).toEqual([]);

    expect(messageOf(await harness.send(buildButtonPress(deleteId, helper, message))).content).toMatch(
      /Deleted/,
    );
    expect(messageOf(await harness.send(buildButtonPress(deleteId, mod, message))).content).toMatch(
      /Deleted/,
    );
    expect(
      harness.standIn.find('DELETE', /^\/channels\/100000000000000010\/messages\/600000000000000001$/),
    ).toHaveLength(2);
  });

  it('is refused in direct messages', async () => {
    const data = messageOf(
      await harness.send(answerWithFaq(member('300000000000000014', null), { content: 'pubs' })),
    );
    expect(data.content).toMatch(/only works inside a server/);
  });
});
