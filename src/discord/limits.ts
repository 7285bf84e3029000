import type { APIEmbed } from 'discord-api-types/v10';

/** Discord's documented embed limits (characters). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  total: 6000,
  embedsPerMessage: 10,
} as const;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Shortens text to `max` UTF-16 units (what Discord counts), ending with an ellipsis when something
 * was cut. It cuts between graphemes, so an emoji, a flag or a letter with its accents is kept whole
 * or left out, never split into a lone surrogate.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - 1);
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > budget) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Characters an embed counts against the 6000 total. */
function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** The limits an embed breaks, empty when it fits. Used by tests and by content validation. */
export function embedProblems(embed: APIEmbed): string[] {
  const problems: string[] = [];
  if ((embed.title?.length ?? 0) > EMBED_LIMITS.title) problems.push('title too long');
  if ((embed.description?.length ?? 0) > EMBED_LIMITS.description) problems.push('description too long');
  if ((embed.fields?.length ?? 0) > EMBED_LIMITS.fields) problems.push('too many fields');
  for (const field of embed.fields ?? []) {
    if (field.name.length === 0 || field.name.length > EMBED_LIMITS.fieldName)
      problems.push(`field name: ${field.name}`);
    if (field.value.length === 0 || field.value.length > EMBED_LIMITS.fieldValue)
      problems.push(`field value: ${field.name}`);
  }
  if ((embed.footer?.text.length ?? 0) > EMBED_LIMITS.footerText) problems.push('footer too long');
  if (embedLength(embed) > EMBED_LIMITS.total) problems.push('embed over 6000 characters');
  return problems;
}
