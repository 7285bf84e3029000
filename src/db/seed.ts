import type { Db } from './client.ts';

/**
 * Brings the built-in content (the guide's FAQ entries) in line with the files in the repo.
 * Runs at every start; it must be idempotent and must never touch guild-owned rows.
 */
export async function seedBuiltInContent(_db: Db): Promise<void> {}
