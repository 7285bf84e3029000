import type { z } from 'zod';
import { type FaqEntryInput, faqEntryInputSchema } from './entry.ts';

export type FaqImport = { ok: true; entries: FaqEntryInput[] } | { ok: false; problems: string[] };

/**
 * Validates a whole import file (a JSON array like `faq export` prints) before anything is written:
 * every problem is reported, each naming the entry by position and slug.
 */
export function parseFaqImport(input: unknown): FaqImport {
  if (!Array.isArray(input)) return { ok: false, problems: ['the file must hold a JSON array of entries'] };
  if (input.length === 0) return { ok: false, problems: ['the file holds no entries'] };
  const problems: string[] = [];
  const entries: FaqEntryInput[] = [];
  const seen = new Set<string>();
  input.forEach((item, index) => {
    const slug = (item as { slug?: unknown } | null)?.slug;
    const name = `entry ${index + 1}${typeof slug === 'string' ? ` (${slug})` : ''}`;
    const result = faqEntryInputSchema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${name}: ${describeIssue(issue)}`);
      return;
    }
    if (seen.has(result.data.slug)) problems.push(`${name}: the slug appears more than once in the file`);
    seen.add(result.data.slug);
    entries.push(result.data);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
