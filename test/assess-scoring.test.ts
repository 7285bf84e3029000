import { describe, expect, it } from 'vitest';
import { changeSince, describeChange } from '../src/assess/change.ts';
import { CONTEXT_FACTS, contextLineFor } from '../src/assess/content.ts';
import type { LevelName, PortfolioCounts } from '../src/assess/criteria.ts';
import { parseAssessOptions } from '../src/assess/input.ts';
import { progressBar } from '../src/assess/render.ts';
import { describeGap, findInconsistencies, scorePortfolio } from '../src/assess/score.ts';
import { openingFitFor, roleFromExperience } from '../src/assess/suggest.ts';
import { UserError } from '../src/errors.ts';

const NOTHING: PortfolioCounts = {
  publications: 0,
  irPublications: 0,
  firstAuthor: 0,
  abstracts: 0,
  presentations: 0,
  irProjects: 0,
  ongoing: 0,
};
/** Exactly at the competitive baseline: one less of anything it asks for drops a level. */
const BASELINE: PortfolioCounts = {
  ...NOTHING,
  publications: 2,
  irPublications: 1,
  abstracts: 2,
  ongoing: 1,
};
/** Exactly highly competitive. */
const HIGHLY: PortfolioCounts = {
  publications: 4,
  irPublications: 1,
  firstAuthor: 1,
  abstracts: 2,
  presentations: 1,
  irProjects: 2,
  ongoing: 1,
};

describe('scorePortfolio: every boundary of every criterion', () => {
  const cases: Array<[string, PortfolioCounts, LevelName]> = [
    ['nothing yet', NOTHING, 'Getting started'],
    ['only projects in progress', { ...NOTHING, ongoing: 3 }, 'Getting started'],
    ['one publication', { ...NOTHING, publications: 1 }, 'Building momentum'],
    ['one abstract', { ...NOTHING, abstracts: 1 }, 'Building momentum'],
    ['one IR project', { ...NOTHING, irProjects: 1 }, 'Building momentum'],
    ['baseline exactly', BASELINE, 'Competitive baseline'],
    ['baseline with 1 publication', { ...BASELINE, publications: 1 }, 'Building momentum'],
    ['baseline with 0 IR publications', { ...BASELINE, irPublications: 0 }, 'Building momentum'],
    ['baseline with 1 abstract', { ...BASELINE, abstracts: 1 }, 'Building momentum'],
    ['baseline with nothing in progress', { ...BASELINE, ongoing: 0 }, 'Building momentum'],
    ['highly competitive exactly', HIGHLY, 'Highly competitive'],
    ['highly with 3 publications', { ...HIGHLY, publications: 3 }, 'Competitive baseline'],
    ['highly with no first-author paper', { ...HIGHLY, firstAuthor: 0 }, 'Competitive baseline'],
    ['highly with 1 IR project', { ...HIGHLY, irProjects: 1 }, 'Competitive baseline'],
    ['highly with no presentation', { ...HIGHLY, presentations: 0 }, 'Competitive baseline'],
    ['highly with 0 IR publications', { ...HIGHLY, irPublications: 0 }, 'Building momentum'],
    ['highly with 1 abstract', { ...HIGHLY, abstracts: 1 }, 'Building momentum'],
    ['highly with nothing in progress', { ...HIGHLY, ongoing: 0 }, 'Building momentum'],
    [
      'highly-competitive extras without the baseline',
      { ...NOTHING, publications: 4, firstAuthor: 4, abstracts: 1, presentations: 1, irProjects: 2 },
      'Building momentum',
    ],
    [
      'far above every threshold',
      { ...HIGHLY, publications: 100, irPublications: 100, abstracts: 100, irProjects: 50 },
      'Highly competitive',
    ],
  ];
  it.each(cases)('%s → %s', (_name, counts, level) => {
    expect(scorePortfolio(counts).level).toBe(level);
  });
});

describe('scorePortfolio: progress and gaps to the next level', () => {
  it('a beginner needs one piece of finished work', () => {
    const scoring = scorePortfolio(NOTHING);
    expect(scoring.nextLevel).toBe('Building momentum');
    expect(scoring.gaps.map(describeGap)).toEqual(['Publications, abstracts or IR projects: 0 of 1']);
  });

  it('names each missing baseline criterion with current and target', () => {
    const scoring = scorePortfolio({ ...NOTHING, publications: 1, abstracts: 1 });
    expect(scoring.level).toBe('Building momentum');
    expect(scoring.gaps.map(describeGap)).toEqual([
      'Peer-reviewed publications: 1 of 2',
      'IR- or radiology-related publications: 0 of 1',
      'Abstracts or posters accepted: 1 of 2',
      'Projects in progress: 0 of 1',
    ]);
    // IR publications and work in progress are both wholly missing; the first listed wins the tie.
    expect(scoring.biggestGap?.label).toBe('IR- or radiology-related publications');
  });

  it('at the baseline, the next level raises the publication bar and adds four criteria', () => {
    const scoring = scorePortfolio(BASELINE);
    expect(scoring.progress.map(describeGap)).toEqual([
      'Peer-reviewed publications: 2 of 4',
      'IR- or radiology-related publications: 1 of 1',
      'Abstracts or posters accepted: 2 of 2',
      'Projects in progress: 1 of 1',
      'First-author publications: 0 of 1',
      'Presentations at a national or international meeting: 0 of 1',
      'IR-specific projects: 0 of 2',
    ]);
    expect(scoring.gaps).toHaveLength(4);
    expect(scoring.biggestGap?.label).toBe('First-author publications');
  });

  it('at the top there is nothing left to close', () => {
    const scoring = scorePortfolio(HIGHLY);
    expect(scoring.nextLevel).toBeNull();
    expect(scoring.gaps).toEqual([]);
    expect(scoring.biggestGap).toBeNull();
    expect(scoring.progress.every((item) => item.met)).toBe(true);
  });
});

describe('consistency of the counts', () => {
  it.each([
    ['ir_publications', { ...NOTHING, publications: 1, irPublications: 2 }],
    ['first_author', { ...NOTHING, publications: 0, firstAuthor: 1 }],
    ['presentations', { ...NOTHING, abstracts: 2, presentations: 3 }],
  ])('%s larger than what it is part of is refused, naming both', (option, counts) => {
    const problems = findInconsistencies(counts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`\`${option}\``);
    expect(problems[0]).toContain(option === 'presentations' ? '`abstracts`' : '`publications`');
  });

  it('equal counts are consistent', () => {
    expect(findInconsistencies({ ...HIGHLY, irPublications: 4, firstAuthor: 4, presentations: 2 })).toEqual(
      [],
    );
  });

  it('lists every inconsistency at once', () => {
    expect(
      findInconsistencies({ ...NOTHING, irPublications: 1, firstAuthor: 1, presentations: 1 }),
    ).toHaveLength(3);
  });
});

describe('parseAssessOptions (server-side validation)', () => {
  const valid = {
    publications: 2,
    ir_publications: 1,
    first_author: 0,
    abstracts: 2,
    presentations: 0,
    ir_projects: 0,
    ongoing: 1,
    months_to_apply: 12,
  };

  it('accepts the edges of every range', () => {
    expect(parseAssessOptions({ ...valid, months_to_apply: 0 }).monthsToApply).toBe(0);
    const top = parseAssessOptions({
      publications: 100,
      ir_publications: 100,
      first_author: 100,
      abstracts: 100,
      presentations: 100,
      ir_projects: 50,
      ongoing: 50,
      months_to_apply: 60,
      share: true,
    });
    expect(top).toMatchObject({ monthsToApply: 60, share: true, counts: { irProjects: 50 } });
    expect(parseAssessOptions(valid).share).toBe(false);
  });

  it.each([
    ['publications', 101],
    ['publications', -1],
    ['ir_publications', 101],
    ['first_author', 101],
    ['abstracts', 101],
    ['presentations', 101],
    ['ir_projects', 51],
    ['ongoing', 51],
    ['months_to_apply', 61],
    ['months_to_apply', 2.5],
    ['ongoing', 'three'],
  ])('%s = %s is refused, naming the option', (option, value) => {
    expect(() => parseAssessOptions({ ...valid, [option]: value })).toThrowError(
      expect.objectContaining({ name: 'UserError', message: expect.stringContaining(`\`${option}\``) }),
    );
  });

  it('a missing option is refused', () => {
    const { ongoing: _ongoing, ...withoutOngoing } = valid;
    expect(() => parseAssessOptions(withoutOngoing)).toThrowError(/`ongoing`/);
  });

  it('inconsistent counts are refused as a UserError saying nothing was saved', () => {
    expect(() => parseAssessOptions({ ...valid, first_author: 3 })).toThrowError(UserError);
    expect(() => parseAssessOptions({ ...valid, first_author: 3 })).toThrowError(/nothing was saved/);
  });
});

describe('change since the previous check', () => {
  const checkedAt = new Date('2026-09-01T10:00:00Z');

  it('lists the counts that moved and the new level', () => {
    const change = changeSince(
      { counts: { ...NOTHING, publications: 1, abstracts: 1 }, level: 'Building momentum', checkedAt },
      BASELINE,
      'Competitive baseline',
    );
    expect(change.since).toEqual(checkedAt);
    expect(describeChange(change)).toEqual([
      'Level: Building momentum → **Competitive baseline**',
      'Publications: 1 → 2 (+1)',
      'IR/radiology publications: 0 → 1 (+1)',
      'Abstracts or posters: 1 → 2 (+1)',
      'Projects in progress: 0 → 1 (+1)',
    ]);
  });

  it('shows drops as negative and says when nothing changed', () => {
    const dropped = changeSince(
      { counts: BASELINE, level: 'Competitive baseline', checkedAt },
      { ...BASELINE, ongoing: 0 },
      'Building momentum',
    );
    expect(describeChange(dropped)).toEqual([
      'Level: Competitive baseline → **Building momentum**',
      'Projects in progress: 1 → 0 (-1)',
    ]);
    const same = changeSince(
      { counts: BASELINE, level: 'Competitive baseline', checkedAt },
      BASELINE,
      'Competitive baseline',
    );
    expect(describeChange(same)).toEqual(['No change in your counts or level.']);
  });
});

describe('which openings fit', () => {
  it.each([
    [0, 'entry'],
    [1, 'intermediate'],
    [3, 'intermediate'],
    [4, 'advanced'],
    [100, 'advanced'],
  ] as const)('%i publications → %s role', (publications, role) => {
    expect(roleFromExperience(publications)).toBe(role);
  });

  it('IR focus when there is no IR work at all', () => {
    const counts = { ...NOTHING, publications: 2, abstracts: 2 };
    expect(openingFitFor(counts, scorePortfolio(counts))).toEqual({ focus: 'ir', role: 'intermediate' });
  });

  it('IR focus when the biggest gap is IR projects', () => {
    const counts = { ...HIGHLY, irProjects: 0 };
    expect(openingFitFor(counts, scorePortfolio(counts))).toEqual({ focus: 'ir', role: 'advanced' });
  });

  it('any focus when the biggest gap is not about IR and IR work exists', () => {
    const counts = { ...BASELINE, abstracts: 0 };
    const scoring = scorePortfolio(counts);
    expect(scoring.biggestGap?.label).toBe('Abstracts or posters accepted');
    expect(openingFitFor(counts, scoring)).toEqual({ role: 'intermediate' });
  });
});

describe('context line and progress bars', () => {
  it('quotes the 2026 figures with their sample size below the baseline, the PD survey above', () => {
    expect(contextLineFor('Getting started')).toBe(CONTEXT_FACTS.matchedImgs2026);
    expect(CONTEXT_FACTS.matchedImgs2026).toMatch(/11 people.*NRMP Charting Outcomes 2026/);
    expect(contextLineFor('Competitive baseline')).toBe(CONTEXT_FACTS.programDirectors);
    expect(CONTEXT_FACTS.programDirectors).toMatch(/dedication to IR.*letters.*SIR 2023/);
  });

  it.each([
    [0, 1, '▱▱▱▱▱▱▱▱▱▱'],
    [1, 2, '▰▰▰▰▰▱▱▱▱▱'],
    [2, 2, '▰▰▰▰▰▰▰▰▰▰'],
    [9, 2, '▰▰▰▰▰▰▰▰▰▰'],
  ])('%i of %i → %s', (current, target, bar) => {
    expect(progressBar(current, target)).toBe(bar);
  });
});
