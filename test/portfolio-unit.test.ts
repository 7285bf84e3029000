import { describe, expect, it } from 'vitest';
import { type portfolioKinds, portfolioStatuses } from '../src/db/schema/portfolio.ts';
import { parseHttpsLink } from '../src/https-link.ts';
import { statusFitsKind } from '../src/portfolio/catalog.ts';
import { type CountableItem, countsFromItems } from '../src/portfolio/counts.ts';
import {
  addFormCustomId,
  editFormCustomId,
  listPageCustomId,
  parsePortfolioCustomId,
} from '../src/portfolio/custom-ids.ts';
import { isStale, itemsToNudge, nextCheckAfter, nextNudgeAllowedAt } from '../src/portfolio/nudges.ts';
import { type ItemChoices, latestDateAt, parseItemForm } from '../src/portfolio/validation.ts';

const GUILD = '200000000000000001';
let nextId = 1;
function item(overrides: Partial<CountableItem>): CountableItem {
  return {
    id: nextId++,
    title: 'Some work',
    kind: 'original_research',
    status: 'published',
    irRelated: false,
    firstAuthor: false,
    meetingLevel: null,
    ...overrides,
  };
}

describe('counts from portfolio items', () => {
  it('counts accepted, in-press and published papers as publications, and nothing else', () => {
    const counted = [
      item({ status: 'published', irRelated: true, firstAuthor: true }),
      item({ kind: 'case_report', status: 'in_press', irRelated: true }),
      item({ kind: 'letter', status: 'accepted' }),
    ];
    const notCounted = [item({ status: 'submitted' }), item({ status: 'in_preparation', firstAuthor: true })];
    const { counts, countedItems } = countsFromItems([...counted, ...notCounted]);
    expect(counts).toMatchObject({ publications: 3, irPublications: 2, firstAuthor: 1 });
    expect(countedItems.publications.map((entry) => entry.id)).toEqual(counted.map((entry) => entry.id));
  });

  it('counts accepted and presented abstracts (not talks); presentations only at national, international or regional IR meetings', () => {
    const national = item({ kind: 'abstract', status: 'presented', meetingLevel: 'national' });
    const international = item({
      kind: 'oral_presentation',
      status: 'presented',
      meetingLevel: 'international',
    });
    const regionalIr = item({
      kind: 'abstract',
      status: 'presented',
      meetingLevel: 'regional',
      irRelated: true,
    });
    const regionalOther = item({ kind: 'abstract', status: 'presented', meetingLevel: 'regional' });
    const local = item({ kind: 'abstract', status: 'presented', meetingLevel: 'local', irRelated: true });
    const accepted = item({ kind: 'abstract', status: 'accepted', meetingLevel: 'international' });
    const submitted = item({ kind: 'abstract', status: 'submitted', meetingLevel: 'national' });
    const { counts, countedItems } = countsFromItems([
      national,
      international,
      regionalIr,
      regionalOther,
      local,
      accepted,
      submitted,
    ]);
    // The oral presentation is a presentation but not an abstract.
    expect(counts.abstracts).toBe(5);
    expect(countedItems.presentations).toEqual([national, international, regionalIr]);
    expect(counts.publications).toBe(0);
  });

  it('counts IR projects at any stage, and projects not done as ongoing', () => {
    const { counts } = countsFromItems([
      item({ kind: 'project', status: 'idea', irRelated: true }),
      item({ kind: 'project', status: 'done', irRelated: true }),
      item({ kind: 'project', status: 'analysis' }),
      item({ kind: 'project', status: 'done' }),
    ]);
    expect(counts).toMatchObject({ irProjects: 2, ongoing: 2, publications: 0, abstracts: 0 });
  });

  it('counts papers being written or under review, and abstracts awaiting an answer, as ongoing work', () => {
    const { counts } = countsFromItems([
      item({ kind: 'case_report', status: 'in_preparation' }),
      item({ kind: 'review', status: 'submitted' }),
      item({ kind: 'abstract', status: 'submitted', meetingLevel: 'national' }),
      item({ kind: 'original_research', status: 'accepted' }),
      item({ kind: 'abstract', status: 'presented', meetingLevel: 'national' }),
    ]);
    expect(counts).toMatchObject({ ongoing: 3, publications: 1, abstracts: 1 });
  });
});

describe('status rules per kind', () => {
  it('gives papers, abstracts and projects their own statuses', () => {
    const fitting = (kind: (typeof portfolioKinds)[number]) =>
      portfolioStatuses.filter((status) => statusFitsKind(kind, status));
    expect(fitting('review')).toEqual(['in_preparation', 'submitted', 'accepted', 'in_press', 'published']);
    expect(fitting('oral_presentation')).toEqual(['submitted', 'accepted', 'presented']);
    expect(fitting('project')).toEqual(['idea', 'data_collection', 'analysis', 'writing', 'done']);
  });
});

describe('the item form', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  it('takes https links only, and normalises them', () => {
    expect(parseHttpsLink('https://pubmed.ncbi.nlm.nih.gov/12345/', 300)).toBe(
      'https://pubmed.ncbi.nlm.nih.gov/12345/',
    );
    expect(parseHttpsLink(' https://DOI.org/10.1/abc ', 300)).toBe('https://doi.org/10.1/abc');
    for (const bad of [
      'http://doi.org/1',
      'ftp://x.org',
      'https://user:pw@x.org',
      'https://localhost',
      'doi.org/1',
    ]) {
      expect(parseHttpsLink(bad, 300)).toBeNull();
    }
  });

  it('takes today (anywhere on Earth) but not tomorrow; empty means today', () => {
    expect(latestDateAt(now)).toBe('2026-11-02');
    const fields = { title: 'A real title' };
    expect(parseItemForm({ ...fields, status_since: '' }, now).statusSince).toBe('2026-11-01');
    expect(parseItemForm({ ...fields, status_since: '2026-11-02' }, now).statusSince).toBe('2026-11-02');
    expect(() => parseItemForm({ ...fields, status_since: '2026-11-03' }, now)).toThrow(/future/);
  });

  it('lists every problem at once', () => {
    expect(() => parseItemForm({ title: ' ', link: 'http://x.org', status_since: 'soon' }, now)).toThrow(
      'Nothing was saved:\n- The title needs at least 3 characters.\n- The title needs words: spaces, symbols or emoji alone are not a title.\n- The link must start with https:// (a PubMed page or https://doi.org/… link, say).\n- The date must be a real day written as YYYY-MM-DD, such as 2026-03-15.',
    );
  });
});

describe('portfolio custom_ids', () => {
  const choices: ItemChoices = {
    kind: 'oral_presentation',
    status: 'presented',
    role: 'intermediate',
    irRelated: true,
    firstAuthor: false,
    meetingLevel: 'international',
    activelyWritten: false,
  };

  it('round-trip within Discord’s 100 characters', () => {
    const add = addFormCustomId(choices, GUILD);
    expect(add.length).toBeLessThanOrEqual(100);
    expect(parsePortfolioCustomId(add.split(':').slice(1))).toEqual({
      action: 'add',
      choices,
      guildId: GUILD,
    });
    const edit = editFormCustomId(123456789, { status: 'accepted', firstAuthor: true }, GUILD);
    expect(parsePortfolioCustomId(edit.split(':').slice(1))).toEqual({
      action: 'edit',
      itemId: 123456789,
      changes: { status: 'accepted', firstAuthor: true },
      guildId: GUILD,
    });
    const page = listPageCustomId(3, { kind: 'project' });
    expect(parsePortfolioCustomId(page.split(':').slice(1))).toEqual({
      action: 'page',
      page: 3,
      filters: { kind: 'project', status: undefined },
    });
  });

  it.each([
    ['add', '99', '0', '0', '-', '-', '-', '-', GUILD],
    ['add', '0', '-', '0', '-', '-', '-', '-', GUILD],
    ['edit', '1', 'x', '-', '-', '-', '-', '-', GUILD],
    ['edit', '1', '-', '-', '-', '-', '-', '-', '123'],
    ['page', '999', '-', '-'],
    ['rm', '1e3', 'abc'],
    ['nudge-snooze', 'not-a-guild', '1'],
    ['drop-table'],
  ])('refuse a forged id %#', (...parts) => {
    expect(() => parsePortfolioCustomId(parts)).toThrow('out of date or was changed');
  });
});

describe('nudge decisions', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  const weeksAgo = (weeks: number) =>
    new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  const candidate = (status: CountableItem['status'], since: string, snoozed: Date | null = null) => ({
    id: nextId++,
    status,
    statusSince: since,
    nudgeSnoozedUntil: snoozed,
  });

  it('asks after 8 weeks in preparation, writing or data collection, and 12 weeks submitted', () => {
    for (const status of ['in_preparation', 'writing', 'data_collection'] as const) {
      expect(isStale(candidate(status, weeksAgo(8)), now)).toBe(true);
      expect(isStale(candidate(status, weeksAgo(7)), now)).toBe(false);
    }
    expect(isStale(candidate('submitted', weeksAgo(11)), now)).toBe(false);
    expect(isStale(candidate('submitted', weeksAgo(12)), now)).toBe(true);
    expect(isStale(candidate('published', weeksAgo(100)), now)).toBe(false);
    expect(isStale(candidate('idea', weeksAgo(100)), now)).toBe(false);
  });

  it('waits while snoozed, and names the longest-waiting items first', () => {
    const snoozed = candidate('writing', weeksAgo(20), new Date(now.getTime() + 1000));
    const older = candidate('submitted', weeksAgo(30));
    const newer = candidate('writing', weeksAgo(9));
    expect(itemsToNudge([newer, snoozed, older], now)).toEqual([older, newer]);
  });

  it('sends at most one a week', () => {
    expect(nextCheckAfter('sent', now).getTime() - now.getTime()).toBe(7 * 86_400_000);
    expect(nextNudgeAllowedAt(null, now)).toEqual(now);
    const sentTwoDaysAgo = new Date(now.getTime() - 2 * 86_400_000);
    expect(nextNudgeAllowedAt(sentTwoDaysAgo, now)).toEqual(
      new Date(sentTwoDaysAgo.getTime() + 7 * 86_400_000),
    );
  });
});
