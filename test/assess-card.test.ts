import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorePortfolio } from '../src/assess/score.ts';
import { cardAltText, renderAssessmentCard } from '../src/card/assessment-card.ts';
import { updateGuildSettings } from '../src/db/queries/guild-settings.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { BEGINNER, NO_COUNTS } from './helpers/assess-options.ts';
import { runConsole } from './helpers/console-run.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { multipartOf } from './helpers/multipart.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const BASELINE = {
  publications: 3,
  irPublications: 1,
  firstAuthor: 0,
  abstracts: 3,
  presentations: 0,
  irProjects: 1,
  ongoing: 1,
};

describe('the /assess card', () => {
  it('is a PNG under 200 KB, 800 px wide, taller with more bars', async () => {
    const seven = await renderAssessmentCard({ ...scorePortfolio(BASELINE), source: 'typed counts' });
    const one = await renderAssessmentCard({
      ...scorePortfolio(NO_COUNTS),
      source: 'typed counts',
    });
    for (const card of [seven, one]) {
      expect(card.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(card.png.length).toBeLessThan(200 * 1024);
      expect(pngSize(card.png).width).toBe(800);
    }
    expect(pngSize(seven.png).height).toBeGreaterThan(pngSize(one.png).height);
  });

  it('says in words what it shows: level, each bar of the next level, the biggest gap', () => {
    const scoring = scorePortfolio(BASELINE);
    expect(cardAltText({ ...scoring, source: 'from your portfolio' })).toBe(
      [
        'Portfolio level: Competitive baseline (from your portfolio).',
        'Progress toward Highly competitive:',
        'Peer-reviewed publications: 3 of 4.',
        'First-author publications: 0 of 1.',
        'Co-author publications (not first author): 3 of 1, met.',
        'IR-specific projects: 1 of 2.',
        'Presentations at national, international or regional IR meetings: 0 of 2.',
        'Abstracts or posters accepted: 3 of 3, met.',
        'IR- or radiology-related publications (preferred, not required): 1 of 1, met.',
        'Biggest gap: First-author publications, 0 of 1.',
      ].join(' '),
    );
  });
});

describe('/assess sends the card', () => {
  const CHANNEL = '400000000000000001';
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('as a PNG attachment of the reply’s first follow-up, described by its alt text', async () => {
    harness.standIn.clear();
    await harness.command('assess', { options: BEGINNER }, member());
    await harness.router.idle();
    const [followUp, ...others] = harness.standIn.find('POST', /^\/webhooks\/\d+\/[^/]+$/).map(multipartOf);
    expect(others).toEqual([]);
    expect(followUp?.json).toMatchObject({
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
      attachments: [
        {
          id: 0,
          filename: 'portfolio-card.png',
          description: expect.stringMatching(/^Portfolio level: Getting started \(typed counts\)\./),
        },
      ],
    });
    const [file] = followUp?.files ?? [];
    expect(file).toMatchObject({ filename: 'portfolio-card.png', contentType: 'image/png' });
    expect(file?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.data.length).toBeLessThan(200 * 1024);
  });

  it('and share:true posts the same card with the public summary', async () => {
    await updateGuildSettings(harness.db, GUILD_A, { assessmentsChannelId: CHANNEL }, harness.clock.now());
    harness.standIn.clear();
    await harness.command('assess', { options: { ...BEGINNER, share: true } }, member());
    await harness.router.idle();
    const [post] = harness.standIn
      .find('POST', new RegExp(`^/channels/${CHANNEL}/messages$`))
      .map(multipartOf);
    const [followUp] = harness.standIn.find('POST', /^\/webhooks\//).map(multipartOf);
    expect(post?.json).toMatchObject({
      embeds: [
        { title: 'Portfolio check: Getting started', image: { url: 'attachment://portfolio-card.png' } },
      ],
      attachments: [
        { filename: 'portfolio-card.png', description: expect.stringContaining('Getting started') },
      ],
      allowed_mentions: { parse: [] },
    });
    expect(post?.files[0]?.data.equals(followUp?.files[0]?.data ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('the console', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-card-console-'));
  const consoleTemp = mkdtempSync(join(tmpdir(), 'bot-card-tmp-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(consoleTemp, { recursive: true, force: true });
  });

  it('saves the card to the temporary folder and prints the path', { timeout: 180_000 }, () => {
    const options = Object.entries(BEGINNER)
      .map(([name, value]) => `${name}:${value}`)
      .join(' ');
    const result = runConsole(`/assess ${options}\n`, {
      PGLITE_DATA_DIR: dataDir,
      TMPDIR: consoleTemp,
      // Nothing listens there: anything sent to Discord would fail at once.
      DISCORD_API_BASE: 'http://127.0.0.1:9/api',
    });
    expect(result.status).toBe(0);
    const saved = /Attached file saved as (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(saved.startsWith(consoleTemp)).toBe(true);
    expect(saved.endsWith('portfolio-card.png')).toBe(true);
    expect(existsSync(saved) && readFileSync(saved).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
