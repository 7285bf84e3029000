import { z } from 'zod';
import {
  ITEM_ID_PATTERN,
  meetingLevels,
  portfolioKinds,
  portfolioRoles,
  portfolioStatuses,
} from '../db/schema/portfolio.ts';
import { UserError } from '../errors.ts';
import { parseHttpsLink } from '../https-link.ts';
import { HOUR_MS } from '../time.ts';
import {
  describeStatusesOf,
  KIND_GROUPS,
  KIND_LABELS,
  type MeetingLevel,
  PORTFOLIO_LIMITS,
  type PortfolioKind,
  type PortfolioRole,
  type PortfolioStatus,
  STATUS_LABELS,
  statusFitsKind,
} from './catalog.ts';

export const kindSchema = z.enum(portfolioKinds);
export const statusSchema = z.enum(portfolioStatuses);
export const roleSchema = z.enum(portfolioRoles);
export const meetingLevelSchema = z.enum(meetingLevels);

/** The choices made in the command's options, carried to the form and checked again on submit. */
export interface ItemChoices {
  kind: PortfolioKind;
  status: PortfolioStatus;
  role: PortfolioRole;
  irRelated: boolean;
  firstAuthor: boolean;
  meetingLevel: MeetingLevel | null;
  activelyWritten: boolean;
}

/** What the form holds. */
export interface ItemText {
  title: string;
  venue: string | null;
  roleDetail: string | null;
  link: string | null;
  /** YYYY-MM-DD */
  statusSince: string;
}

/** Why these choices cannot make an item, or null: the rules that cross options. */
export function choicesProblem(choices: ItemChoices): string | null {
  if (!statusFitsKind(choices.kind, choices.status)) {
    return `${KIND_LABELS[choices.kind]} cannot be ${STATUS_LABELS[choices.status].toLowerCase()}: its status is ${describeStatusesOf(choices.kind)}.`;
  }
  if (choices.meetingLevel && KIND_GROUPS[choices.kind] !== 'abstract') {
    return 'A meeting level belongs to abstracts, posters and oral presentations only.';
  }
  return null;
}

export function requireFittingChoices(choices: ItemChoices): ItemChoices {
  const problem = choicesProblem(choices);
  if (problem) throw new UserError(`${problem} Nothing was saved.`);
  return choices;
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const MIN_LETTERS_IN_TITLE = 3;

/**
 * The latest calendar date anywhere on Earth at `now` (UTC+14): a member far east of UTC may
 * already be on the next day, and their "today" is not in the future.
 */
export function latestDateAt(now: Date): string {
  return new Date(now.getTime() + 14 * HOUR_MS).toISOString().slice(0, 10);
}

/** Today in UTC, the date put in a form when the status changes now. */
export function todayAt(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const EARLIEST_DATE = '1950-01-01';

function parseDate(raw: string, now: Date): { date: string } | { problem: string } {
  const value = raw.trim();
  if (value === '') return { date: todayAt(now) };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    return { problem: 'The date must be a real day written as YYYY-MM-DD, such as 2026-03-15.' };
  }
  if (value > latestDateAt(now))
    return { problem: 'The date of the last status change cannot be in the future.' };
  if (value < EARLIEST_DATE) return { problem: `The date cannot be before ${EARLIEST_DATE}.` };
  return { date: value };
}

const optionalLine = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((value) => singleLine(value ?? ''))
    .pipe(z.string().max(max, { error: `${label} can be at most ${max} characters.` }))
    .transform((value) => (value.length > 0 ? value : null));

const { title } = PORTFOLIO_LIMITS;
const formSchema = z.object({
  title: z
    .string()
    .transform(singleLine)
    .pipe(
      z
        .string()
        .min(title.min, { error: `The title needs at least ${title.min} characters.` })
        .max(title.max, { error: `The title can be at most ${title.max} characters.` })
        .refine((text) => (text.match(LETTER_OR_DIGIT)?.length ?? 0) >= MIN_LETTERS_IN_TITLE, {
          error: 'The title needs words: spaces, symbols or emoji alone are not a title.',
        }),
    ),
  venue: optionalLine('The journal or meeting', PORTFOLIO_LIMITS.venue.max),
  roleDetail: optionalLine('Your role', PORTFOLIO_LIMITS.roleDetail.max),
});

/** The submitted form, or a UserError listing every field to fix; `now` decides what "future" is. */
export function parseItemForm(fields: Record<string, string | undefined>, now: Date): ItemText {
  const problems: string[] = [];
  const result = formSchema.safeParse({
    title: fields.title ?? '',
    venue: fields.venue,
    roleDetail: fields.role_detail,
  });
  if (!result.success) problems.push(...result.error.issues.map((issue) => issue.message));
  const rawLink = (fields.link ?? '').trim();
  const link = rawLink === '' ? null : parseHttpsLink(rawLink, PORTFOLIO_LIMITS.link.max);
  if (rawLink !== '' && link === null) {
    problems.push('The link must start with https:// (a PubMed page or https://doi.org/… link, say).');
  }
  const date = parseDate(fields.status_since ?? '', now);
  if ('problem' in date) problems.push(date.problem);
  if (!result.success || problems.length > 0 || 'problem' in date) {
    throw new UserError(
      `Nothing was saved:\n${[...new Set(problems)].map((problem) => `- ${problem}`).join('\n')}`,
    );
  }
  return { ...result.data, link, statusSince: date.date };
}

/** An item chosen in autocomplete arrives as its id; a member may also type `#12` or `12`. */
export const itemReferenceSchema = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim().replace(/^#/, ''))
  .pipe(
    z.string().regex(ITEM_ID_PATTERN, { error: 'Pick one of your items from the suggestions of `item`.' }),
  )
  .transform(Number);

const STATUS_OPTION_PROBLEM = 'Pick one of the statuses that the `status` option suggests.';
const statusOptionSchema = z.enum(portfolioStatuses, { error: STATUS_OPTION_PROBLEM });

/** The options of /portfolio add; statuses come from autocomplete, so they are checked as text. */
export const addOptionsSchema = z
  .object({
    kind: kindSchema,
    status: statusOptionSchema,
    role: roleSchema,
    ir_related: z.boolean().default(false),
    first_author: z.boolean().default(false),
    meeting_level: meetingLevelSchema.optional(),
    being_written: z.boolean().default(false),
  })
  .transform(
    (options): ItemChoices => ({
      kind: options.kind,
      status: options.status,
      role: options.role,
      irRelated: options.ir_related,
      firstAuthor: options.first_author,
      meetingLevel: options.meeting_level ?? null,
      activelyWritten: options.being_written,
    }),
  );

/** The options of /portfolio update: the item, and only the choices the member changes. */
export const updateOptionsSchema = z
  .object({
    item: itemReferenceSchema,
    status: statusOptionSchema.optional(),
    role: roleSchema.optional(),
    ir_related: z.boolean().optional(),
    first_author: z.boolean().optional(),
    meeting_level: meetingLevelSchema.optional(),
    being_written: z.boolean().optional(),
  })
  .transform((options) => {
    const changes: Partial<ItemChoices> = {};
    if (options.status !== undefined) changes.status = options.status;
    if (options.role !== undefined) changes.role = options.role;
    if (options.ir_related !== undefined) changes.irRelated = options.ir_related;
    if (options.first_author !== undefined) changes.firstAuthor = options.first_author;
    if (options.meeting_level !== undefined) changes.meetingLevel = options.meeting_level;
    if (options.being_written !== undefined) changes.activelyWritten = options.being_written;
    return { itemId: options.item, changes };
  });

export const listOptionsSchema = z.object({ kind: kindSchema.optional(), status: statusSchema.optional() });
export const removeOptionsSchema = z.object({ item: itemReferenceSchema });

/** For `parseOptions`: a bad value names the option, as Discord's own checks would. */
export function nameRejectedOption(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  const option = issue?.path[0];
  if (option === 'item' || option === 'status') return issue?.message ?? STATUS_OPTION_PROBLEM;
  return `The \`${String(option ?? 'options')}\` option has a value this command does not accept.`;
}
