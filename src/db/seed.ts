import { isNull } from 'drizzle-orm';
import { loadBuiltInFaqs } from '../faq/content.ts';
import type { BuiltInFaq } from '../faq/entry.ts';
import type { Db } from './client.ts';
import { syncBuiltInFaqs } from './queries/faqs.ts';
import { faqEntries } from './schema/index.ts';

/** The fields syncBuiltInFaqs writes, in a form two sets of entries can be compared in. */
const fingerprint = (
  entries: readonly Pick<BuiltInFaq, 'slug' | 'question' | 'answer' | 'aliases' | 'tags' | 'source'>[],
) =>
  JSON.stringify(
    entries
      .map(({ slug, question, answer, aliases, tags, source }) => [
        slug,
        question,
        answer,
        aliases,
        tags,
        source,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );

/**
 * Brings the built-in content (the guide's FAQ entries) in line with the files in the repo.
 * Runs at every start; it must be idempotent and must never touch guild-owned rows. When nothing
 * changed (every start but the first after an upgrade) one read replaces the sync, whose
 * recounting of the search vocabulary is about a third of a start.
 */
export async function seedBuiltInContent(db: Db): Promise<void> {
  const entries = loadBuiltInFaqs();
  const stored = await db
    .select({
      slug: faqEntries.slug,
      question: faqEntries.question,
      answer: faqEntries.answer,
      aliases: faqEntries.aliases,
      tags: faqEntries.tags,
      source: faqEntries.source,
    })
    .from(faqEntries)
    .where(isNull(faqEntries.guildId));
  if (fingerprint(stored) === fingerprint(entries)) return;
  await syncBuiltInFaqs(db, entries);
}
