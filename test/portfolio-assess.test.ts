import { count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPreviousAssessment } from '../src/db/queries/assessments.ts';
import { createPortfolioItem } from '../src/db/queries/portfolio-items.ts';
import { assessments, portfolioItems } from '../src/db/schema/index.ts';
import { TYPED_COUNTS_NOTE } from '../src/portfolio/assess-source.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { ephemeralContent, expectEphemeral } from './helpers/responses.ts';

const ALICE = member();
const DAY = 86_400_000;

describe.each(databaseKinds())('/assess from the portfolio on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(portfolioItems);
    await harness.db.delete(assessments);
  });

  async function add(fields: Parameters<typeof createPortfolioItem>[2], guildId = GUILD_A) {
    const item = await createPortfolioItem(harness.db, { guildId, userId: ALICE.userId }, fields, {
      now: harness.clock.now(),
      limit: 200,
    });
    if (!item) throw new Error('not stored');
    return item;
  }
  const paper = { kind: 'original_research', role: 'intermediate', statusSince: '2026-05-01' } as const;
  const stored = async () => (await harness.db.select({ value: count() }).from(assessments))[0]?.value ?? 0;

  it('counts the items when no counts are typed, and names the items behind each criterion', async () => {
    const ir = await add({ ...paper, title: 'TACE outcomes', status: 'published', irRelated: true });
    const accepted = await add({ ...paper, title: 'Accepted letter', kind: 'letter', status: 'accepted' });
    await add({ ...paper, title: 'Only submitted', status: 'submitted' });
    for (const title of ['Poster one', 'Poster two', 'Poster three']) {
      await add({ kind: 'abstract', role: 'advanced', statusSince: '2026-04-01', title, status: 'accepted' });
    }
    await add({
      kind: 'project',
      role: 'entry',
      statusSince: '2026-01-01',
      title: 'Registry',
      status: 'analysis',
    });
    await add({ ...paper, title: 'Another server', status: 'published' }, GUILD_B);

    const data = expectEphemeral(
      await harness.command('assess', { options: { months_to_apply: 12 } }, ALICE),
    );
    expect(data.content).toBeUndefined();
    const embed = data.embeds?.[0];
    expect(embed?.title).toBe('Your portfolio: Competitive baseline');
    const names = embed?.fields?.map((field) => field.name) ?? [];
    // Right under the progress it counts toward.
    expect(names.indexOf('Counted from your portfolio')).toBe(
      names.indexOf('Progress toward Highly competitive') + 1,
    );
    const counted = embed?.fields?.find((field) => field.name === 'Counted from your portfolio')?.value ?? '';
    expect(counted).toContain(
      `**Peer-reviewed publications** (2): #${ir.id} TACE outcomes; #${accepted.id} Accepted letter`,
    );
    expect(counted).toContain('**First-author publications** (0): none yet');
    expect(counted).toContain(`**IR- or radiology-related publications** (1): #${ir.id} TACE outcomes`);
    expect(counted).not.toContain('Only submitted');
    expect(counted).not.toContain('Another server');
    expect(await findPreviousAssessment(harness.db, GUILD_A, ALICE.userId)).toMatchObject({
      publications: 2,
      irPublications: 1,
      abstracts: 3,
      // The registry project and the submitted paper: work still under way.
      ongoing: 2,
      irProjects: 0,
      level: 'Competitive baseline',
    });
  });

  it('shows the change since the last check, whichever way it was counted', async () => {
    await harness.command('assess', { options: { ...BEGINNER, months_to_apply: 12 } }, ALICE);
    harness.clock.advance(10 * DAY);
    await add({ ...paper, title: 'First paper', status: 'published', firstAuthor: true });
    const data = expectEphemeral(
      await harness.command('assess', { options: { months_to_apply: 12 } }, ALICE),
    );
    const change = data.embeds?.[0]?.fields?.find((field) => field.name === 'Since your last check')?.value;
    expect(change).toContain('Publications: 0 → 1 (+1)');
    expect(change).toContain('First-author publications: 0 → 1 (+1)');
  });

  it('typed counts still work, and say they were not taken from the portfolio', async () => {
    await add({ ...paper, title: 'A paper', status: 'published' });
    const data = expectEphemeral(await harness.command('assess', { options: BEGINNER }, ALICE));
    expect(data.content).toBe(TYPED_COUNTS_NOTE);
    expect(data.embeds?.[0]?.title).toBe('Your portfolio: Getting started');
    expect(data.embeds?.[0]?.fields?.map((field) => field.name)).not.toContain('Counted from your portfolio');
  });

  it('refuses some counts without the others, and an empty portfolio, saving nothing', async () => {
    const some = ephemeralContent(
      await harness.command(
        'assess',
        { options: { publications: 2, abstracts: 1, months_to_apply: 12 } },
        ALICE,
      ),
    );
    expect(some).toContain('Give all seven counts, or none');
    expect(some).toContain('`ir_publications`');
    expect(some).not.toContain('`publications`,');
    const empty = ephemeralContent(
      await harness.command('assess', { options: { months_to_apply: 12 } }, ALICE),
    );
    expect(empty).toContain('Your portfolio in this server is empty');
    expect(await stored()).toBe(0);
  });
});
