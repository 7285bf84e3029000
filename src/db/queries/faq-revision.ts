import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { faqRevision } from '../schema/index.ts';

/** The count of changes to FAQ entries and hidden built-ins so far (bumped by triggers). */
export async function getFaqRevision(db: Db): Promise<number> {
  const [row] = await db
    .select({ revision: faqRevision.revision })
    .from(faqRevision)
    .where(eq(faqRevision.id, 1));
  return row?.revision ?? 0;
}
