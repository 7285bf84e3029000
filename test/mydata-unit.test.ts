import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/db/queries/assessments.ts';
import type { Opening } from '../src/db/queries/openings.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { buttonRefusal } from '../src/mydata/confirmation.ts';
import { cancelCustomId, confirmDeleteCustomId, parseMydataCustomId } from '../src/mydata/custom-ids.ts';
import { exportJson, exportNeedsFile } from '../src/mydata/export-file.ts';
import type { MemberData } from '../src/mydata/member-data.ts';
import { renderDeleted, renderDeletePrompt, renderExportSummary } from '../src/mydata/render.ts';
import { SHOWN_PER_LIST } from '../src/mydata/summary-lines.ts';
import { CONFIRM_WINDOW_MS } from '../src/time.ts';
import { NO_COUNTS } from './helpers/assess-options.ts';
import { openingRow } from './helpers/opening-row.ts';

const GUILD = '200000000000000001';
const USER = '300000000000000011';
const NOW = new Date('2026-11-01T12:00:00Z');

function parts(customId: string): string[] {
  return customId.split(':').slice(1);
}

function emptyData(): MemberData {
  return {
    guildId: GUILD,
    userId: USER,
    openings: [],
    filledOpenings: [],
    expiredOpenings: [],
    withdrawnOpenings: [],
    rejectedOpenings: [],
    openingMessages: [],
    openingAlerts: [],
    interests: [],
    assessments: [],
    portfolioItems: [],
    portfolioReminders: null,
    faqVotes: [],
    pitfallProgress: null,
    faqEntriesWritten: [],
    faqHidden: [],
  };
}

function opening(id: number, title: string): Opening {
  return openingRow({
    id,
    guildId: GUILD,
    authorId: USER,
    title,
    institution: 'Example University Hospital',
    description: 'Chart review for a retrospective cohort; a few hours a week.',
    contact: 'someone@example.org',
  });
}

function assessment(id: number): Assessment {
  return {
    id,
    guildId: GUILD,
    userId: USER,
    ...NO_COUNTS,
    publications: id,
    monthsToApply: 12,
    level: 'Getting started',
    createdAt: NOW,
  };
}

function embedText(embed: APIEmbed): string {
  return [
    embed.description ?? '',
    ...(embed.fields ?? []).map((field) => `${field.name}\n${field.value}`),
  ].join('\n');
}

describe('/mydata button ids', () => {
  it('round-trip, and fit in a custom_id with the longest snowflakes', () => {
    const longGuild = '12345678901234567890';
    const longUser = '98765432109876543210';
    const confirmDelete = confirmDeleteCustomId(longGuild, longUser, NOW);
    expect(confirmDelete.length).toBeLessThanOrEqual(100);
    expect(parseMydataCustomId(parts(confirmDelete))).toEqual({
      action: 'delete',
      guildId: longGuild,
      userId: longUser,
      issuedAt: NOW,
    });
    expect(parseMydataCustomId(parts(cancelCustomId(GUILD, USER)))).toEqual({
      action: 'cancel',
      guildId: GUILD,
      userId: USER,
    });
  });

  it.each([
    [[]],
    [['delete', GUILD, USER]],
    [['delete', GUILD, USER, 'zz', 'extra']],
    [['delete', GUILD, 'someone', 'zz']],
    [['delete', '-1', USER, 'zz']],
    [['delete', GUILD, USER, 'ZZ!']],
    [['cancel', GUILD]],
    [['wipe', GUILD, USER, 'zz']],
  ])('refuses the forged parts %j', (forged) => {
    expect(() => parseMydataCustomId(forged)).toThrow(/out of date/);
  });
});

describe('who may press a /mydata button', () => {
  const confirmDelete = { action: 'delete' as const, guildId: GUILD, userId: USER, issuedAt: NOW };

  it('lets the member who asked confirm, in the same server, while it is fresh', () => {
    expect(buttonRefusal(confirmDelete, { guildId: GUILD, userId: USER }, NOW)).toBeNull();
    const late = new Date(NOW.getTime() + CONFIRM_WINDOW_MS);
    expect(buttonRefusal(confirmDelete, { guildId: GUILD, userId: USER }, late)).toBeNull();
  });

  it('refuses another member, another server, and a stale or future confirmation', () => {
    expect(buttonRefusal(confirmDelete, { guildId: GUILD, userId: '300000000000000012' }, NOW)).toMatch(
      /not yours/,
    );
    expect(buttonRefusal(confirmDelete, { guildId: '200000000000000002', userId: USER }, NOW)).toMatch(
      /not yours/,
    );
    const stale = new Date(NOW.getTime() + CONFIRM_WINDOW_MS + 1);
    expect(buttonRefusal(confirmDelete, { guildId: GUILD, userId: USER }, stale)).toMatch(/expired/);
    const early = new Date(NOW.getTime() - 5 * 60 * 1000);
    expect(buttonRefusal(confirmDelete, { guildId: GUILD, userId: USER }, early)).toMatch(/expired/);
    const noTime = { ...confirmDelete, issuedAt: new Date(Number.NaN) };
    expect(buttonRefusal(noTime, { guildId: GUILD, userId: USER }, NOW)).toMatch(/expired/);
  });

  it('lets the member cancel at any time, but nobody else', () => {
    const cancel = { action: 'cancel' as const, guildId: GUILD, userId: USER };
    const muchLater = new Date(NOW.getTime() + 24 * 60 * 60 * 1000);
    expect(buttonRefusal(cancel, { guildId: GUILD, userId: USER }, muchLater)).toBeNull();
    expect(buttonRefusal(cancel, { guildId: GUILD, userId: '300000000000000012' }, NOW)).toMatch(/not yours/);
  });
});

describe('the export summary and file', () => {
  it('says so when nothing is stored, and needs no file', () => {
    const embed = renderExportSummary(emptyData());
    expect(embed.description).toBe('Nothing is stored about you in this server.');
    expect(exportNeedsFile(emptyData())).toBe(false);
  });

  it('needs a file only when it leaves something out', () => {
    const few = { ...emptyData(), assessments: [1, 2, 3, 4, 5].map(assessment) };
    expect(exportNeedsFile(few)).toBe(false);
    expect(embedText(renderExportSummary(few))).not.toContain('JSON file');
    const many = { ...few, assessments: [1, 2, 3, 4, 5, 6].map(assessment) };
    expect(exportNeedsFile(many)).toBe(true);
    expect(embedText(renderExportSummary(many))).toContain('…and 1 more (in the file)');
    // The summary shows an opening's title, not the text its author wrote.
    expect(exportNeedsFile({ ...emptyData(), openings: [opening(1, 'A short title')] })).toBe(true);
  });

  it('fits Discord’s limits however much there is, and the file holds all of it', () => {
    const data: MemberData = {
      ...emptyData(),
      openings: Array.from({ length: 200 }, (_, index) =>
        opening(index + 1, `${'Long title '.repeat(11)}${index}`),
      ),
      interests: Array.from({ length: 200 }, (_, index) => ({
        openingId: index + 1,
        openingTitle: 'x'.repeat(120),
        openingStatus: 'open' as const,
        createdAt: NOW,
      })),
      assessments: Array.from({ length: 300 }, (_, index) => assessment(index + 100)),
      faqVotes: Array.from({ length: 100 }, (_, index) => ({
        slug: `entry-${'y'.repeat(60)}-${index}`,
        helpful: index % 2 === 0,
        votedAt: NOW,
      })),
      pitfallProgress: { shown: 42, updatedAt: NOW },
      faqEntriesWritten: Array.from({ length: 30 }, (_, index) => ({
        slug: `local-${index}`,
        question: 'q'.repeat(200),
        updatedAt: NOW,
      })),
      faqHidden: Array.from({ length: 30 }, (_, index) => ({ slug: `hidden-${index}`, hiddenAt: NOW })),
    };
    const embed = renderExportSummary(data);
    expect(embedProblems(embed)).toEqual([]);
    const text = embedText(embed);
    expect(text).toContain('Openings you posted (200)');
    expect(text).toContain(`…and ${200 - SHOWN_PER_LIST} more (in the file)`);
    expect(text).toContain('Seen 42 pitfalls');

    const file = JSON.parse(exportJson(data, NOW));
    expect(file.openings).toHaveLength(200);
    expect(file.openings[0]).toMatchObject({
      description: data.openings[0]?.description,
      contact: 'someone@example.org',
    });
    expect(file.assessments).toHaveLength(300);
    expect(file.faqVotes).toHaveLength(100);
    expect(file.faqEntriesWrittenAsModerator).toHaveLength(30);
    expect(file.faqBuiltInsHiddenAsModerator).toHaveLength(30);
    expect(file.exportedAt).toBe(NOW.toISOString());
  });
});

describe('the deletion prompt and report', () => {
  it('lists only the kinds of data the member has', () => {
    const data = {
      ...emptyData(),
      assessments: [assessment(1)],
      pitfallProgress: { shown: 1, updatedAt: NOW },
    };
    const prompt = renderDeletePrompt(data, {
      confirmDeleteCustomId: 'mydata:a',
      cancelCustomId: 'mydata:b',
    });
    const [embed] = prompt.embeds ?? [];
    expect(embed?.description).toContain('• 1 /assess check: deleted');
    expect(embed?.description).toContain('• Your progress through /pitfall: deleted');
    expect(embed?.description).not.toMatch(/opening|FAQ/);
  });

  it('tells the member when some posts are edited later', () => {
    const counts = {
      openings: 8,
      filledOpenings: 0,
      expiredOpenings: 0,
      withdrawnOpenings: 0,
      rejectedOpenings: 0,
      openingMessages: 0,
      openingAlerts: 0,
      interests: 0,
      assessments: 0,
      portfolioItems: 0,
      portfolioReminders: 0,
      faqVotes: 0,
      pitfallProgress: 0,
      faqEntriesWritten: 0,
      faqHidden: 0,
    };
    const [embed] = renderDeleted(counts, 3).embeds ?? [];
    expect(embed?.description).toContain('8 openings you posted: withdrawn');
    expect(embed?.description).toContain('3 posts of your openings will be edited within a few minutes.');
  });
});
