import type { APIInteractionResponse } from 'discord-api-types/v10';
import { commands, messageCommands } from '../../commands/index.ts';
import type { Config } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import {
  type Actor,
  buildAutocomplete,
  buildButtonPress,
  buildChatInput,
  buildModalSubmit,
  type CommandInput,
} from '../../src/payloads/fake-interactions.ts';
import { createRouter, type RouterOptions } from '../../src/router/router.ts';
import { createTestContext, manualClock } from './context.ts';
import { createTestDatabase, type DatabaseKind } from './db.ts';
import { DiscordStandIn } from './discord-stand-in.ts';

/**
 * Everything a handler test needs, all real but Discord: a migrated database, the router over the
 * one command list, and a recording stand-in for Discord's REST.
 */
export async function createHarness(
  options: { kind?: DatabaseKind; config?: Config; router?: RouterOptions } = {},
) {
  const database: Database = await createTestDatabase(options.kind);
  const standIn = await new DiscordStandIn().start();
  const clock = manualClock();
  const { ctx, logLines } = createTestContext({
    db: database.db,
    rest: standIn.createRest(),
    clock: clock.now,
    ...(options.config ? { config: options.config } : {}),
  });
  const router = createRouter(commands, { messageCommands, ...options.router });
  const commandNamed = (name: string) => {
    const command = commands.find((candidate) => candidate.data.name === name);
    if (!command) throw new Error(`no command ${name}`);
    return command.data;
  };
  const send = (payload: unknown) => router.route(payload, ctx) as Promise<APIInteractionResponse>;

  return {
    database,
    db: database.db,
    standIn,
    clock,
    ctx,
    logLines,
    router,
    send,
    command: (name: string, input: CommandInput, actor: Actor) =>
      send(buildChatInput(commandNamed(name), input, actor)),
    autocomplete: (name: string, input: CommandInput & { focused: string }, actor: Actor) =>
      send(buildAutocomplete(commandNamed(name), input, actor)),
    press: (customId: string, actor: Actor, message?: { id: string; [key: string]: unknown }) =>
      send(buildButtonPress(customId, actor, message)),
    submitModal: (customId: string, fields: Record<string, string>, actor: Actor) =>
      send(buildModalSubmit(customId, fields, actor)),
    async close() {
      await router.idle();
      await ctx.faqActivity.close();
      await standIn.stop();
      await database.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
