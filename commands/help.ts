import { type APIEmbed, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { BRAND_COLOR } from '../src/discord/style.ts';
import { helpCommandData } from '../src/help/definition.ts';
import type { Command } from '../src/router/command.ts';
import { reply } from '../src/router/responses.ts';

/** Built from the one command list, so the help text can never drift from what is deployed. */
export function createHelpCommand(listCommands: () => readonly Command[]): Command {
  return {
    data: helpCommandData,
    async execute() {
      const embed: APIEmbed = {
        title: 'What this bot can do',
        color: BRAND_COLOR,
        description:
          'A companion for international medical graduates building a research portfolio for Interventional Radiology residency.',
        fields: listCommands().map((command) => ({
          name: `/${command.data.name}`,
          value: describeCommand(command),
        })),
      };
      return reply({ embeds: [embed] });
    },
  };
}

function describeCommand(command: Command): string {
  const subcommands = (command.data.options ?? []).filter(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  );
  const lines = [command.data.description];
  for (const subcommand of subcommands) lines.push(`• \`${subcommand.name}\`: ${subcommand.description}`);
  return lines.join('\n').slice(0, 1024);
}
