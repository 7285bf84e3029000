import { describe, expect, it } from 'vitest';
import { scorePortfolio } from '../src/assess/score.ts';
import { cardAltText, renderAssessmentCard } from '../src/card/assessment-card.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer) {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const BASELINE = {
  publications: 3,
  irPublications: 1,
  firstAuthor: 0,
  abstracts: 2,
  presentations: 0,
  irProjects: 1,
  ongoing: 1,
};

describe('the /assess card', () => {
  it('is a PNG under 200 KB, 800 px wide, taller with more bars', async () => {
    const seven = await renderAssessmentCard({ ...scorePortfolio(BASELINE), source: 'typed counts' });
    const one = await renderAssessmentCard({
      ...scorePortfolio({ ...BASELINE, publications: 0, abstracts: 0, irProjects: 0, irPublications: 0 }),
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
        'IR- or radiology-related publications: 1 of 1, met.',
        'Abstracts or posters accepted: 2 of 2, met.',
        'Projects in progress: 1 of 1, met.',
        'First-author publications: 0 of 1.',
        'Presentations at a national or international meeting: 0 of 1.',
        'IR-specific projects: 1 of 2.',
        'Biggest gap: First-author publications, 0 of 1.',
      ].join(' '),
    );
  });
});
