import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { listFaqsByQuestionStart, upsertGuildFaq } from '../src/db/queries/faqs.ts';
import { faqTerms } from '../src/db/schema/index.ts';
import { normalizeText } from '../src/faq/query-text.ts';
import { faqSearchStatement, searchFaqs } from '../src/faq/search.ts';
import { labelledSets, offTopicSets } from './bench/lib/faq-data.ts';
import { describeLabellers, percent, relevanceOf, turnedAwayShare } from './bench/lib/faq-evaluation.ts';
import { GUILD_A, GUILD_B } from './helpers/actors.ts';
import { createTestDatabase, databaseKinds } from './helpers/db.ts';

const sets = labelledSets();
const offTopic = offTopicSets();

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

  const search = (query: string, limit: number) => searchFaqs(database.db, GUILD_A, query, limit);

  it.each(sets.map((set) => [set.name, set] as const))('ranks the %s', async (_name, set) => {
    const figures = await relevanceOf(search, set.items);
    console.log(
      `[faq relevance, ${kind}] ${set.name}, ${figures.count} questions: top-1 ${percent(figures.top1)}, ` +
        `top-3 ${percent(figures.top3)}, told "no entry" ${percent(figures.refused)}` +
        describeLabellers(figures) +
        // Held-out questions stay unseen: figures only, never which ones were missed.
        (set.heldOut || figures.misses.length === 0
          ? ''
          : `\n  not first:\n  ${figures.misses.join('\n  ')}`),
    );
    // Floors just under what is reached (PGlite), so no set may fall back. The target on the
    // held-out halves is top-1 92% / top-3 97%: NOT met (see README, "How well /faq finds answers").
    const floors: Record<string, { top1: number; top3: number }> = {
      'project labelled set': { top1: 0.98, top3: 0.99 },
      'independent dev half': { top1: 0.9, top3: 0.96 },
      'independent held-out half': { top1: 0.79, top3: 0.92 },
      'second writer dev half': { top1: 0.87, top3: 0.96 },
      'second writer held-out half': { top1: 0.85, top3: 0.94 },
      'third writer dev half': { top1: 0.85, top3: 0.95 },
      'third writer held-out half': { top1: 0.83, top3: 0.91 },
      'all held-out halves': { top1: 0.83, top3: 0.93 },
    };
    const targets = floors[set.name];
    if (!targets) throw new Error(`no floor for ${set.name}`);
    expect(figures.top1).toBeGreaterThanOrEqual(targets.top1);
    expect(figures.top3).toBeGreaterThanOrEqual(targets.top3);
    // No refusal for an on-topic question: at worst the closest entry.
    expect(figures.refused).toBeLessThanOrEqual(0.03);
  });

  it('turns off-topic questions away: at least 14 of the original 16, and 85% of the new ones', async () => {
    const shares: string[] = [];
    for (const set of offTopic) {
      const share = await turnedAwayShare(search, set.items);
      shares.push(`${set.name} ${percent(share)} of ${set.items.length}`);
      expect(share, set.name).toBeGreaterThanOrEqual(set.name.startsWith('original') ? 14 / 16 : 0.85);
    }
    console.log(`[faq off topic, ${kind}] turned away: ${shares.join('; ')}`);
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
      // 10,000 generated rows take a while on a shared two-core machine.
    }, 180_000);

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
