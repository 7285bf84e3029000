import { z } from 'zod';
import type { ItemFilters } from '../db/queries/portfolio-items.ts';
import {
  ITEM_ID_PATTERN,
  meetingLevels,
  portfolioKinds,
  portfolioRoles,
  portfolioStatuses,
} from '../db/schema/portfolio.ts';
import { snowflakeSchema } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { encodeCustomId } from '../router/custom-id.ts';
import type { ItemChoices } from './validation.ts';

/** The custom_id prefix of every button, menu and form of /portfolio. */
export const PORTFOLIO_PREFIX = 'portfolio';

/**
 * custom_id layouts; every part is checked again on each press or submit, since a client can send
 * any string. A choice is the index of its value ('-' when unset or unchanged).
 *   portfolio:add:<kind>:<status>:<role>:<ir>:<first>:<level>:<written>:<guild>       the add form
 *   portfolio:edit:<item>:<status>:<role>:<ir>:<first>:<level>:<written>:<guild>      the update form
 *   portfolio:page:<page>:<kind>:<status>                                             a page of the list
 *   portfolio:rm:<item>:<asked at, ms base 36>                                        "Remove"
 *   portfolio:keep:<item>                                                             "Keep it"
 *   portfolio:nudge-status:<guild>:<item>   a nudge's "Update status" (in a DM: the guild is in the id)
 *   portfolio:nudge-set:<guild>:<item>      the status menu it opens
 *   portfolio:nudge-snooze:<guild>:<item>   a nudge's "Snooze 4 weeks"
 */
export type PortfolioAction =
  | { action: 'add'; choices: ItemChoices; guildId: string }
  | { action: 'edit'; itemId: number; changes: Partial<ItemChoices>; guildId: string }
  | { action: 'page'; page: number; filters: ItemFilters }
  | { action: 'rm'; itemId: number; askedAt: Date }
  | { action: 'keep'; itemId: number }
  | { action: 'nudge-status' | 'nudge-set' | 'nudge-snooze'; guildId: string; itemId: number };

const UNSET = '-';
const MAX_PAGE = 50;

const indexOf = <T extends string>(values: readonly T[], value: T | null | undefined) =>
  value === undefined ? UNSET : value === null ? 'x' : String(values.indexOf(value));
const bit = (value: boolean | undefined) => (value === undefined ? UNSET : value ? '1' : '0');

function choiceParts(choices: Partial<ItemChoices>): string[] {
  return [
    indexOf(portfolioStatuses, choices.status),
    indexOf(portfolioRoles, choices.role),
    bit(choices.irRelated),
    bit(choices.firstAuthor),
    indexOf(meetingLevels, choices.meetingLevel),
    bit(choices.activelyWritten),
  ];
}

export function addFormCustomId(choices: ItemChoices, guildId: string): string {
  return encodeCustomId(
    PORTFOLIO_PREFIX,
    'add',
    indexOf(portfolioKinds, choices.kind),
    ...choiceParts(choices),
    guildId,
  );
}

export function editFormCustomId(itemId: number, changes: Partial<ItemChoices>, guildId: string): string {
  return encodeCustomId(PORTFOLIO_PREFIX, 'edit', itemId, ...choiceParts(changes), guildId);
}

export function listPageCustomId(page: number, filters: ItemFilters): string {
  return encodeCustomId(
    PORTFOLIO_PREFIX,
    'page',
    page,
    indexOf(portfolioKinds, filters.kind),
    indexOf(portfolioStatuses, filters.status),
  );
}

export function removeCustomId(itemId: number, askedAt: Date): string {
  return encodeCustomId(PORTFOLIO_PREFIX, 'rm', itemId, askedAt.getTime().toString(36));
}

export function keepCustomId(itemId: number): string {
  return encodeCustomId(PORTFOLIO_PREFIX, 'keep', itemId);
}

export function nudgeCustomId(
  action: 'nudge-status' | 'nudge-set' | 'nudge-snooze',
  guildId: string,
  itemId: number,
): string {
  return encodeCustomId(PORTFOLIO_PREFIX, action, guildId, itemId);
}

/** '-' for "not given"; for the meeting level also 'x' for "none". */
function indexCode<T extends string>(values: readonly T[]) {
  return z.union([
    z.literal(UNSET).transform(() => undefined),
    z.literal('x').transform(() => null),
    z
      .string()
      .regex(/^\d{1,2}$/)
      .transform(Number)
      .refine((index) => index < values.length)
      .transform((index) => values[index] as T),
  ]);
}
const bitCode = z.enum([UNSET, '0', '1']).transform((value) => (value === UNSET ? undefined : value === '1'));
const itemId = z.string().regex(ITEM_ID_PATTERN).transform(Number);
const snowflake = snowflakeSchema();

const choicePartsSchema = z.tuple([
  indexCode(portfolioStatuses),
  indexCode(portfolioRoles),
  bitCode,
  bitCode,
  indexCode(meetingLevels),
  bitCode,
]);

function changesFrom(parts: z.output<typeof choicePartsSchema>): Partial<ItemChoices> | null {
  const [status, role, irRelated, firstAuthor, meetingLevel, activelyWritten] = parts;
  // Only the meeting level can be cleared; 'x' anywhere else was not written by this bot.
  if (status === null || role === null) return null;
  const changes: Partial<ItemChoices> = {};
  if (status !== undefined) changes.status = status;
  if (role !== undefined) changes.role = role;
  if (irRelated !== undefined) changes.irRelated = irRelated;
  if (firstAuthor !== undefined) changes.firstAuthor = firstAuthor;
  if (meetingLevel !== undefined) changes.meetingLevel = meetingLevel;
  if (activelyWritten !== undefined) changes.activelyWritten = activelyWritten;
  return changes;
}

/** The parts of a form's id: the kind or item first, the choices, the guild last. */
function formParts(rest: readonly string[]) {
  if (rest.length !== 8) return null;
  const choices = choicePartsSchema.safeParse(rest.slice(1, 7));
  const guildId = snowflake.safeParse(rest[7]);
  if (!choices.success || !guildId.success) return null;
  return { first: rest[0], changes: changesFrom(choices.data), guildId: guildId.data };
}

const OUT_OF_DATE = 'That button or form is out of date or was changed. Run the command again.';

/** What a custom_id of ours asks for (the parts after the prefix), or a UserError if it was tampered with. */
export function parsePortfolioCustomId(parts: readonly string[]): PortfolioAction {
  const [action, ...rest] = parts;
  const parsed = parseAction(action, rest);
  if (!parsed) throw new UserError(OUT_OF_DATE);
  return parsed;
}

function parseAction(action: string | undefined, rest: readonly string[]): PortfolioAction | null {
  switch (action) {
    case 'add': {
      const form = formParts(rest);
      const kind = indexCode(portfolioKinds).safeParse(form?.first);
      const changes = form?.changes;
      if (!form || !kind.success || !kind.data || !changes?.status || !changes.role) return null;
      const choices: ItemChoices = {
        kind: kind.data,
        status: changes.status,
        role: changes.role,
        irRelated: changes.irRelated ?? false,
        firstAuthor: changes.firstAuthor ?? false,
        meetingLevel: changes.meetingLevel ?? null,
        activelyWritten: changes.activelyWritten ?? false,
      };
      return { action, choices, guildId: form.guildId };
    }
    case 'edit': {
      const form = formParts(rest);
      const id = itemId.safeParse(form?.first);
      if (!form?.changes || !id.success) return null;
      return { action, itemId: id.data, changes: form.changes, guildId: form.guildId };
    }
    case 'page': {
      const page = z
        .string()
        .regex(/^\d{1,2}$/)
        .transform(Number)
        .pipe(z.number().max(MAX_PAGE));
      const result = z.tuple([page, indexCode(portfolioKinds), indexCode(portfolioStatuses)]).safeParse(rest);
      if (!result.success) return null;
      const [number, kind, status] = result.data;
      if (kind === null || status === null) return null;
      return { action, page: number, filters: { kind, status } };
    }
    case 'rm': {
      const askedAt = z
        .string()
        .regex(/^[0-9a-z]{1,10}$/)
        .transform((text) => new Date(Number.parseInt(text, 36)));
      const result = z.tuple([itemId, askedAt]).safeParse(rest);
      return result.success ? { action, itemId: result.data[0], askedAt: result.data[1] } : null;
    }
    case 'keep': {
      const result = z.tuple([itemId]).safeParse(rest);
      return result.success ? { action, itemId: result.data[0] } : null;
    }
    case 'nudge-status':
    case 'nudge-set':
    case 'nudge-snooze': {
      const result = z.tuple([snowflake, itemId]).safeParse(rest);
      return result.success ? { action, guildId: result.data[0], itemId: result.data[1] } : null;
    }
    default:
      return null;
  }
}
