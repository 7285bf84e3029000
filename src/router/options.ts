import {
  type APIApplicationCommandBooleanOption,
  type APIApplicationCommandInteractionDataOption,
  type APIModalSubmitInteraction,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import type { AutocompleteInteraction, ChatInputInteraction } from './command.ts';

export type OptionValue = string | number | boolean;

interface ReadOptions {
  /** "group subcommand", "subcommand", or "" for a command without subcommands. */
  subcommand: string;
  values: Record<string, OptionValue>;
  /** The option the member is typing in, for autocomplete. */
  focused?: { name: string; value: string };
}

/**
 * Flattens the option tree of a slash command into its subcommand path and plain values, so that
 * handlers validate one flat object (with zod) instead of walking Discord's nesting.
 */
export function readOptions(interaction: ChatInputInteraction | AutocompleteInteraction): ReadOptions {
  const path: string[] = [];
  const values: Record<string, OptionValue> = {};
  let focused: ReadOptions['focused'];
  const walk = (options: readonly APIApplicationCommandInteractionDataOption[] | undefined) => {
    if (!Array.isArray(options)) return;
    for (const option of options) {
      if (
        option.type === ApplicationCommandOptionType.Subcommand ||
        option.type === ApplicationCommandOptionType.SubcommandGroup
      ) {
        path.push(option.name);
        walk(option.options);
      } else if ('value' in option) {
        // Discord sends each option once; a payload with two values for one would be guessed at.
        if (option.name in values)
          throw new UserError(`The \`${option.name}\` option was given twice. Give it once.`);
        values[option.name] = option.value;
        if ('focused' in option && option.focused)
          focused = { name: option.name, value: String(option.value) };
      }
    }
  };
  walk(interaction.data?.options);
  return { subcommand: path.join(' '), values, ...(focused ? { focused } : {}) };
}

type ExplainIssues = (issues: readonly z.core.$ZodIssue[]) => string;

const firstIssueMessage: ExplainIssues = (issues) => issues[0]?.message ?? 'Those options are not valid.';

/**
 * Validates option values (from `readOptions`) on the server, since a forged payload skips Discord's
 * own checks. A bad value throws a UserError: the first issue's message, which the schema words for
 * members, or what `explain` makes of the issues where a command words its problems otherwise.
 */
export function parseOptions<T extends z.ZodType>(
  schema: T,
  values: unknown,
  explain: ExplainIssues = firstIssueMessage,
): z.output<T> {
  const result = schema.safeParse(values);
  if (!result.success) throw new UserError(explain(result.error.issues));
  return result.data;
}

/**
 * The `public` option: a command that may answer for everyone in the channel declares it with
 * this, and reads it with `wantsPublicReply`; the router reads it the same way to defer.
 */
export function publicOption(description: string): APIApplicationCommandBooleanOption {
  return { type: ApplicationCommandOptionType.Boolean, name: 'public', description };
}

const publicSchema = z.object({
  public: z.boolean({ error: '`public` must be true or false.' }).default(false),
});

/** Whether the member asked for a reply everyone sees (the `public` option; default no). */
export function wantsPublicReply(interaction: ChatInputInteraction): boolean {
  return parseOptions(publicSchema, readOptions(interaction).values).public;
}

/** What sits inside a modal's top-level rows: an action row holds several components, a label one. */
type RowContent<Row> = Row extends { components: readonly (infer Inner)[] }
  ? Inner
  : Row extends { component: infer Inner }
    ? Inner
    : never;

/**
 * The components inside a modal's rows, each with its row: one walk for the modal the bot shows
 * (the console asks for each field) and the one a member submits (`readModalFields`).
 */
export function modalRowContents<Row extends object>(
  rows: readonly Row[] | undefined,
): { row: Row; content: RowContent<Row> }[] {
  return (rows ?? []).flatMap((row) => {
    const inner: unknown[] =
      'components' in row && Array.isArray(row.components)
        ? row.components
        : 'component' in row
          ? [row.component]
          : [];
    return inner.filter(Boolean).map((content) => ({ row, content: content as RowContent<Row> }));
  });
}

/** The values of a modal's text inputs by custom_id. */
export function readModalFields(interaction: APIModalSubmitInteraction): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { content } of modalRowContents(interaction.data?.components)) {
    if ('custom_id' in content && 'value' in content && typeof content.value === 'string') {
      fields[content.custom_id] = content.value;
    }
  }
  return fields;
}
