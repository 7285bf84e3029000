import { z } from 'zod';
import { guideSectionKeys } from './guide-sections.ts';

/**
 * Limits of an FAQ entry. The answer leaves room in Discord's 4096-character embed description for
 * the other parts of the embed to stay under the 6000 total; the question fits an embed title.
 */
export const FAQ_LIMITS = {
  slug: 48,
  question: 200,
  questionMin: 8,
  answer: 3500,
  answerMin: 20,
  alias: 100,
  aliases: 15,
  tag: 30,
  tags: 8,
  source: 300,
} as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const faqSlugSchema = z
  .string()
  .trim()
  .min(3, { error: 'a slug needs at least 3 characters' })
  .max(FAQ_LIMITS.slug, { error: `a slug has at most ${FAQ_LIMITS.slug} characters` })
  .regex(SLUG_PATTERN, {
    error: 'a slug uses lower-case letters, digits and single hyphens, e.g. "visa-timing"',
  });

const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, { error: 'a tag needs at least 2 characters' })
  .max(FAQ_LIMITS.tag, { error: `a tag has at most ${FAQ_LIMITS.tag} characters` })
  .regex(SLUG_PATTERN, { error: 'a tag uses lower-case letters, digits and hyphens' });

/** PostgreSQL text cannot hold U+0000: refused with a clear message rather than failing to save. */
const hasNoNul = (value: string) => !value.includes('\u0000');
const NUL_ERROR = { error: 'holds a NUL character (U+0000), which cannot be saved' };

/** What a guild may write, and what `faq export` prints: the portable shape of an entry. */
export const faqEntryInputSchema = z
  .object({
    slug: faqSlugSchema,
    question: z
      .string()
      .trim()
      .min(FAQ_LIMITS.questionMin, {
        error: `the question needs at least ${FAQ_LIMITS.questionMin} characters`,
      })
      .max(FAQ_LIMITS.question, { error: `the question has at most ${FAQ_LIMITS.question} characters` })
      .refine(hasNoNul, NUL_ERROR),
    answer: z
      .string()
      .trim()
      .min(FAQ_LIMITS.answerMin, { error: `the answer needs at least ${FAQ_LIMITS.answerMin} characters` })
      .max(FAQ_LIMITS.answer, { error: `the answer has at most ${FAQ_LIMITS.answer} characters` })
      .refine(hasNoNul, NUL_ERROR),
    aliases: z
      .array(
        z
          .string()
          .trim()
          .min(2, { error: 'an alias needs at least 2 characters' })
          .max(FAQ_LIMITS.alias, { error: `an alias has at most ${FAQ_LIMITS.alias} characters` })
          .refine(hasNoNul, NUL_ERROR),
      )
      .max(FAQ_LIMITS.aliases, { error: `at most ${FAQ_LIMITS.aliases} aliases` })
      .default([]),
    tags: z
      .array(tagSchema)
      .max(FAQ_LIMITS.tags, { error: `at most ${FAQ_LIMITS.tags} tags` })
      .default([]),
  })
  .strict();

export type FaqEntryInput = z.output<typeof faqEntryInputSchema>;

/** A built-in entry from src/content/faq: also says where its facts come from and what it covers. */
export const builtInFaqSchema = faqEntryInputSchema
  .extend({
    source: z.string().trim().min(5).max(FAQ_LIMITS.source),
    sections: z.array(z.enum(guideSectionKeys)).min(1),
    aliases: faqEntryInputSchema.shape.aliases.unwrap().min(1, { error: 'a built-in entry needs aliases' }),
    tags: faqEntryInputSchema.shape.tags.unwrap().min(1, { error: 'a built-in entry needs tags' }),
  })
  .strict();

export type BuiltInFaq = z.output<typeof builtInFaqSchema>;

/** The source line of entries a guild's moderators wrote. */
export const GUILD_ENTRY_SOURCE = "Written by this server's moderators";

/** Splits the aliases box of the admin form: one alias per line. */
export function parseAliasList(text: string): string[] {
  return unique(text.split(/\r?\n/));
}

/** Splits the tags box of the admin form: commas or spaces between tags. */
export function parseTagList(text: string): string[] {
  return unique(text.split(/[,\s]+/)).map((tag) => tag.toLowerCase());
}

function unique(parts: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of parts.map((value) => value.trim())) {
    const key = part.toLowerCase();
    if (part && !seen.has(key)) {
      seen.add(key);
      result.push(part);
    }
  }
  return result;
}
