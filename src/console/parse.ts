import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandInput, LocalChannel } from '../payloads/fake-interactions.ts';
import type { OptionValue } from '../router/options.ts';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Option = APIApplicationCommandOption;

/** A console mistake: its message is the one line shown, saying how to fix it. */
export class ConsoleInputError extends Error {}

export interface ParsedLine {
  definition: Definition;
  input: CommandInput;
}

export interface Token {
  text: string;
  start: number;
  /** An opening quote with no closing one. */
  open: boolean;
}

/**
 * Splits a line into words; quotes keep a value with spaces whole (`question:"how many pubs"`),
 * a backslash escapes a quote. Tolerates an unclosed quote (Tab completion reads partial lines).
 */
export function splitWords(line: string): Token[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    if (!current) {
      if (/\s/.test(char)) continue;
      current = { text: '', start: index, open: false };
    }
    if (quote) {
      if (char === '\\' && index + 1 < line.length) current.text += line[++index];
      else if (char === quote) quote = undefined;
      else current.text += char;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (/\s/.test(char)) {
      tokens.push(current);
      current = undefined;
    } else {
      current.text += char;
    }
  }
  if (current) tokens.push({ ...current, open: quote !== undefined });
  return tokens;
}

const isSubcommand = (option: Option) =>
  option.type === ApplicationCommandOptionType.Subcommand ||
  option.type === ApplicationCommandOptionType.SubcommandGroup;

/** Edit distance, for "did you mean": small names only, so the plain table is fine. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest of `names` to `typed`, if it is close enough to be what was meant. */
export function closest(typed: string, names: readonly string[]): string | undefined {
  const wanted = typed.toLowerCase();
  const ranked = names
    .map((name) => ({ name, score: name.startsWith(wanted) ? 0 : distance(wanted, name) }))
    .sort((a, b) => a.score - b.score);
  const best = ranked[0];
  return best && best.score <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

export function findDefinition(definitions: readonly Definition[], typed: string): Definition {
  const name = typed.replace(/^\//, '').toLowerCase();
  const definition = definitions.find((candidate) => candidate.name === name);
  if (definition) return definition;
  const guess = closest(
    name,
    definitions.map((candidate) => candidate.name),
  );
  throw new ConsoleInputError(
    `Unknown command /${name}.${guess ? ` Did you mean \`/${guess}\`?` : ''} Type /help to see the commands.`,
  );
}

/** What a value of this option looks like, for hints: `one of a, b`, `a whole number from 1`. */
export function describeValue(option: Option, channels: readonly LocalChannel[] = []): string {
  const choices = 'choices' in option ? (option.choices ?? []) : [];
  if (choices.length > 0) return `one of ${choices.map((choice) => choice.value).join(', ')}`;
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const kind = option.type === ApplicationCommandOptionType.Integer ? 'a whole number' : 'a number';
      const min = 'min_value' in option ? option.min_value : undefined;
      const max = 'max_value' in option ? option.max_value : undefined;
      if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
      if (min !== undefined) return `${kind}, at least ${min}`;
      if (max !== undefined) return `${kind}, at most ${max}`;
      return kind;
    }
    case ApplicationCommandOptionType.Boolean:
      return 'true or false';
    case ApplicationCommandOptionType.Channel:
      return `a channel such as ${channels
        .slice(0, 3)
        .map((channel) => `#${channel.name}`)
        .join(', ')}`;
    default: {
      const max = 'max_length' in option ? option.max_length : undefined;
      const min = 'min_length' in option ? option.min_length : undefined;
      const length = max ? ` of ${min ?? 1} to ${max} characters` : '';
      return `text${length}${'autocomplete' in option && option.autocomplete ? ' (Tab suggests)' : ''}`;
    }
  }
}

/** A value that would be accepted, to show in an example. */
function exampleValue(option: Option): string {
  const choices = 'choices' in option ? (option.choices ?? []) : [];
  if (choices[0]) return String(choices[0].value);
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return String(('min_value' in option ? option.min_value : undefined) ?? 1);
    case ApplicationCommandOptionType.Boolean:
      return 'true';
    case ApplicationCommandOptionType.Channel:
      return '#general';
    default:
      return '"…"';
  }
}

/** `/opening post kind:… focus:…`: the required options, as a line to copy. */
export function usageLine(path: string, scope: readonly Option[]): string {
  const required = scope.filter((option) => !isSubcommand(option) && option.required);
  return [`/${path}`, ...required.map((option) => `${option.name}:${exampleValue(option)}`)].join(' ');
}

/** The options (or subcommands) a path through a definition reaches. */
function walk(definition: Definition, words: readonly string[]) {
  let scope: readonly Option[] = definition.options ?? [];
  const path = [definition.name];
  let consumed = 0;
  for (const word of words) {
    const sub = scope.find((option) => isSubcommand(option) && option.name === word.toLowerCase());
    if (!sub) break;
    path.push(sub.name);
    scope = 'options' in sub ? (sub.options ?? []) : [];
    consumed++;
  }
  return { scope, path, consumed, needsSubcommand: scope.some(isSubcommand) };
}

/** The words after a command name: the subcommand path they pick, then its options as typed. */
export function readOptionTokens(definition: Definition, tokens: readonly Token[]) {
  const firstPair = tokens.findIndex((token) => token.text.includes(':'));
  const leading = firstPair === -1 ? tokens : tokens.slice(0, firstPair);
  const reached = walk(
    definition,
    leading.map((token) => token.text),
  );
  return {
    leading,
    ...reached,
    ...groupPairs(firstPair === -1 ? [] : tokens.slice(firstPair), reached.scope),
  };
}

/**
 * Reads a console line against the command's definition: bare words pick the subcommand,
 * `name:value` pairs become options converted to the declared types. Every mistake is a
 * ConsoleInputError whose message says how to fix it; nothing half-parsed is sent.
 */
export function parseCommandLine(
  line: string,
  definitions: readonly Definition[],
  channels: readonly LocalChannel[],
): ParsedLine {
  const tokens = splitWords(line.trim());
  const unclosed = tokens.find((token) => token.open);
  if (unclosed) {
    throw new ConsoleInputError(
      `A quote is not closed in ${line.slice(unclosed.start).trim()} — add the closing quote, as in question:"how many publications".`,
    );
  }
  const [head, ...rest] = tokens;
  const definition = findDefinition(definitions, head?.text ?? '');
  const { leading, scope, path, consumed, needsSubcommand, pairs, unattached } = readOptionTokens(
    definition,
    rest,
  );
  const stray = [...leading.slice(consumed), ...unattached].map((token) => token.text);

  if (needsSubcommand) {
    const names = scope.filter(isSubcommand).map((option) => option.name);
    const typed = stray[0];
    const guess = typed ? closest(typed, names) : undefined;
    throw new ConsoleInputError(
      typed
        ? `/${path.join(' ')} has no subcommand "${typed}".${guess ? ` Did you mean \`${guess}\`?` : ''} Subcommands: ${names.join(', ')}.`
        : `/${path.join(' ')} needs a subcommand: ${names.join(', ')}. /help ${definition.name} shows them.`,
    );
  }
  if (stray.length > 0) {
    const textOption = scope.find((option) => option.type === ApplicationCommandOptionType.String);
    const example = textOption ? ` ${textOption.name}:"${stray.join(' ')}"` : '';
    throw new ConsoleInputError(
      `"${stray[0]}" is not an option: write options as name:value, with quotes around a value with spaces (/${path.join(' ')}${example}).`,
    );
  }

  const options: Record<string, OptionValue> = {};
  for (const { text: pair } of pairs) {
    const separator = pair.indexOf(':');
    const key = pair.slice(0, separator).toLowerCase();
    const raw = pair.slice(separator + 1);
    const declared = scope.find((option) => option.name === key);
    if (!declared) {
      const names = scope.map((option) => option.name);
      const guess = closest(key, names);
      throw new ConsoleInputError(
        `/${path.join(' ')} has no option "${key}".${guess ? ` Did you mean \`${guess}\`?` : ''} Options: ${names.join(', ') || 'none'}.`,
      );
    }
    options[declared.name] = convert(declared, raw, channels);
  }
  const missing = scope.filter((option) => option.required && !(option.name in options));
  if (missing.length > 0) {
    const list = missing.map((option) => `${option.name} (${describeValue(option, channels)})`).join('; ');
    throw new ConsoleInputError(
      `/${path.join(' ')} needs ${list}. For example: ${usageLine(path.join(' '), scope)}`,
    );
  }
  const subcommand = path.slice(1).join(' ');
  return { definition, input: { ...(subcommand ? { subcommand } : {}), options, channels } };
}

/** One `name:value` option as typed: its text joined from one or more words, and where it starts. */
export interface TypedPair {
  text: string;
  start: number;
}

/**
 * Splits the words after the subcommand into `name:value` pairs. As in Discord's own box, the words
 * after a free-text option's value belong to it until the next option name, so
 * `question:my PI went quiet` needs no quotes.
 */
function groupPairs(tokens: readonly Token[], scope: readonly Option[]) {
  const pairs: TypedPair[] = [];
  const unattached: Token[] = [];
  let open: TypedPair | undefined;
  for (const token of tokens) {
    const separator = token.text.indexOf(':');
    const option =
      separator > 0
        ? scope.find((candidate) => candidate.name === token.text.slice(0, separator).toLowerCase())
        : undefined;
    if (open && !option) {
      open.text += ` ${token.text}`;
    } else if (separator !== -1) {
      const pair = { text: token.text, start: token.start };
      pairs.push(pair);
      open = option && isFreeText(option) ? pair : undefined;
    } else {
      unattached.push(token);
    }
  }
  // `open` is the free-text pair that a further word would still join.
  return { pairs, unattached, open };
}

function isFreeText(option: Option): boolean {
  const choices = 'choices' in option ? (option.choices ?? []) : [];
  return option.type === ApplicationCommandOptionType.String && choices.length === 0;
}

/** Plain decimal numbers only: `1e1`, `0x10` and `Infinity` are what Number() takes, not a person. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

function convert(option: Option, raw: string, channels: readonly LocalChannel[]): OptionValue {
  const wrong = () =>
    new ConsoleInputError(`${option.name} must be ${describeValue(option, channels)}; "${raw}" is not.`);
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      if (!DECIMAL.test(raw.trim())) throw wrong();
      if (option.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)) throw wrong();
      if ('min_value' in option && option.min_value !== undefined && value < option.min_value) throw wrong();
      if ('max_value' in option && option.max_value !== undefined && value > option.max_value) throw wrong();
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (/^(true|yes|y)$/i.test(raw)) return true;
      if (/^(false|no|n)$/i.test(raw)) return false;
      throw wrong();
    case ApplicationCommandOptionType.Channel: {
      const wanted = raw.replace(/^#/, '').toLowerCase();
      const channel = channels.find((candidate) => candidate.id === wanted || candidate.name === wanted);
      if (!channel) {
        throw new ConsoleInputError(
          `There is no local channel "${raw}". Channels: ${channels.map((c) => `#${c.name}`).join(', ')}.`,
        );
      }
      return channel.id;
    }
    default: {
      const choices = 'choices' in option ? (option.choices ?? []) : [];
      if (choices.length === 0) {
        const max = 'max_length' in option ? option.max_length : undefined;
        const min = 'min_length' in option ? option.min_length : undefined;
        if ((max !== undefined && raw.length > max) || (min !== undefined && raw.length < min)) {
          throw new ConsoleInputError(
            `${option.name} must be ${describeValue(option)}; that one has ${raw.length}.`,
          );
        }
        return raw;
      }
      const choice = choices.find(
        (candidate) =>
          String(candidate.value).toLowerCase() === raw.toLowerCase() ||
          candidate.name.toLowerCase() === raw.toLowerCase(),
      );
      if (!choice) throw wrong();
      return choice.value;
    }
  }
}
