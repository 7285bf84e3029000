import { z } from 'zod';
import { OPENING_ID_PATTERN, openingFocuses, openingKinds, openingRoles } from '../db/schema/openings.ts';
import { UserError } from '../errors.ts';
import { EXPIRY_DAYS, FIELD_LIMITS, QUERY_MAX_LENGTH } from './rules.ts';

export const kindSchema = z.enum(openingKinds);
export const focusSchema = z.enum(openingFocuses);
export const roleSchema = z.enum(openingRoles);
const closingStatusSchema = z.enum(['filled', 'withdrawn']);
export const expiryDaysSchema = z.number().int().min(EXPIRY_DAYS.min).max(EXPIRY_DAYS.max);

/** One line of text: surrounding space trimmed, runs of whitespace (newlines too) made one space. */
function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Paragraph text: Windows line ends unified, trailing spaces and long runs of blank lines removed. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

/**
 * An email address or an https link, normalised; null for anything else (http, javascript:, a
 * phone number, free text), because members are sent to it when they press "I'm interested".
 */
export function parseContact(raw: string): string | null {
  const value = raw.trim().replace(/^mailto:/i, '');
  if (value.length === 0 || value.length > FIELD_LIMITS.contact.max || /\s/.test(value)) return null;
  if (EMAIL.test(value)) return value;
  if (!/^https:\/\//i.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.hostname)) return null;
  return url.href.length <= FIELD_LIMITS.contact.max ? url.href : null;
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

const CONTACT_PROBLEM =
  'Contact must be an email address (like name@example.org) or a link that starts with https://.';

/** The text fields of the opening form, as submitted; every one is checked again on the server. */
const openingFormSchema = z.object({
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
    const contact = parseContact(value);
    if (contact === null) {
      context.addIssue({ code: 'custom', message: CONTACT_PROBLEM });
      return z.NEVER;
    }
    return contact;
  }),
});
type OpeningForm = z.infer<typeof openingFormSchema>;

/** The submitted form, or a UserError listing every field that needs fixing. */
export function parseOpeningForm(fields: Record<string, string | undefined>): OpeningForm {
  const result = openingFormSchema.safeParse({
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
});

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
