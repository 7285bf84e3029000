import { z } from 'zod';
import { OPENING_ID_PATTERN, openingFocuses, openingKinds, openingRoles } from '../db/schema/openings.ts';
import { snowflakeSchema } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { encodeCustomId } from '../router/custom-id.ts';
import type { OpeningFocus, OpeningKind, OpeningRole } from './catalog.ts';
import { MAX_PAGE, QUERY_MAX_LENGTH } from './rules.ts';
import { expiryDaysSchema, focusSchema, kindSchema, roleSchema, singleLine } from './validation.ts';

/** The custom_id prefix of every button and form of /opening. */
export const OPENING_PREFIX = 'opening';

/**
 * custom_id layouts (all parts are checked again on every press or submit, since a client can
 * send any string):
 *   opening:post:<kind>:<focus>:<remote 0|1>:<role>:<days>:<guild id>   the form of /opening post
 *   opening:page:<page>:<kind>:<focus>:<remote>:<role>:<query…>         a page of /opening list
 *   opening:interest:<opening id>                                       "I'm interested"
 *   opening:warned:<renew|fill>:<guild id>:<opening id>:<expiry, s>     the buttons of an expiry warning DM
 *   opening:review:<approve|reject>:<guild id>:<opening id>             the buttons of a review message
 *   opening:rejection:<guild id>:<opening id>                           the form asking why it is rejected
 * In page ids a filter is the index of its value ('-' when unset) to leave room for the query, and
 * the page of a `mine:true` list is written `m<page>`.
 */
type OpeningAction =
  | { action: 'post'; draft: PostDraft }
  | { action: 'page'; page: number; filters: ListFilters }
  | { action: 'interest'; openingId: number }
  | { action: 'warned'; choice: WarningChoice; guildId: string; openingId: number; expiresAt: Date }
  | { action: 'review'; choice: ReviewChoice; guildId: string; openingId: number }
  | { action: 'rejection'; guildId: string; openingId: number };

/** What a moderator may do with an opening awaiting review. */
export type ReviewChoice = 'approve' | 'reject';

/** What an author may do from the direct message warning that an opening expires soon. */
export type WarningChoice = 'renew' | 'fill';

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
  /** Only the openings of the member who asks (`/opening list mine:true`). */
  mine?: boolean | undefined;
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
    `${filters.mine ? 'm' : ''}${page}`,
    indexCode(openingKinds, filters.kind),
    indexCode(openingFocuses, filters.focus),
    filters.remote === undefined ? UNSET : filters.remote ? 'y' : 'n',
    indexCode(openingRoles, filters.role),
    filters.query ?? '',
  );
}

/**
 * A button of the expiry warning: it names the guild (a DM has none) and the expiry it warned of,
 * so a press after the opening was renewed or closed is recognised as out of date.
 */
export function warningCustomId(
  choice: WarningChoice,
  opening: { guildId: string; id: number; expiresAt: Date },
) {
  return encodeCustomId(
    OPENING_PREFIX,
    'warned',
    choice,
    opening.guildId,
    opening.id,
    Math.floor(opening.expiresAt.getTime() / 1000),
  );
}

/** A button of the review message; it names the guild so a press from elsewhere is recognised. */
export function reviewCustomId(choice: ReviewChoice, opening: { guildId: string; id: number }): string {
  return encodeCustomId(OPENING_PREFIX, 'review', choice, opening.guildId, opening.id);
}

export function rejectionFormCustomId(opening: { guildId: string; id: number }): string {
  return encodeCustomId(OPENING_PREFIX, 'rejection', opening.guildId, opening.id);
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
    .regex(/^m?\d{1,3}$/)
    .transform((value) => ({ mine: value.startsWith('m'), page: Number(value.replace(/^m/, '')) }))
    .pipe(z.object({ mine: z.boolean(), page: z.number().int().min(0).max(MAX_PAGE) })),
  fromIndexCode(openingKinds),
  fromIndexCode(openingFocuses),
  z.enum([UNSET, 'y', 'n']).transform((value) => (value === UNSET ? undefined : value === 'y')),
  fromIndexCode(openingRoles),
  // Cleaned like the option it came from: a forged id can carry a NUL or a direction override.
  z.string().max(QUERY_MAX_LENGTH).transform(singleLine),
]);

const interestPartsSchema = z.tuple([z.string().regex(OPENING_ID_PATTERN).transform(Number)]);

const warnedPartsSchema = z.tuple([
  z.enum(['renew', 'fill']),
  snowflakeSchema(),
  z.string().regex(OPENING_ID_PATTERN).transform(Number),
  z
    .string()
    .regex(/^\d{9,11}$/)
    .transform((seconds) => new Date(Number(seconds) * 1000)),
]);

const openingIdPart = z.string().regex(OPENING_ID_PATTERN).transform(Number);
const reviewPartsSchema = z.tuple([z.enum(['approve', 'reject']), snowflakeSchema(), openingIdPart]);
const rejectionPartsSchema = z.tuple([snowflakeSchema(), openingIdPart]);

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
      const [{ mine, page }, kind, focus, remote, role, query] = parsed.data;
      const filters: ListFilters = { kind, focus, remote, role, query: query.length > 0 ? query : undefined };
      return { action, page, filters: mine ? { ...filters, mine } : filters };
    }
  } else if (action === 'interest') {
    const parsed = interestPartsSchema.safeParse(rest);
    if (parsed.success) return { action, openingId: parsed.data[0] };
  } else if (action === 'warned') {
    const parsed = warnedPartsSchema.safeParse(rest);
    if (parsed.success) {
      const [choice, guildId, openingId, expiresAt] = parsed.data;
      return { action, choice, guildId, openingId, expiresAt };
    }
  } else if (action === 'review') {
    const parsed = reviewPartsSchema.safeParse(rest);
    if (parsed.success) {
      const [choice, guildId, openingId] = parsed.data;
      return { action, choice, guildId, openingId };
    }
  } else if (action === 'rejection') {
    const parsed = rejectionPartsSchema.safeParse(rest);
    if (parsed.success) return { action, guildId: parsed.data[0], openingId: parsed.data[1] };
  }
  throw new UserError('That button or form is out of date or was changed. Run the command again.');
}
