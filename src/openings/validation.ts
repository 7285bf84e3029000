import { z } from 'zod';
import { OPENING_ID_PATTERN, openingFocuses, openingKinds, openingRoles } from '../db/schema/openings.ts';
import { cleanInput } from '../discord/safe-text.ts';
import { UserError } from '../errors.ts';
import { parseHttpsLink } from '../https-link.ts';
import { EXPIRY_DAYS, FIELD_LIMITS, QUERY_MAX_LENGTH } from './rules.ts';

export const kindSchema = z.enum(openingKinds);
export const focusSchema = z.enum(openingFocuses);
export const roleSchema = z.enum(openingRoles);
const closingStatusSchema = z.enum(['filled', 'withdrawn']);
export const expiryDaysSchema = z.number().int().min(EXPIRY_DAYS.min).max(EXPIRY_DAYS.max);

/** One line of clean text: surrounding space trimmed, runs of whitespace (newlines too) made one space. */
export function singleLine(text: string): string {
  return cleanInput(text).replace(/\s+/g, ' ').trim();
}

/** Paragraphs of clean text: trailing spaces and long runs of blank lines removed. */
function paragraphs(text: string): string {
  return cleanInput(text)
    .replace(/[ ]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/**
 * Characters a clean contact link never needs that markdown uses to show a different link than
 * the real one (`)[text](target`), to quote or to hide text.
 */
const MARKUP_IN_LINK = /[()[\]<>`'"\\|*{}^]/;

/** Discord server invites: a moderator decides whether members may advertise other servers. */
const INVITE_HOSTS = /^(?:www\.)?(?:discord\.gg|discord\.me|discord\.io|dsc\.gg)$/i;
const INVITE_PATH_HOSTS = /^(?:www\.|ptb\.|canary\.)?(?:discord(?:app)?\.com)$/i;

export function isDiscordInvite(url: URL): boolean {
  return (
    INVITE_HOSTS.test(url.hostname) ||
    (INVITE_PATH_HOSTS.test(url.hostname) && /^\/invite\//i.test(url.pathname))
  );
}

export type ContactProblem = 'invalid' | 'invite';

/**
 * An email address or one clean https link, normalised, or why not: anything else (http,
 * javascript:, a phone number, free text, a link with markdown in it) is invalid, because members
 * are sent to it when they press "I'm interested"; a Discord invite needs a moderator's consent.
 */
export function parseContact(
  raw: string,
  options: { allowInvites?: boolean } = {},
): { contact: string } | { problem: ContactProblem } {
  const invalid = { problem: 'invalid' } as const;
  const value = cleanInput(raw)
    .trim()
    .replace(/^mailto:/i, '');
  if (value.length === 0 || value.length > FIELD_LIMITS.contact.max || /\s/.test(value)) return invalid;
  if (MARKUP_IN_LINK.test(value)) return invalid;
  if (EMAIL.test(value)) return { contact: value };
  const link = parseHttpsLink(value, FIELD_LIMITS.contact.max);
  if (!link || MARKUP_IN_LINK.test(link)) return invalid;
  if (!options.allowInvites && isDiscordInvite(new URL(link))) return { problem: 'invite' };
  return { contact: link };
}

function lineField(label: string, { min, max }: { min: number; max: number }) {
  return z
    .string()
    .transform(singleLine)
    .pipe(
      z
        .string()
        .min(min, { error: `${label} needs at least ${min} characters.` })
        .max(max, { error: `${label} can be at most ${max} characters.` }),
    );
}

const CONTACT_PROBLEMS: Record<ContactProblem, string> = {
  invalid:
    'Contact must be an email address (like name@example.org) or a link that starts with https://: just one, with no brackets or other markup.',
  invite:
    'Contact cannot be a Discord server invite in this server. Give an email address or a web page instead.',
};

/** The text fields of the opening form, as submitted; every one is checked again on the server. */
const openingFormSchema = (options: { allowInvites: boolean }) =>
  z.object({
    title: lineField('The title', FIELD_LIMITS.title),
    institution: lineField('The institution', FIELD_LIMITS.institution),
    mentor: z
      .string()
      .optional()
      .transform((value) => (value ? singleLine(value) : ''))
      .pipe(
        z.string().max(FIELD_LIMITS.mentor.max, {
          error: `The mentor can be at most ${FIELD_LIMITS.mentor.max} characters.`,
        }),
      )
      .transform((value) => (value.length > 0 ? value : null)),
    description: z
      .string()
      .transform(paragraphs)
      .pipe(
        z
          .string()
          .min(FIELD_LIMITS.description.min, {
            error: `The description needs at least ${FIELD_LIMITS.description.min} characters: say what the helper would do.`,
          })
          .max(FIELD_LIMITS.description.max, {
            error: `The description can be at most ${FIELD_LIMITS.description.max} characters.`,
          }),
      ),
    contact: z.string().transform((value, context) => {
      const parsed = parseContact(value, options);
      if ('problem' in parsed) {
        context.addIssue({ code: 'custom', message: CONTACT_PROBLEMS[parsed.problem] });
        return z.NEVER;
      }
      return parsed.contact;
    }),
  });
type OpeningForm = z.infer<ReturnType<typeof openingFormSchema>>;

/**
 * The submitted form, cleaned (see `cleanInput`), or a UserError listing every field that needs
 * fixing. `allowInvites` is the server's `/config openings allow_invites`.
 */
export function parseOpeningForm(
  fields: Record<string, string | undefined>,
  options: { allowInvites: boolean } = { allowInvites: false },
): OpeningForm {
  const result = openingFormSchema(options).safeParse({
    title: fields.title ?? '',
    institution: fields.institution ?? '',
    mentor: fields.mentor,
    description: fields.description ?? '',
    contact: fields.contact ?? '',
  });
  if (result.success) return result.data;
  const problems = [...new Set(result.error.issues.map((issue) => issue.message))];
  throw new UserError(
    `Your opening was not saved:\n${problems.map((problem) => `- ${problem}`).join('\n')}\nRun \`/opening post\` again to retry.`,
  );
}

export const postOptionsSchema = z.object({
  kind: kindSchema,
  focus: focusSchema,
  remote: z.boolean(),
  role: roleSchema,
  expires_in_days: expiryDaysSchema.default(EXPIRY_DAYS.default),
});

export const listOptionsSchema = z.object({
  kind: kindSchema.optional(),
  focus: focusSchema.optional(),
  remote: z.boolean().optional(),
  role: roleSchema.optional(),
  query: z
    .string()
    .transform(singleLine)
    .pipe(z.string().max(QUERY_MAX_LENGTH))
    .optional()
    .transform((value) => (value ? value : undefined)),
  mine: z
    .boolean()
    .optional()
    .transform((value) => (value ? true : undefined)),
});

/** An alert's filters as stored: an option left out is null, "any"; a null sent as a value is refused. */
const anyWhenLeftOut = <T extends z.ZodType>(schema: T) =>
  schema.optional().transform((value) => value ?? null);

export const alertOptionsSchema = z.object({
  kind: anyWhenLeftOut(kindSchema),
  focus: anyWhenLeftOut(focusSchema),
  remote: anyWhenLeftOut(z.boolean()),
  role: anyWhenLeftOut(roleSchema),
});

export const notifyOptionsSchema = z.object({ setting: z.enum(['on', 'off']) });

/** An opening chosen in autocomplete arrives as its id; a member may also type `#12` or `12`. */
const openingReferenceSchema = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim().replace(/^#/, ''))
  .pipe(z.string().regex(OPENING_ID_PATTERN))
  .transform(Number);

export const closeOptionsSchema = z.object({ opening: openingReferenceSchema, status: closingStatusSchema });
export const renewOptionsSchema = z.object({
  opening: openingReferenceSchema,
  expires_in_days: expiryDaysSchema.default(EXPIRY_DAYS.default),
});

/** For `parseOptions`: a bad value names the option, as Discord's own checks would. */
export function nameRejectedOption(issues: readonly z.core.$ZodIssue[]): string {
  const option = issues[0]?.path[0];
  return option === 'opening'
    ? 'Pick one of the openings that the `opening` option suggests.'
    : `The \`${String(option ?? 'options')}\` option has a value this command does not accept.`;
}
