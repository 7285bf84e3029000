import { loadBuiltInFaqs } from '../faq/content.ts';
import type { Db } from './client.ts';
import { syncBuiltInFaqs } from './queries/faqs.ts';

/**
 * Brings the built-in content (the guide's FAQ entries) in line with the files in the repo.
 * Runs at every start; it must be idempotent and must never touch guild-owned rows.
 */
export async function seedBuiltInContent(db: Db): Promise<void> {
  await syncBuiltInFaqs(db, loadBuiltInFaqs());
}
