import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ChannelType,
  InteractionResponseType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { LocalChannel } from '../../src/payloads/fake-interactions.ts';
import type { OptionValue } from '../../src/router/options.ts';
import { member } from '../helpers/actors.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { rowCounts } from '../helpers/row-counts.ts';

const TEXT_CHANNEL: LocalChannel = { id: '400000000000000001', name: 'general', type: ChannelType.GuildText };

/** A value of the right type and within bounds, so that only the permission check can refuse. */
function plausibleValue(option: APIApplicationCommandOption): OptionValue {
  if ('choices' in option && option.choices?.[0]) return option.choices[0].value;
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return option.min_value ?? 1;
    case ApplicationCommandOptionType.Boolean:
      return true;
    case ApplicationCommandOptionType.Channel:
      return TEXT_CHANNEL.id;
    default:
      return 'how many publications do I need';
  }
}

interface Path {
  command: string;
  subcommand: string;
  options: Record<string, OptionValue>;
}

function pathsOf(name: string, scope: readonly APIApplicationCommandOption[], prefix: string[] = []): Path[] {
  const nested = scope.filter(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length === 0) {
    const options = Object.fromEntries(scope.map((option) => [option.name, plausibleValue(option)]));
    return [{ command: name, subcommand: prefix.join(' '), options }];
  }
  return nested.flatMap((option) =>
    pathsOf(name, 'options' in option ? (option.options ?? []) : [], [...prefix, option.name]),
  );
}

/** Every subcommand of every command that Discord hides from members without a permission. */
const moderatorPaths = commands
  .filter((command) => command.data.default_member_permissions)
  .flatMap((command) => pathsOf(command.data.name, command.data.options ?? []));

describe('moderator-only commands used by a plain member', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('covers the moderator-only commands', () => {
    expect(moderatorPaths.map((path) => path.command)).toContain('config');
  });

  it.each(moderatorPaths.map((path) => [`/${path.command} ${path.subcommand}`.trim(), path] as const))(
    '%s is refused on the server side and changes nothing',
    async (_label, path) => {
      const before = await rowCounts(harness.db);
      harness.standIn.clear();
      const response = await harness.command(
        path.command,
        {
          ...(path.subcommand ? { subcommand: path.subcommand } : {}),
          options: path.options,
          channels: [TEXT_CHANNEL],
        },
        member(),
      );
      expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
      if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
      expect(response.data.flags).toBe(MessageFlags.Ephemeral);
      expect(response.data.content).toMatch(/permission/i);
      expect(await rowCounts(harness.db)).toEqual(before);
      expect(harness.standIn.requests).toEqual([]);
    },
  );
});
