import { readdirSync, readFileSync } from 'node:fs';
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { faqCommandData } from '../src/faq/definition.ts';
import {
  buildAutocomplete,
  buildButtonPress,
  buildChatInput,
  buildModalSubmit,
} from '../src/payloads/fake-interactions.ts';
import { NOT_INSTALLED_MESSAGE } from '../src/router/dispatch.ts';
import { publicOption } from '../src/router/options.ts';
import { moderator } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { ephemeralContent, replyOf } from './helpers/responses.ts';
import { rowCounts } from './helpers/row-counts.ts';

const COMMAND_DIR = new URL('../commands/', import.meta.url);
const commandSources = readdirSync(COMMAND_DIR)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, COMMAND_DIR), 'utf8') }));

const isSubcommand = (option: APIApplicationCommandOption) =>
  option.type === ApplicationCommandOptionType.Subcommand ||
  option.type === ApplicationCommandOptionType.SubcommandGroup;

/** "subcommand" or "group subcommand" paths, as `readOptions` names them. */
function subcommandPaths(options: readonly APIApplicationCommandOption[], prefix = ''): string[] {
  return options.filter(isSubcommand).flatMap((option) => {
    const path = `${prefix}${option.name}`;
    const nested = 'options' in option ? (option.options ?? []) : [];
    return option.type === ApplicationCommandOptionType.SubcommandGroup
      ? subcommandPaths(nested, `${path} `)
      : [path];
  });
}

function allOptions(options: readonly APIApplicationCommandOption[]): APIApplicationCommandOption[] {
  return options.flatMap((option) => [
    option,
    ...('options' in option ? allOptions(option.options ?? []) : []),
  ]);
}

describe('every command in commands/index.ts follows the one template', () => {
  it.each(commands.map((command) => [command.data.name, command] as const))('/%s', (_name, command) => {
    const { data } = command;
    expect(data.type).toBe(ApplicationCommandType.ChatInput);
    // Installed by servers only: a user install would let anyone use the bot in any server.
    expect(data.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
    expect(data.contexts?.length).toBeGreaterThan(0);
    for (const context of data.contexts ?? []) {
      expect([InteractionContextType.Guild, InteractionContextType.BotDM]).toContain(context);
    }

    // A command with subcommands maps each one to a handler and has no execute of its own.
    const paths = subcommandPaths(data.options ?? []);
    if (paths.length > 0) {
      expect(command.execute).toBeUndefined();
      expect(Object.keys(command.subcommands ?? {}).sort()).toEqual([...paths].sort());
    } else {
      expect(command.subcommands).toBeUndefined();
      expect(typeof command.execute).toBe('function');
    }

    // `public` means one thing everywhere: the router and the handler read it the same way.
    for (const option of allOptions(data.options ?? [])) {
      if (option.name === 'public') expect(option).toEqual(publicOption(option.description));
    }
  });

  it.each(commandSources.map(({ file, text }) => [file, text] as const))(
    'commands/%s keeps data apart from logic and uses the shared types',
    (_file, text) => {
      // The definition lives in src/<feature>/definition.ts, not in the command file.
      expect(text).not.toMatch(
        /defineCommand\(|ApplicationCommandType\.ChatInput|satisfies\s+\w*CommandData/,
      );
      // Handlers are typed with the aliases of src/router/command.ts.
      expect(text).not.toMatch(/Parameters<|APIChatInputApplicationCommandInteraction/);
      // The router dispatches subcommands and words the unknown one.
      expect(text).not.toMatch(/switch \(subcommand\)|subcommand is not one/);
      // One zod error style: `{ error: '…' }`.
      expect(text).not.toMatch(/\{\s*message:/);
      expect(text).not.toMatch(/isEphemeral/);
    },
  );

  it('each definition is made by defineCommand in its feature folder, contexts named, not numbered', () => {
    for (const { text } of commandSources) expect(text).not.toMatch(/contexts:\s*\[\s*\d/);
    for (const command of commands) {
      const file = readFileSync(definitionFileOf(command.data.name), 'utf8');
      expect(file).toMatch(new RegExp(`CommandData = defineCommand\\(\\{\\s*name: '${command.data.name}'`));
      expect(file).not.toMatch(/contexts:\s*\[\s*\d/);
    }
  });
});

/** Where each command's definition lives: src/<feature>/definition.ts (two for the FAQ folder). */
function definitionFileOf(name: string): URL {
  const folder: Record<string, string> = {
    help: 'help/definition.ts',
    faq: 'faq/definition.ts',
    'faq-admin': 'faq/admin-definition.ts',
    assess: 'assess/definition.ts',
    roadmap: 'roadmap/definition.ts',
    config: 'settings/definition.ts',
    pitfall: 'pitfalls/definition.ts',
    opening: 'openings/definition.ts',
    mydata: 'mydata/definition.ts',
    portfolio: 'portfolio/definition.ts',
  };
  const path = folder[name];
  if (!path) throw new Error(`/${name} has no definition file listed here`);
  return new URL(`../src/${path}`, import.meta.url);
}

describe('the router dispatches subcommands', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it.each(commands.filter((command) => command.subcommands).map((command) => [command.data.name] as const))(
    '/%s answers a subcommand it does not have in one wording, and changes nothing',
    async (name) => {
      const before = await rowCounts(harness.db);
      for (const subcommand of ['removed-long-ago', '', 'constructor']) {
        expect(ephemeralContent(await harness.command(name, { subcommand }, moderator()))).toBe(
          `That /${name} subcommand is not one this bot knows. It may have been removed.`,
        );
      }
      expect(await rowCounts(harness.db)).toEqual(before);
    },
  );
});

describe('a server that never installed the bot', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  /** What Discord sends when a member's own install of the app is used in a server. */
  const userInstallOnly = <T extends object>(payload: T) => ({
    ...payload,
    authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: moderator().userId },
  });

  it.each(commands.map((command) => [command.data.name, command] as const))(
    '/%s is refused with a clear private answer, and nothing changes',
    async (_name, command) => {
      const before = await rowCounts(harness.db);
      harness.standIn.clear();
      const [subcommand] = subcommandPaths(command.data.options ?? []);
      const response = await harness.send(
        userInstallOnly(buildChatInput(command.data, subcommand ? { subcommand } : {}, moderator())),
      );
      expect(response).toMatchObject({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: NOT_INSTALLED_MESSAGE, flags: MessageFlags.Ephemeral },
      });
      expect(await rowCounts(harness.db)).toEqual(before);
      expect(harness.standIn.requests).toEqual([]);
    },
  );

  it('gets no suggestions and its buttons and forms do nothing', async () => {
    const before = await rowCounts(harness.db);
    const suggestions = await harness.send(
      userInstallOnly(
        buildAutocomplete(
          faqCommandData,
          { options: { question: 'visa' }, focused: 'question' },
          moderator(),
        ),
      ),
    );
    expect(suggestions).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
    for (const payload of [
      buildButtonPress('faq:open:ir-journals', moderator()),
      buildModalSubmit('faq-admin:add:visa-timing', { question: 'When?', answer: 'Early.' }, moderator()),
    ]) {
      expect(await harness.send(userInstallOnly(payload))).toMatchObject({
        data: { content: NOT_INSTALLED_MESSAGE, flags: MessageFlags.Ephemeral },
      });
    }
    expect(await rowCounts(harness.db)).toEqual(before);
  });

  it('still answers in direct messages with the bot, where only the server install exists', async () => {
    const help = replyOf(await harness.command('help', {}, { ...moderator(), guildId: null }));
    expect(help.embeds?.[0]?.title).toBe('What this bot can do');
  });
});
