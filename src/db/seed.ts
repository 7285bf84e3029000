import { loadBuiltInFaqs } from '../faq/content.ts';
import type { Db } from './client.ts';
import {
  listSyncedBuiltInFaqs,
  type SyncedFaqFields,
  syncBuiltInFaqs,
  syncedFaqFields,
} from './queries/faqs.ts';

/** The fields syncBuiltInFaqs writes, in a form two sets of entries can be compared in. */
const fingerprint = (entries: readonly SyncedFaqFields[]) =>
  JSON.stringify(entries.map(syncedFaqFields).sort((a, b) => a.slug.localeCompare(b.slug)));

/**
 * Brings the built-in content (the guide's FAQ entries) in line with the files in the repo.
 * Runs at every start; it must be idempotent and must never touch guild-owned rows. When nothing
 * changed (every start but the first after an upgrade) one read replaces the sync, whose
 * recounting of the search vocabulary is about a third of a start.
 */
export async function seedBuiltInContent(db: Db): Promise<void> {
  const entries = loadBuiltInFaqs();
  if (fingerprint(await listSyncedBuiltInFaqs(db)) === fingerprint(entries)) return;
  await syncBuiltInFaqs(db, entries);
}
