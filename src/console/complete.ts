import {
  type APIApplicationCommandOption,
  type APICommandAutocompleteInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandInput, LocalChannel } from '../payloads/fake-interactions.ts';
import { readOptionTokens, splitWords, type TypedPair } from './parse.ts';

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

/** A terminal screen, not Discord's scrolling box of 25: more words narrow the list instead. */
const LISTED_SUGGESTIONS = 10;

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
    const consoleWords = deps.consoleCommands[name];
    const definition = deps.definitions.find((candidate) => candidate.name === name);
    if (!definition) return [consoleWords ? prefixMatch(consoleWords) : [], partial];

    const settled = readOptionTokens(definition, tokens.slice(1, last ? -1 : undefined));
    const { scope, consumed, leading } = settled;
    const current = last ? pairBeingTyped(last, settled) : undefined;
    if (!current) {
      const used = new Set(settled.pairs.map((pair) => optionNameOf(pair)));
      const candidates = scope
        .filter((option) => !used.has(option.name))
        .map((option) =>
          option.type === ApplicationCommandOptionType.Subcommand ||
          option.type === ApplicationCommandOptionType.SubcommandGroup
            ? `${option.name} `
            : `${option.name}:`,
        );
      return [
        consumed === leading.length && settled.unattached.length === 0 ? prefixMatch(candidates) : [],
        partial,
      ];
    }

    return completeValue(deps, definition, settled, current, line.slice(current.start));
  };
}

/**
 * The value of the option being typed: its fixed choices, or the bot's own suggestions for an option
 * with autocomplete, as Discord's box shows them (Tab takes the top one).
 */
async function completeValue(
  deps: CompleterDeps,
  definition: Definition,
  settled: ReturnType<typeof readOptionTokens>,
  current: TypedPair,
  replaced: string,
): Promise<[string[], string]> {
  const separator = current.text.indexOf(':');
  const key = optionNameOf(current);
  const typed = current.text.slice(separator + 1);
  const option = settled.scope.find((candidate) => candidate.name === key);
  if (!option) return [[], replaced];
  const fixed = valuesOf(option, deps.channels);
  if (fixed.length > 0) {
    const matches = fixed.filter((value) => value.toLowerCase().startsWith(typed.toLowerCase()));
    return [matches.map((value) => `${key}:${value} `), replaced];
  }
  if (!('autocomplete' in option && option.autocomplete)) return [[], replaced];
  // The pair being typed is among them when it continues a free-text value; its typed value wins below.
  const options = Object.fromEntries(
    settled.pairs.map((pair) => [optionNameOf(pair), pair.text.slice(pair.text.indexOf(':') + 1)]),
  );
  const subcommand = settled.path.slice(1).join(' ');
  const choices = await deps.autocomplete(definition, {
    ...(subcommand ? { subcommand } : {}),
    options: { ...options, [key]: typed },
    focused: key,
  });
  // A numeric id is short to type and what the option takes; the name is shown beside it.
  const inserted = (choice: Choice) =>
    /^\d+$/.test(String(choice.value)) ? String(choice.value) : choice.name;
  const [best] = choices;
  if (!best) return [[], replaced];
  // As in Discord's box, Tab takes the top suggestion; the others are listed to type towards. Several
  // candidates would make readline cut what was typed down to their common start.
  if (choices.length > 1) {
    deps.showSuggestions(
      choices
        .slice(0, LISTED_SUGGESTIONS)
        .map((choice) =>
          inserted(choice) === choice.name ? `  ${choice.name}` : `  ${inserted(choice)}  ${choice.name}`,
        ),
    );
  }
  return [[`${key}:${quoteIfNeeded(inserted(best))} `], replaced];
}

const optionNameOf = (pair: TypedPair) => pair.text.slice(0, pair.text.indexOf(':')).toLowerCase();

/**
 * The option whose value the word under the cursor is part of: the pair the word starts, or an
 * unquoted free-text value that the word continues (`question:first author pap`).
 */
function pairBeingTyped(
  last: { text: string; start: number },
  settled: ReturnType<typeof readOptionTokens>,
): TypedPair | undefined {
  const separator = last.text.indexOf(':');
  const names = settled.scope.map((option) => option.name);
  if (separator > 0 && names.includes(last.text.slice(0, separator).toLowerCase())) {
    return { text: last.text, start: last.start };
  }
  if (settled.open) return { text: `${settled.open.text} ${last.text}`, start: settled.open.start };
  return separator > 0 ? { text: last.text, start: last.start } : undefined;
}
