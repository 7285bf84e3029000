import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { UserError } from '../src/errors.ts';
import {
  buildAutocomplete,
  buildButtonPress,
  buildChatInput,
  buildModalSubmit,
  buildPing,
} from '../src/payloads/fake-interactions.ts';
import type { Command, MessageCommand } from '../src/router/command.ts';
import { readModalFields, readOptions, wantsPublicReply } from '../src/router/options.ts';
import { choices, reply, showModal, updateMessage } from '../src/router/responses.ts';
import { ANSWERED_BELOW, createRouter, DEFER_AFTER_MS } from '../src/router/router.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { createTestContext } from './helpers/context.ts';
import { createTestDatabase } from './helpers/db.ts';
import { DiscordStandIn } from './helpers/discord-stand-in.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Small commands that exercise each path of the router; the real commands are tested on their own.
const echo: Command = {
  data: { name: 'echo', description: 'Echo', type: ApplicationCommandType.ChatInput },
  async execute(interaction) {
    return reply({ content: `said ${readOptions(interaction).values.text}` });
  },
  async autocomplete(interaction) {
    const typed = readOptions(interaction).focused?.value ?? '';
    return choices([{ name: `${typed}!`, value: typed }]);
  },
  async component(interaction) {
    return reply({ content: `pressed ${interaction.data.custom_id}` });
  },
  async modal(interaction) {
    return reply({ content: `got ${readModalFields(interaction).note}` });
  },
};
const form: Command = {
  data: { name: 'form', description: 'Form', type: ApplicationCommandType.ChatInput },
  async execute() {
    return showModal({ custom_id: 'echo:form', title: 'A form', components: [] });
  },
};
const failing: Command = {
  data: { name: 'failing', description: 'Fails', type: ApplicationCommandType.ChatInput },
  async execute(interaction) {
    if (readOptions(interaction).values.kind === 'user')
      throw new UserError('Publications cannot be negative.');
    throw new Error('database exploded: secret detail');
  },
  async autocomplete() {
    throw new Error('search index missing');
  },
};
const slow: Command = {
  data: { name: 'slow', description: 'Slow', type: ApplicationCommandType.ChatInput },
  async execute(interaction) {
    await sleep(300);
    return reply({ content: 'finally done' }, { ephemeral: !wantsPublicReply(interaction) });
  },
};
const slowButton: Command = {
  data: { name: 'slowbutton', description: 'Slow button', type: ApplicationCommandType.ChatInput },
  async execute() {
    return reply({ content: 'unused' });
  },
  async component(interaction) {
    await sleep(300);
    if (interaction.data.custom_id.endsWith('update')) return updateMessage({ content: 'updated in place' });
    return reply({ content: 'only for you' });
  },
};
/** Like `Answer with FAQ`: a message command whose slow answer is public. */
const slowPublicAnswer: MessageCommand = {
  data: { name: 'Answer slowly', type: ApplicationCommandType.Message },
  async execute() {
    await sleep(300);
    return reply({ content: 'the public answer' }, { ephemeral: false });
  },
};
const everywhere: Command = {
  data: {
    name: 'everywhere',
    description: 'Works in DMs',
    type: ApplicationCommandType.ChatInput,
    contexts: [0, 1],
  },
  async execute() {
    return reply({ content: 'hello' });
  },
};

describe('router', () => {
  let database: Database;
  let standIn: DiscordStandIn;
  let context: ReturnType<typeof createTestContext>;
  const router = createRouter([echo, form, failing, slow, slowButton, everywhere], {
    deferAfterMs: 100,
    messageCommands: [slowPublicAnswer],
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await new DiscordStandIn().start();
    context = createTestContext({ db: database.db, rest: standIn.createRest() });
  });
  afterAll(async () => {
    await standIn.stop();
    await database.close();
  });

  const route = (payload: unknown) => router.route(payload, context.ctx);

  it('answers PING with PONG', async () => {
    expect(await route(buildPing())).toEqual({ type: InteractionResponseType.Pong });
  });

  it('sends a slash command to its command and keeps mentions off', async () => {
    const response = await route(buildChatInput(echo.data, { options: { text: 'hi @everyone' } }, member()));
    expect(response).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: 'said hi @everyone', allowed_mentions: { parse: [] }, flags: MessageFlags.Ephemeral },
    });
  });

  it('sends autocomplete, buttons and modals to the command that owns them', async () => {
    const suggestions = await route(
      buildAutocomplete(echo.data, { options: { text: 'ab' }, focused: 'text' }, member()),
    );
    expect(suggestions).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'ab!', value: 'ab' }] },
    });
    expect(await route(buildButtonPress('echo:next:2', member()))).toMatchObject({
      data: { content: 'pressed echo:next:2' },
    });
    expect(await route(buildModalSubmit('echo:form', { note: 'typed' }, member()))).toMatchObject({
      data: { content: 'got typed' },
    });
    expect(await route(buildChatInput(form.data, {}, member()))).toMatchObject({
      type: InteractionResponseType.Modal,
    });
  });

  it.each([
    [
      'an unknown command',
      buildChatInput({ ...echo.data, name: 'gone' }, {}, member()),
      'not one this bot knows',
    ],
    ['an unknown button', buildButtonPress('nobody:1', member()), 'not one this bot knows'],
    ['an unknown form', buildModalSubmit('nobody:form', {}, member()), 'not one this bot knows'],
    ['a button of a command without buttons', buildButtonPress('form:1', member()), 'not one this bot knows'],
    [
      'a guild command in direct messages',
      buildChatInput(echo.data, {}, member(undefined, null)),
      'inside a server',
    ],
    [
      'an unknown interaction type',
      { ...buildChatInput(echo.data, {}, member()), type: 42 },
      'not supported',
    ],
    ['a payload that is not an interaction', { hello: 'world' }, 'not understood'],
    ['null', null, 'not understood'],
  ])('answers %s with an ephemeral error', async (_label, payload, message) => {
    const response = await route(payload);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data.content).toContain(message);
  });

  it('lets a command that allows it run in direct messages', async () => {
    expect(await route(buildChatInput(everywhere.data, {}, member(undefined, null)))).toMatchObject({
      data: { content: 'hello' },
    });
  });

  it('shows a UserError message as it is, and logs nothing as an error', async () => {
    context.logLines.length = 0;
    const response = await route(buildChatInput(failing.data, { options: { kind: 'user' } }, member()));
    expect(response).toMatchObject({
      data: { content: 'Publications cannot be negative.', flags: MessageFlags.Ephemeral },
    });
    expect(context.logLines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('hides an unexpected error behind a reference id that is also in the log', async () => {
    context.logLines.length = 0;
    const payload = buildChatInput(failing.data, { options: { kind: 'bug' } }, member('300000000000000042'));
    const response = await route(payload);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource)
      throw new Error('expected a message');
    expect(response.data.content).not.toContain('secret detail');
    const reference = /`([0-9a-f]{8})`/.exec(response.data.content ?? '')?.[1];
    expect(reference).toBeDefined();
    const logged = context.logLines.find((line) => line.reference === reference);
    expect(logged).toMatchObject({
      level: 50,
      interactionId: payload.id,
      command: 'failing',
      guildId: GUILD_A,
      userId: '300000000000000042',
    });
  });

  it('answers a failing autocomplete with no choices instead of an error', async () => {
    const response = await route(
      buildAutocomplete(failing.data, { options: { q: 'x' }, focused: 'q' }, member()),
    );
    expect(response).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
  });

  it('defers a slow command, then edits the original response with the result', async () => {
    standIn.clear();
    const payload = buildChatInput(slow.data, {}, member());
    const response = await route(payload);
    expect(response).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    await router.idle();
    const edits = standIn.find('PATCH', /^\/webhooks\/.+\/messages\/@original$/);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.path).toBe(`/webhooks/${payload.application_id}/${payload.token}/messages/@original`);
    expect(edits[0]?.body).toEqual({ content: 'finally done', allowed_mentions: { parse: [] } });
  });

  it('answers a slow button with a new private message as a follow-up, leaving its message alone', async () => {
    standIn.clear();
    const payload = buildButtonPress('slowbutton:reply', member());
    expect(await route(payload)).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    await router.idle();
    expect(standIn.find('PATCH', /@original$/)).toEqual([]);
    const followUps = standIn.find('POST', /^\/webhooks\//);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.path).toBe(`/webhooks/${payload.application_id}/${payload.token}`);
    expect(followUps[0]?.body).toMatchObject({
      content: 'only for you',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
  });

  it('answers a slow button that updates its message by editing that message', async () => {
    standIn.clear();
    await route(buildButtonPress('slowbutton:update', member()));
    await router.idle();
    expect(standIn.find('PATCH', /@original$/).map((request) => request.body)).toEqual([
      { content: 'updated in place', allowed_mentions: { parse: [] } },
    ]);
  });

  it('defers publicly when the command says its reply is public', async () => {
    const response = await route(buildChatInput(slow.data, { options: { public: true } }, member()));
    expect(response).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: {} });
    await router.idle();
  });

  it('posts a slow public answer to a privately deferred message command as a public message', async () => {
    standIn.clear();
    const press = buildButtonPress('x', member());
    const payload = {
      ...press,
      type: InteractionType.ApplicationCommand,
      message: undefined,
      data: { id: '500000000000000002', name: 'Answer slowly', type: ApplicationCommandType.Message },
    };
    expect(await route(payload)).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    await router.idle();
    // Discord keeps an edit (and a first follow-up) as private as the deferral, so the private
    // "thinking…" is resolved first and the answer goes out as its own, public message.
    expect(standIn.find('PATCH', /@original$/).map((request) => request.body)).toEqual([
      { content: ANSWERED_BELOW, allowed_mentions: { parse: [] } },
    ]);
    const followUps = standIn.find('POST', /^\/webhooks\//);
    expect(followUps.map((request) => request.body)).toEqual([
      { content: 'the public answer', allowed_mentions: { parse: [] } },
    ]);
  });

  it('defers the real router comfortably inside Discord’s 3 seconds', () => {
    expect(DEFER_AFTER_MS).toBeGreaterThanOrEqual(2000);
    expect(DEFER_AFTER_MS).toBeLessThanOrEqual(2700);
  });

  it('keeps the interaction type of the request in its reply for every type', async () => {
    for (const type of [
      InteractionType.ApplicationCommand,
      InteractionType.MessageComponent,
      InteractionType.ModalSubmit,
    ]) {
      const response = await route({ ...buildChatInput(echo.data, {}, member()), type, data: {} });
      expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    }
  });
});
