import {
  type APIEmbed,
  type APIInteractionResponse,
  ApplicationCommandType,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../commands/index.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { buildChatInput } from '../src/payloads/fake-interactions.ts';
import type { Command } from '../src/router/command.ts';
import { reply } from '../src/router/responses.ts';
import { createRouter, type Router } from '../src/router/router.ts';
import { startGatewayTransport } from '../src/transports/gateway.ts';
import type { Transport } from '../src/transports/transport.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { createTestContext } from './helpers/context.ts';
import { createTestDatabase } from './helpers/db.ts';
import { GatewayStandIn } from './helpers/gateway-stand-in.ts';

const helpCommand = commands.find((command) => command.data.name === 'help')?.data;
if (!helpCommand) throw new Error('the help command is missing from the command list');

type Interaction = ReturnType<typeof buildChatInput>;

describe('gateway transport against a local Discord gateway', () => {
  let database: Database;
  let standIn: GatewayStandIn;
  let transport: Transport | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());
  afterEach(async () => {
    await transport?.stop();
    transport = undefined;
    await standIn.stop();
  });

  async function startBot(options: { heartbeatIntervalMs?: number; router?: Router; token?: string } = {}) {
    standIn = await new GatewayStandIn({
      guildIds: [GUILD_A, GUILD_B],
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    }).start();
    const config = loadConfig({
      DISCORD_TOKEN: options.token ?? standIn.token,
      DISCORD_API_BASE: standIn.apiBase,
      LOG_LEVEL: 'silent',
    });
    const { ctx, logLines } = createTestContext({ db: database.db, rest: standIn.createRest(), config });
    const router = options.router ?? createRouter(commands);
    const start = startGatewayTransport({ config, ctx, router, databaseHealthy: async () => true });
    return { ctx, logLines, start };
  }

  async function connectedBot(options: Parameters<typeof startBot>[0] = {}) {
    const bot = await startBot(options);
    transport = await bot.start;
    return bot;
  }

  /** Waits for the bot's answer to an interaction, as Discord's callback route received it. */
  async function callbackFor(interaction: Interaction) {
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    return vi.waitFor(() => {
      const request = standIn.find('POST', /\/callback$/).find((candidate) => candidate.path === path);
      if (!request) throw new Error(`no callback for interaction ${interaction.id} yet`);
      return { ...request, response: request.body as APIInteractionResponse };
    });
  }

  it('logs in with only the Guilds intent, logs readiness with the guild count, and answers /help', async () => {
    const { logLines } = await connectedBot();

    const ready = await vi.waitFor(() => {
      const line = logLines.find((candidate) => candidate.msg === 'connected to the Discord gateway');
      if (!line) throw new Error('not ready yet');
      return line;
    });
    expect(ready.guilds).toBe(2);
    expect(standIn.identifies.map((identify) => identify.intents)).toEqual([GatewayIntentBits.Guilds]);
    expect(standIn.lastConnectionQuery?.get('encoding')).toBe('json');
    const secret = standIn.token.split('.').at(-1) ?? standIn.token;
    expect(JSON.stringify(logLines)).not.toContain(secret);

    const interaction = buildChatInput(helpCommand, {}, member());
    standIn.dispatchInteraction(interaction);
    const callback = await callbackFor(interaction);

    // The interaction token authorises the callback; the bot token must not be sent with it.
    expect(callback.headers.authorization).toBeUndefined();
    const response = callback.response;
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const embed = response.data.embeds?.[0] as APIEmbed;
    expect(embed.title).toBe('What this bot can do');
    expect(embedProblems(embed)).toEqual([]);
    for (const command of commands) {
      expect(embed.fields?.map((field) => field.name)).toContain(`/${command.data.name}`);
    }
  });

  it('answers a command the bot does not know with an ephemeral error', async () => {
    await connectedBot();
    const retired: Command['data'] = {
      name: 'retired',
      description: 'A command that was removed',
      type: ApplicationCommandType.ChatInput,
    };
    const interaction = buildChatInput(retired, {}, member());
    standIn.dispatchInteraction(interaction);

    const { response } = await callbackFor(interaction);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    expect(response.data.content).toMatch(/not one this bot knows/);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('logs a callback Discord rejects, without the token, and keeps answering', async () => {
    const { logLines } = await connectedBot();
    const rejected = buildChatInput(helpCommand, {}, member());
    standIn.on('POST', new RegExp(`^/interactions/${rejected.id}/`), () => ({
      status: 500,
      body: { message: 'Internal Server Error', code: 0 },
    }));
    standIn.dispatchInteraction(rejected);

    const failure = await vi.waitFor(() => {
      const line = logLines.find((candidate) => candidate.msg === 'interaction response not delivered');
      if (!line) throw new Error('failure not logged yet');
      return line;
    });
    expect(failure).toMatchObject({ interactionId: rejected.id, err: { status: 500, method: 'POST' } });
    expect(JSON.stringify(logLines)).not.toContain(rejected.token);

    const next = buildChatInput(helpCommand, {}, member());
    standIn.dispatchInteraction(next);
    const { response } = await callbackFor(next);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
  });

  it('keeps one connection alive across heartbeats', async () => {
    await connectedBot({ heartbeatIntervalMs: 100 });
    await vi.waitFor(() => expect(standIn.heartbeats).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    // Unacknowledged heartbeats would make the client drop the connection and identify again.
    expect(standIn.identifies).toHaveLength(1);
    expect(standIn.openConnections).toBe(1);
  });

  it('on stop answers the interaction in flight, refuses new ones, then closes the connection', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const slow: Command = {
      data: {
        name: 'slow',
        description: 'Waits until the test lets it answer',
        type: ApplicationCommandType.ChatInput,
      },
      async execute() {
        started = true;
        await released;
        return reply({ content: 'done' });
      },
    };
    const { logLines } = await connectedBot({
      router: createRouter([slow, ...commands], { deferAfterMs: Infinity }),
    });
    const inFlight = buildChatInput(slow.data, {}, member());
    standIn.dispatchInteraction(inFlight);
    await vi.waitFor(() => expect(started).toBe(true));

    const stopping = transport?.stop();
    transport = undefined;
    const late = buildChatInput(helpCommand, {}, member());
    standIn.dispatchInteraction(late);
    await vi.waitFor(() =>
      expect(logLines).toContainEqual(
        expect.objectContaining({
          msg: 'interaction arrived while stopping; not answered',
          interactionId: late.id,
        }),
      ),
    );
    // Still connected: the member in flight gets an answer before the bot goes away.
    expect(standIn.openConnections).toBe(1);
    release();
    await stopping;

    const answered = standIn.find('POST', new RegExp(`^/interactions/${inFlight.id}/`));
    expect(answered.map((request) => request.body)).toMatchObject([
      { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'done' } },
    ]);
    expect(standIn.find('POST', new RegExp(`^/interactions/${late.id}/`))).toEqual([]);
    expect(await standIn.latestConnectionClosed()).toBe(1000);
    expect(standIn.openConnections).toBe(0);
  });

  it('ends (so the process exits) when Discord closes the connection for good', async () => {
    const bot = await connectedBot();
    standIn.closeLatestConnection(4014);
    await expect(transport?.done).rejects.toThrow('close code 4014');
    expect(bot.logLines.some((line) => line.msg === 'gateway closed the connection for good')).toBe(true);
  });

  it('fails to start when the gateway refuses the token', async () => {
    const { start } = await startBot({ token: 'not-the-bot-token' });
    await expect(start).rejects.toThrow(/Authentication failed/);
    expect(standIn.openConnections).toBe(0);
  });
});
