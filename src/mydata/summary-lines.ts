import type { APIEmbedField } from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';

/** Items of each kind the summary lists; the rest (and the text of openings) are in the file. */
export const SHOWN_PER_LIST = 5;
/** Titles and questions are cut to this many characters in the summary lines. */
export const TITLE_MAX = 80;

export function field(name: string, value: string): APIEmbedField {
  return { name: truncate(name, EMBED_LIMITS.fieldName), value: truncate(value, EMBED_LIMITS.fieldValue) };
}

/** The most recent items as lines, and how many more there are. */
export function listLines<T>(items: readonly T[], line: (item: T) => string): string {
  if (items.length === 0) return 'None';
  const lines = items.slice(0, SHOWN_PER_LIST).map(line);
  const more = items.length - SHOWN_PER_LIST;
  if (more > 0) lines.push(`…and ${more} more (in the file)`);
  return lines.join('\n');
}

/** A field listing the most recent items under "<title> (<how many>)". */
export function listField<T>(title: string, items: readonly T[], line: (item: T) => string): APIEmbedField {
  return field(`${title} (${items.length})`, listLines(items, line));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
