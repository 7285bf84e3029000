import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { openings } from '../src/db/schema/index.ts';
import { serializeError } from '../src/logger.ts';
import { recordingLogger } from './helpers/context.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

const TYPED = 'what-the-member-typed-4471';

describe.each(databaseKinds())('error logs on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('keep the SQL and the error codes of a failed query, not its parameters or quoted values', async () => {
    const failure = await database.db
      .select()
      .from(openings)
      .where(sql`${openings.id} = ${TYPED}::int`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const { log, lines } = recordingLogger();
    log.error({ err: failure }, 'query failed');
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(TYPED);
    expect(lines[0]?.err).toMatchObject({ query: expect.stringContaining('from "openings"') });
    expect(JSON.stringify(serializeError(failure))).toContain('22P02'); // invalid_text_representation
  });
});

describe('other errors', () => {
  it('keep their message and stack', () => {
    const serialized = serializeError(new Error('the scheduler lost its lease'));
    expect(serialized).toMatchObject({ type: 'Error', message: 'the scheduler lost its lease' });
    expect(String(serialized.stack)).toContain('logger.test.ts');
  });
});
