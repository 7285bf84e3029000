import { z } from 'zod';
import { OPENING_ID_PATTERN, openingFocuses, openingKinds, openingRoles } from '../db/schema/openings.ts';
import { snowflakeSchema } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { encodeCustomId } from '../router/custom-id.ts';
import type { OpeningFocus, OpeningKind, OpeningRole } from './catalog.ts';
import { MAX_PAGE, QUERY_MAX_LENGTH } from './rules.ts';
import { expiryDaysSchema, focusSchema, kindSchema, roleSchema } from './validation.ts';

/** The custom_id prefix of every button and form of /opening. */
export const OPENING_PREFIX = 'opening';

/**
 * custom_id layouts (all parts are checked again on every press or submit, since a client can
 * send any string):
 *   opening:post:<kind>:<focus>:<remote 0|1>:<role>:<days>:<guild id>   the form of /opening post
 *   opening:page:<page>:<kind>:<focus>:<remote>:<role>:<query…>         a page of /opening list
 *   opening:interest:<opening id>                                       "I'm interested"
 * In page ids a filter is the index of its value ('-' when unset) to leave room for the query.
 */
type OpeningAction =
  | { action: 'post'; draft: PostDraft }
  | { action: 'page'; page: number; filters: ListFilters }
  | { action: 'interest'; openingId: number };

export interface PostDraft {
  kind: OpeningKind;
  focus: OpeningFocus;
  remote: boolean;
  role: OpeningRole;
  expiresInDays: number;
  guildId: string;
}

export interface ListFilters {
  kind?: OpeningKind | undefined;
  focus?: OpeningFocus | undefined;
  remote?: boolean | undefined;
  role?: OpeningRole | undefined;
  query?: string | undefined;
}

const UNSET = '-';

export function postFormCustomId(draft: PostDraft): string {
  return encodeCustomId(
    OPENING_PREFIX,
    'post',
    draft.kind,
    draft.focus,
    draft.remote ? 1 : 0,
    draft.role,
    draft.expiresInDays,
    draft.guildId,
  );
}

export function listPageCustomId(page: number, filters: ListFilters): string {
  return encodeCustomId(
    OPENING_PREFIX,
    'page',
    page,
    indexCode(openingKinds, filters.kind),
    indexCode(openingFocuses, filters.focus),
    filters.remote === undefined ? UNSET : filters.remote ? 'y' : 'n',
    indexCode(openingRoles, filters.role),
    filters.query ?? '',
  );
}

export function interestCustomId(openingId: number): string {
  return encodeCustomId(OPENING_PREFIX, 'interest', openingId);
}

function indexCode<T extends string>(values: readonly T[], value: T | undefined): string {
  return value === undefined ? UNSET : String(values.indexOf(value));
}

function fromIndexCode<T extends string>(values: readonly T[]) {
  return z.union([
    z.literal(UNSET).transform(() => undefined),
    z
      .string()
      .regex(/^\d{1,2}$/)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(0)
          .max(values.length - 1),
      )
      .transform((index) => values[index]),
  ]);
}

const postPartsSchema = z.tuple([
  kindSchema,
  focusSchema,
  z.enum(['0', '1']).transform((value) => value === '1'),
  roleSchema,
  z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .pipe(expiryDaysSchema),
  snowflakeSchema(),
]);

const pagePartsSchema = z.tuple([
  z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(0).max(MAX_PAGE)),
  fromIndexCode(openingKinds),
  fromIndexCode(openingFocuses),
  z.enum([UNSET, 'y', 'n']).transform((value) => (value === UNSET ? undefined : value === 'y')),
  fromIndexCode(openingRoles),
  z.string().max(QUERY_MAX_LENGTH),
]);

const interestPartsSchema = z.tuple([z.string().regex(OPENING_ID_PATTERN).transform(Number)]);

/** What a custom_id of ours asks for (the parts after the prefix), or a UserError if it was tampered with. */
export function parseOpeningCustomId(parts: readonly string[]): OpeningAction {
  const [action, ...rest] = parts;
  if (action === 'post') {
    const parsed = postPartsSchema.safeParse(rest);
    if (parsed.success) {
      const [kind, focus, remote, role, expiresInDays, guildId] = parsed.data;
      return { action, draft: { kind, focus, remote, role, expiresInDays, guildId } };
    }
  } else if (action === 'page') {
    // The query is free text and may itself contain the separator.
    const parsed = pagePartsSchema.safeParse([...rest.slice(0, 5), rest.slice(5).join(':')]);
    if (parsed.success && rest.length >= 6) {
      const [page, kind, focus, remote, role, query] = parsed.data;
      const filters: ListFilters = { kind, focus, remote, role, query: query.length > 0 ? query : undefined };
      return { action, page, filters };
    }
  } else if (action === 'interest') {
    const parsed = interestPartsSchema.safeParse(rest);
    if (parsed.success) return { action, openingId: parsed.data[0] };
  }
  throw new UserError('That button or form is out of date or was changed. Run the command again.');
}
