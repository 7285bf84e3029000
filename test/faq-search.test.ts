import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { listFaqsByQuestionStart, upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { faqTerms } from '../src/db/schema/index.ts';
import { normalizeText } from '../src/faq/query-text.ts';
import { faqSearchStatement, isGoodMatch, searchFaqs } from '../src/faq/search.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

const labelled = JSON.parse(
  readFileSync(new URL('./fixtures/faq-labelled.json', import.meta.url), 'utf8'),
) as Array<{ query: string; slug: string; kind: string }>;
const unanswerable = JSON.parse(
  readFileSync(new URL('./fixtures/faq-unanswerable.json', import.meta.url), 'utf8'),
) as string[];

const ADVERSARIAL = [
  '',
  '   ',
  "'",
  '"',
  '\\',
  "'; DROP TABLE faq_entries; --",
  '" OR 1=1 --',
  'pubs & | ! : * ( ) <-> <2>',
  '!!!',
  ':*',
  '&&&&|||',
  '(((((',
  'research:* & !ir',
  "$1 $2 %s %d ' || pg_sleep(1) || '",
  '😀🔥💉🩻',
  'ｐｕｂｓ ＩＲ',
  'публикации',
  '研究',
  '\u0000\u0001\u0002',
  `${'x'.repeat(5000)}`,
  'a'.repeat(200),
  Array.from({ length: 40 }, (_, index) => `w${index}`).join(' '),
  '%_%_%',
  'null undefined NaN',
  'ir ir ir ir ir ir ir ir ir ir ir ir ir ir ir ir',
  'zzzzzzzzzzzz qqqqqqqqq xxxxxxx',
];

describe.each(databaseKinds())('FAQ search on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('finds the labelled answer first in at least 90% of questions, and among the first three in 97%', async () => {
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const { query, slug } of labelled) {
      const slugs = (await searchFaqs(database.db, GUILD_A, query, 3)).map((row) => row.slug);
      if (slugs[0] === slug) top1++;
      else misses.push(`${JSON.stringify(query)} → ${slugs.join(', ')} (wanted ${slug})`);
      if (slugs.includes(slug)) top3++;
    }
    const share = (count: number) => `${((100 * count) / labelled.length).toFixed(1)}%`;
    console.log(
      `[faq relevance, ${kind}] ${labelled.length} labelled questions: top-1 ${share(top1)}, top-3 ${share(top3)}` +
        (misses.length > 0 ? `\n  not first:\n  ${misses.join('\n  ')}` : ''),
    );
    expect(top1 / labelled.length).toBeGreaterThanOrEqual(0.9);
    expect(top3 / labelled.length).toBeGreaterThanOrEqual(0.97);
  });

  it('answers nearly all labelled questions and turns most off-topic ones away', async () => {
    let answered = 0;
    for (const { query } of labelled) {
      const [best] = await searchFaqs(database.db, GUILD_A, query, 1);
      if (best && isGoodMatch(best.score)) answered++;
    }
    let turnedAway = 0;
    for (const query of unanswerable) {
      const [best] = await searchFaqs(database.db, GUILD_A, query, 1);
      if (!best || !isGoodMatch(best.score)) turnedAway++;
    }
    console.log(
      `[faq threshold, ${kind}] answered ${answered}/${labelled.length} labelled, turned away ${turnedAway}/${unanswerable.length} off-topic`,
    );
    expect(answered / labelled.length).toBeGreaterThanOrEqual(0.95);
    expect(turnedAway / unanswerable.length).toBeGreaterThanOrEqual(0.75);
  });

  it('corrects typos against the FAQ vocabulary', async () => {
    const [best] = await searchFaqs(database.db, GUILD_A, 'reserch felowship', 1);
    expect(best?.slug).toBe('research-fellowship');
    expect(best?.literal).toBe(false);
  });

  it('finds, from any beginning of four letters or more of a word, what the whole word finds', async () => {
    // The stemmer cuts these back past some of their beginnings: "publications" is 'public', yet
    // "publicati" stems to 'publicati', which as a prefix would match nothing.
    const missing: string[] = [];
    for (const word of [
      'publications',
      'plagiarism',
      'ghosting',
      'recommendation',
      'analysis',
      'eligibility',
    ]) {
      const [best] = await searchFaqs(database.db, GUILD_A, word, 1);
      expect(best, word).toBeDefined();
      for (let length = 4; length <= word.length; length++) {
        const typed = word.slice(0, length);
        const rows = await searchFaqs(database.db, GUILD_A, typed, 25, { prefixLastWord: true });
        if (!rows.some((row) => row.slug === best?.slug && row.literal))
          missing.push(`${typed} → ${best?.slug}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps a guild entry's words out of the shared typo vocabulary, yet finds it despite a typo", async () => {
    await upsertGuildFaq(
      database.db,
      GUILD_A,
      {
        slug: 'quokkaville-journal-club',
        question: 'When does the Quokkaville journal club meet?',
        answer: 'Every second Thursday in the voice channel.',
        aliases: ['quokkaville meetup'],
        tags: [],
      },
      { source: 'mods', actorId: null, now: new Date('2026-01-01T00:00:00Z') },
    );
    const terms = await database.db.select().from(faqTerms).where(eq(faqTerms.term, 'quokkaville'));
    expect(terms).toEqual([]);
    const [best] = await searchFaqs(database.db, GUILD_A, 'quokaville journal club', 1);
    expect(best?.slug).toBe('quokkaville-journal-club');
    expect(await searchFaqs(database.db, GUILD_B, 'quokaville journal club', 5)).not.toContainEqual(
      expect.objectContaining({ slug: 'quokkaville-journal-club' }),
    );
  });

  it('never fails on hostile or odd input', async () => {
    for (const query of ADVERSARIAL) {
      await expect(searchFaqs(database.db, GUILD_A, query, 5)).resolves.toBeInstanceOf(Array);
      await expect(
        searchFaqs(database.db, GUILD_A, query, 25, { prefixLastWord: true }),
      ).resolves.toBeInstanceOf(Array);
      await expect(
        listFaqsByQuestionStart(database.db, GUILD_A, normalizeText(query), 25),
      ).resolves.toBeInstanceOf(Array);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (query) => {
        const rows = await searchFaqs(database.db, GUILD_A, query, 5, { prefixLastWord: true });
        for (const row of rows) expect(Number.isFinite(row.score)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  describe('with 10,000 entries', () => {
    beforeAll(async () => {
      // Copies of the built-ins in another guild, made in SQL so the test stays quick.
      await database.db.execute(sql`
        insert into faq_entries (guild_id, slug, question, answer, aliases, tags, source)
        select ${GUILD_B}, b.slug || '-' || n, b.question || ' (variant ' || n || ')', b.answer,
          b.aliases, b.tags, 'synthetic'
        from faq_entries b cross join generate_series(1, 209) n
        where b.guild_id is null`);
      await database.db.execute(sql`analyze faq_entries`);
      await database.db.execute(sql`analyze faq_terms`);
    });

    interface PlanNode {
      'Node Type': string;
      'Relation Name'?: string;
      'Index Name'?: string;
      Plans?: PlanNode[];
    }
    /** Every node of the statement's plan, flattened. */
    const planNodes = async (statement: ReturnType<typeof sql>): Promise<PlanNode[]> => {
      const result = (await database.db.execute(sql`explain (format json) ${statement}`)) as unknown;
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<
        Record<string, unknown>
      >;
      const value = Object.values(rows[0] ?? {})[0];
      const [root] = (typeof value === 'string' ? JSON.parse(value) : value) as Array<{ Plan: PlanNode }>;
      const nodes: PlanNode[] = [];
      const walk = (node: PlanNode) => {
        nodes.push(node);
        for (const child of node.Plans ?? []) walk(child);
      };
      if (root) walk(root.Plan);
      return nodes;
    };

    it('has the rows', async () => {
      const result = (await database.db.execute(
        sql`select count(*)::int as count from faq_entries`,
      )) as unknown;
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
        count: number;
      }>;
      expect(Number(rows[0]?.count)).toBeGreaterThanOrEqual(10_000);
    });

    it('searches through the GIN indexes, never reading the whole table', async () => {
      for (const query of [
        'how many pubs do i need as an img',
        'reserch felowship',
        'cold emailing faculty tips',
      ]) {
        const statement = faqSearchStatement(GUILD_B, query, 5);
        if (!statement) throw new Error('no statement');
        const nodes = await planNodes(statement);
        expect(nodes.map((node) => node['Index Name'])).toContain('faq_entries_search_idx');
        const tableScans = nodes.filter(
          (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'faq_entries',
        );
        expect(tableScans).toEqual([]);
      }
    });

    it('still ranks the right entry first among the copies', async () => {
      const [best] = await searchFaqs(database.db, GUILD_B, 'how many pubs do i need as an img', 1);
      // The built-in entry is visible in every guild; the copies are its rewordings.
      expect(best?.slug).toMatch(/^how-many-publications(-\d+)?$/);
    });

    it('lists question prefixes and exact aliases from their indexes', async () => {
      const rows = await listFaqsByQuestionStart(database.db, GUILD_B, 'how many pubs do i need', 25);
      expect(rows[0]?.exact).toBe(true);
      expect(rows.length).toBe(25);
      const prefix = await listFaqsByQuestionStart(database.db, GUILD_B, normalizeText('How many pub'), 25);
      expect(prefix.every((row) => row.question.toLowerCase().startsWith('how many pub'))).toBe(true);
    });
  });
});
