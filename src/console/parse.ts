import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandInput, LocalChannel } from '../interactions/build.ts';
import type { OptionValue } from '../router/options.ts';

interface ParsedLine {
  name: string;
  input: CommandInput;
}

/** Splits `/faq question:"how many pubs" public:true` into words, keeping quoted values whole. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /(\S+?):"((?:[^"\\]|\\.)*)"|(\S+?):'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push(`${match[1]}:${(match[2] ?? '').replace(/\\(.)/g, '$1')}`);
    else if (match[3] !== undefined) tokens.push(`${match[3]}:${match[4] ?? ''}`);
    else if (match[5] !== undefined) tokens.push(match[5]);
  }
  return tokens;
}

/**
 * Reads a console line against the command's definition: bare words pick the subcommand,
 * `name:value` pairs become options converted to the declared types.
 */
export function parseCommandLine(
  line: string,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  channels: readonly LocalChannel[],
): ParsedLine {
  const [head, ...rest] = tokenize(line.trim());
  const name = (head ?? '').replace(/^\//, '');
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`Unknown command /${name}. Type /help to see the commands.`);

  let scope: readonly APIApplicationCommandOption[] = definition.options ?? [];
  const path: string[] = [];
  const options: Record<string, OptionValue> = {};
  for (const token of rest) {
    const separator = token.indexOf(':');
    if (separator <= 0) {
      const sub = scope.find(
        (option) =>
          option.name === token &&
          (option.type === ApplicationCommandOptionType.Subcommand ||
            option.type === ApplicationCommandOptionType.SubcommandGroup),
      );
      if (!sub) throw new Error(`/${[name, ...path].join(' ')} has no subcommand "${token}".`);
      path.push(token);
      scope = 'options' in sub ? (sub.options ?? []) : [];
      continue;
    }
    const key = token.slice(0, separator);
    const raw = token.slice(separator + 1);
    const declared = scope.find((option) => option.name === key);
    if (!declared) {
      const known = scope.map((option) => option.name).join(', ') || 'none';
      throw new Error(`Unknown option "${key}". Options here: ${known}.`);
    }
    options[key] = convert(declared, raw, channels);
  }
  const needsSubcommand = scope.some(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (needsSubcommand) {
    const names = scope.map((option) => option.name).join(', ');
    throw new Error(`/${[name, ...path].join(' ')} needs a subcommand: ${names}.`);
  }
  return { name, input: { ...(path.length > 0 ? { subcommand: path.join(' ') } : {}), options, channels } };
}

function convert(
  option: APIApplicationCommandOption,
  raw: string,
  channels: readonly LocalChannel[],
): OptionValue {
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      if (raw.trim() === '' || Number.isNaN(value)) throw new Error(`${option.name} must be a number.`);
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (/^(true|yes|y|1)$/i.test(raw)) return true;
      if (/^(false|no|n|0)$/i.test(raw)) return false;
      throw new Error(`${option.name} must be true or false.`);
    case ApplicationCommandOptionType.Channel: {
      const wanted = raw.replace(/^#/, '');
      const channel = channels.find((candidate) => candidate.id === wanted || candidate.name === wanted);
      if (!channel) {
        throw new Error(
          `No local channel "${raw}". Channels: ${channels.map((c) => `#${c.name}`).join(', ')}.`,
        );
      }
      return channel.id;
    }
    default: {
      const choices = 'choices' in option ? (option.choices ?? []) : [];
      const choice = choices.find(
        (candidate) => String(candidate.value) === raw || candidate.name.toLowerCase() === raw.toLowerCase(),
      );
      return choice ? choice.value : raw;
    }
  }
}
