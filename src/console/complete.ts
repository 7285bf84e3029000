import {
  type APIApplicationCommandOption,
  type APICommandAutocompleteInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandInput, LocalChannel } from '../payloads/fake-interactions.ts';
import { splitWords, walk } from './parse.ts';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Choice = NonNullable<APICommandAutocompleteInteractionResponseCallbackData['choices']>[number];

export interface CompleterDeps {
  definitions: readonly Definition[];
  channels: readonly LocalChannel[];
  /** Commands of the console itself, such as /as and /channel, with their words. */
  consoleCommands: Readonly<Record<string, readonly string[]>>;
  /** The bot's live suggestions for an option, as Discord's autocomplete box would show them. */
  autocomplete: (definition: Definition, input: CommandInput & { focused: string }) => Promise<Choice[]>;
  /** Prints what the suggested ids stand for, when several are offered. */
  showSuggestions: (lines: string[]) => void;
}

const quoteIfNeeded = (value: string) => (/[\s"']/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value);

function valuesOf(option: APIApplicationCommandOption, channels: readonly LocalChannel[]): string[] {
  const choices = 'choices' in option ? (option.choices ?? []) : [];
  if (choices.length > 0) return choices.map((choice) => String(choice.value));
  if (option.type === ApplicationCommandOptionType.Boolean) return ['true', 'false'];
  if (option.type === ApplicationCommandOptionType.Channel)
    return channels.map((channel) => `#${channel.name}`);
  return [];
}

/**
 * Tab in the console: completes command names, subcommands, option names, the values of options
 * with choices, and, for options with autocomplete, the bot's own suggestions for what is typed.
 * Returns readline's pair: the candidates and the part of the line they replace.
 */
export function createCompleter(deps: CompleterDeps) {
  return async (line: string): Promise<[string[], string]> => {
    const tokens = splitWords(line);
    const endsWithSpace = /\s$/.test(line) || line === '';
    const last = endsWithSpace ? undefined : tokens[tokens.length - 1];
    const partial = last ? line.slice(last.start) : '';
    const prefixMatch = (candidates: readonly string[]) => {
      const typed = partial.toLowerCase();
      return candidates.filter((candidate) => candidate.toLowerCase().startsWith(typed));
    };

    if (tokens.length === 0 || (tokens.length === 1 && last)) {
      const names = [
        ...deps.definitions.map((definition) => `/${definition.name}`),
        ...Object.keys(deps.consoleCommands).map((name) => `/${name}`),
      ];
      return [prefixMatch([...new Set(names)].sort()), partial];
    }
    const name = (tokens[0]?.text ?? '').replace(/^\//, '').toLowerCase();
    const before = tokens.slice(1, last ? -1 : undefined).map((token) => token.text);
    const consoleWords = deps.consoleCommands[name];
    const definition = deps.definitions.find((candidate) => candidate.name === name);
    if (!definition) return [consoleWords ? prefixMatch(consoleWords) : [], partial];

    const words = before.filter((word) => !word.includes(':'));
    const { scope, consumed, path } = walk(definition, words);
    const separator = last?.text.indexOf(':') ?? -1;
    if (!last || separator < 0) {
      const used = new Set(before.filter((word) => word.includes(':')).map((word) => word.split(':')[0]));
      const candidates = scope
        .filter((option) => !used.has(option.name))
        .map((option) =>
          option.type === ApplicationCommandOptionType.Subcommand ||
          option.type === ApplicationCommandOptionType.SubcommandGroup
            ? `${option.name} `
            : `${option.name}:`,
        );
      return [consumed === words.length ? prefixMatch(candidates) : [], partial];
    }

    const key = last.text.slice(0, separator).toLowerCase();
    const typed = last.text.slice(separator + 1);
    const option = scope.find((candidate) => candidate.name === key);
    if (!option) return [[], partial];
    const fixed = valuesOf(option, deps.channels);
    if (fixed.length > 0) {
      const matches = fixed.filter((value) => value.toLowerCase().startsWith(typed.toLowerCase()));
      return [matches.map((value) => `${key}:${value} `), partial];
    }
    if (!('autocomplete' in option && option.autocomplete)) return [[], partial];
    const options = Object.fromEntries(
      before
        .filter((word) => word.includes(':'))
        .map((word) => [word.slice(0, word.indexOf(':')), word.slice(word.indexOf(':') + 1)]),
    );
    const subcommand = path.slice(1).join(' ');
    const choices = await deps.autocomplete(definition, {
      ...(subcommand ? { subcommand } : {}),
      options: { ...options, [key]: typed },
      focused: key,
    });
    // A numeric id is short to type and what the option takes; the name is shown beside it.
    const inserted = (choice: Choice) =>
      /^\d+$/.test(String(choice.value)) ? String(choice.value) : choice.name;
    const described = choices.filter((choice) => inserted(choice) !== choice.name);
    if (choices.length > 1 && described.length > 0) {
      deps.showSuggestions(described.map((choice) => `  ${inserted(choice)}  ${choice.name}`));
    }
    return [choices.map((choice) => `${key}:${quoteIfNeeded(inserted(choice))} `), partial];
  };
}
