import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { LocalChannel } from '../payloads/fake-interactions.ts';
import { describeValue, usageLine } from './parse.ts';

type Option = APIApplicationCommandOption;

const isSubcommand = (option: Option) =>
  option.type === ApplicationCommandOptionType.Subcommand ||
  option.type === ApplicationCommandOptionType.SubcommandGroup;

function optionLines(scope: readonly Option[], channels: readonly LocalChannel[], indent: string) {
  return scope
    .filter((option) => !isSubcommand(option))
    .map(
      (option) =>
        `${indent}${option.name}:  ${option.required ? 'required' : 'optional'}, ${describeValue(option, channels)} — ${option.description}`,
    );
}

/** `/help <command>` in the console: each subcommand with its options, what they take, and an example. */
export function commandHelp(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  channels: readonly LocalChannel[],
): string {
  const lines = [`/${definition.name} — ${definition.description}`];
  const scope = definition.options ?? [];
  const subcommands = scope.filter(isSubcommand);
  if (subcommands.length === 0) {
    lines.push(...optionLines(scope, channels, '  '));
    lines.push(`Example: ${usageLine(definition.name, scope)}`);
    return lines.join('\n');
  }
  for (const sub of subcommands) {
    const inner = 'options' in sub ? (sub.options ?? []) : [];
    lines.push('', `/${definition.name} ${sub.name} — ${sub.description}`);
    lines.push(...optionLines(inner, channels, '    '));
    lines.push(`    Example: ${usageLine(`${definition.name} ${sub.name}`, inner)}`);
  }
  return lines.join('\n');
}

/** What the console itself understands, beside the bot's commands. */
export const CONSOLE_HELP = [
  'In this console:',
  '  /help <command>      options and an example for one command (Tab completes names and values)',
  '  /as member           act as a plain member; /as moderator to manage the server again',
  '  /channel #name       read what the bot posted in a local channel; /channel alone lists them',
  '  a number             press that button of the last message',
  '  /cancel              leave a form without sending it',
  '  exit                 quit (Ctrl-D works too)',
].join('\n');
