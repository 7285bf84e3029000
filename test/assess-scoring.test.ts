import { describe, expect, it } from 'vitest';
import { changeSince, describeChange } from '../src/assess/change.ts';
import { CONTEXT_FACTS, contextLineFor } from '../src/assess/content.ts';
import {
  criteriaReading,
  LEVEL_RULES,
  type LevelName,
  levelFor,
  meetsLevel,
  type PortfolioCounts,
} from '../src/assess/criteria.ts';
import { parseAssessOptions } from '../src/assess/input.ts';
import { progressBar } from '../src/assess/render.ts';
import { describeGap, explainGap, findInconsistencies, scorePortfolio } from '../src/assess/score.ts';
import { openingFitFor, roleFromLadder } from '../src/assess/suggest.ts';
import { UserError } from '../src/errors.ts';
import { NO_COUNTS as NOTHING } from './helpers/assess-options.ts';

/** Exactly at the competitive baseline: one less of anything it requires drops a level. */
const BASELINE: PortfolioCounts = { ...NOTHING, publications: 2, abstracts: 3, ongoing: 1 };
/** Exactly highly competitive, all of it finished: nothing in progress, no IR publication. */
const HIGHLY: PortfolioCounts = {
  publications: 4,
  irPublications: 0,
  firstAuthor: 1,
  abstracts: 3,
  presentations: 2,
  irProjects: 2,
  ongoing: 0,
};

describe('levelFor and scorePortfolio: every boundary of every rule', () => {
  const cases: Array<[string, PortfolioCounts, LevelName]> = [
    ['nothing yet', NOTHING, 'Getting started'],
    ['IR projects alone are not on the momentum list', { ...NOTHING, irProjects: 1 }, 'Getting started'],
    ['one publication', { ...NOTHING, publications: 1 }, 'Building momentum'],
    ['one accepted abstract', { ...NOTHING, abstracts: 1 }, 'Building momentum'],
    ['one project in progress (activity, not "nothing")', { ...NOTHING, ongoing: 1 }, 'Building momentum'],
    ['baseline exactly', BASELINE, 'Competitive baseline'],
    ['baseline with 1 publication', { ...BASELINE, publications: 1 }, 'Building momentum'],
    ['baseline with 2 abstracts (not yet "several")', { ...BASELINE, abstracts: 2 }, 'Building momentum'],
    ['baseline with nothing in progress', { ...BASELINE, ongoing: 0 }, 'Building momentum'],
    [
      'baseline without an IR publication is still the baseline',
      { ...BASELINE, irPublications: 0 },
      'Competitive baseline',
    ],
    [
      'non-IR papers only, as in the audit',
      { ...NOTHING, publications: 3, abstracts: 5, presentations: 2, ongoing: 2 },
      'Competitive baseline',
    ],
    ['highly competitive exactly, nothing in progress', HIGHLY, 'Highly competitive'],
    ['highly competitive with work in progress too', { ...HIGHLY, ongoing: 3 }, 'Highly competitive'],
    [
      'highly with 3 publications (baseline met)',
      { ...HIGHLY, publications: 3, ongoing: 1 },
      'Competitive baseline',
    ],
    ['highly with 3 publications, nothing in progress', { ...HIGHLY, publications: 3 }, 'Building momentum'],
    ['highly with no first-author paper', { ...HIGHLY, firstAuthor: 0, ongoing: 1 }, 'Competitive baseline'],
    [
      'highly with every paper first-author (no co-author paper)',
      { ...HIGHLY, firstAuthor: 4, ongoing: 1 },
      'Competitive baseline',
    ],
    ['highly with 3 of 4 papers first-author', { ...HIGHLY, firstAuthor: 3 }, 'Highly competitive'],
    ['highly with 1 IR project', { ...HIGHLY, irProjects: 1, ongoing: 1 }, 'Competitive baseline'],
    ['highly with 1 presentation', { ...HIGHLY, presentations: 1, ongoing: 1 }, 'Competitive baseline'],
    [
      'highly with 2 abstracts',
      { ...HIGHLY, abstracts: 2, presentations: 2, ongoing: 1 },
      'Building momentum',
    ],
    [
      'the audit’s finished portfolio is highly competitive',
      {
        publications: 8,
        irPublications: 3,
        firstAuthor: 3,
        abstracts: 10,
        presentations: 3,
        irProjects: 4,
        ongoing: 0,
      },
      'Highly competitive',
    ],
    [
      'far above every threshold',
      {
        publications: 100,
        irPublications: 100,
        firstAuthor: 99,
        abstracts: 100,
        presentations: 100,
        irProjects: 50,
        ongoing: 50,
      },
      'Highly competitive',
    ],
  ];
  it.each(cases)('%s → %s', (_name, counts, level) => {
    expect(levelFor(counts)).toBe(level);
    expect(scorePortfolio(counts).level).toBe(level);
  });

  it('says which counts each rule reads', () => {
    const ids = (level: LevelName) => LEVEL_RULES[level].required.map((criterion) => criterion.id);
    expect(ids('Getting started')).toEqual([]);
    expect(ids('Building momentum')).toEqual(['publications+abstracts+ongoing>=1']);
    expect(ids('Competitive baseline')).toEqual(['publications>=2', 'abstracts>=3', 'ongoing>=1']);
    expect(ids('Highly competitive')).toEqual([
      'publications>=4',
      'firstAuthor>=1',
      'publications-firstAuthor>=1',
      'irProjects>=2',
      'presentations>=2',
      'abstracts>=3',
    ]);
    const coAuthor = LEVEL_RULES['Highly competitive'].required[2];
    expect(coAuthor?.reads).toEqual(['publications', 'firstAuthor']);
    expect(LEVEL_RULES['Competitive baseline'].preferred.map((criterion) => criterion.reads)).toEqual([
      ['irPublications'],
    ]);
    const uses = (key: keyof PortfolioCounts) =>
      criteriaReading(key).map(
        ({ level, criterion, preferred }) => `${level}: ${criterion.id}${preferred ? ' (preferred)' : ''}`,
      );
    expect(uses('ongoing')).toEqual([
      'Building momentum: publications+abstracts+ongoing>=1',
      'Competitive baseline: ongoing>=1',
    ]);
    expect(uses('irPublications')).toEqual([
      'Competitive baseline: irPublications>=1 (preferred)',
      'Highly competitive: irPublications>=1 (preferred)',
    ]);
    expect(uses('firstAuthor')).toEqual([
      'Highly competitive: firstAuthor>=1',
      'Highly competitive: publications-firstAuthor>=1',
    ]);
    expect(uses('presentations')).toEqual(['Highly competitive: presentations>=2']);
    expect(meetsLevel('Highly competitive', HIGHLY)).toBe(true);
    expect(meetsLevel('Competitive baseline', HIGHLY)).toBe(false);
  });
});

describe('scorePortfolio: progress and gaps to the next level', () => {
  it('a beginner needs one publication, accepted abstract or project under way', () => {
    const scoring = scorePortfolio(NOTHING);
    expect(scoring.nextLevel).toBe('Building momentum');
    expect(scoring.gaps.map(describeGap)).toEqual([
      'Publications, accepted abstracts or projects in progress: 0 of 1',
    ]);
  });

  it('names each missing baseline requirement with current, target and why; the IR paper only as a preference', () => {
    const scoring = scorePortfolio({ ...NOTHING, publications: 1, abstracts: 1 });
    expect(scoring.level).toBe('Building momentum');
    expect(scoring.gaps.map(explainGap)).toEqual([
      'Peer-reviewed publications: 1 of 2 — the guide’s baseline is 2–3',
      'Abstracts or posters accepted: 1 of 3 — the guide asks for "several" at reputable meetings',
      'Projects in progress: 0 of 1 — the baseline includes a record of ongoing work',
    ]);
    const preference = scoring.progress.find((item) => item.preferred);
    expect(preference).toMatchObject({ label: 'IR- or radiology-related publications', met: false });
    expect(scoring.biggestGap?.label).toBe('Projects in progress');
  });

  it('at a baseline without an IR or radiology paper, that paper is the first thing to strengthen it', () => {
    const scoring = scorePortfolio(BASELINE);
    expect(scoring.level).toBe('Competitive baseline');
    expect(scoring.strengthen.map(explainGap)).toEqual([
      'IR- or radiology-related publications: 0 of 1 — the guide prefers at least one, but does not require it',
    ]);
    expect(scoring.gaps.some((gap) => gap.preferred)).toBe(false);
    expect(scorePortfolio({ ...BASELINE, publications: 2, irPublications: 1 }).strengthen).toEqual([]);
  });

  it('at the baseline, the next level lists its own requirements, with no work in progress among them', () => {
    const scoring = scorePortfolio(BASELINE);
    expect(scoring.progress.map(describeGap)).toEqual([
      'Peer-reviewed publications: 2 of 4',
      'First-author publications: 0 of 1',
      'Co-author publications (not first author): 2 of 1',
      'IR-specific projects: 0 of 2',
      'Presentations at national, international or regional IR meetings: 0 of 2',
      'Abstracts or posters accepted: 3 of 3',
      'IR- or radiology-related publications: 0 of 1',
    ]);
    expect(scoring.gaps.map((gap) => gap.label)).toEqual([
      'Peer-reviewed publications',
      'First-author publications',
      'IR-specific projects',
      'Presentations at national, international or regional IR meetings',
    ]);
    expect(scoring.biggestGap?.label).toBe('First-author publications');
  });

  it('every paper first-author: the missing co-author paper is the gap, with the guide’s reason', () => {
    const scoring = scorePortfolio({ ...HIGHLY, firstAuthor: 4, ongoing: 1 });
    expect(scoring.level).toBe('Competitive baseline');
    expect(scoring.gaps.map(explainGap)).toEqual([
      'Co-author publications (not first author): 0 of 1 — the guide describes a mix of first-author and co-author papers',
    ]);
  });

  it('at the top there is nothing left to close', () => {
    const scoring = scorePortfolio({ ...HIGHLY, irPublications: 1 });
    expect(scoring.nextLevel).toBeNull();
    expect(scoring.gaps).toEqual([]);
    expect(scoring.strengthen).toEqual([]);
    expect(scoring.biggestGap).toBeNull();
    expect(scoring.progress.every((item) => item.met)).toBe(true);
  });
});

describe('consistency of the counts', () => {
  it.each([
    ['ir_publications', { ...NOTHING, publications: 1, irPublications: 2 }],
    ['first_author', { ...NOTHING, publications: 0, firstAuthor: 1 }],
  ])('%s larger than what it is part of is refused, naming both', (option, counts) => {
    const problems = findInconsistencies(counts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`\`${option}\``);
    expect(problems[0]).toContain('`publications`');
  });

  it('equal counts are consistent', () => {
    expect(findInconsistencies({ ...HIGHLY, irPublications: 4, firstAuthor: 4, presentations: 2 })).toEqual(
      [],
    );
  });

  it('lists every inconsistency at once', () => {
    expect(findInconsistencies({ ...NOTHING, irPublications: 1, firstAuthor: 1 })).toHaveLength(2);
  });

  it('more presentations than abstracts is consistent: an invited talk needs no abstract', () => {
    expect(findInconsistencies({ ...NOTHING, abstracts: 1, presentations: 3 })).toEqual([]);
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
  const assessedAt = new Date('2026-09-01T10:00:00Z');

  it('lists the counts that moved and the new level', () => {
    const change = changeSince(
      { counts: { ...NOTHING, publications: 1, abstracts: 1 }, level: 'Building momentum', assessedAt },
      { ...BASELINE, irPublications: 1 },
      'Competitive baseline',
    );
    expect(change.since).toEqual(assessedAt);
    expect(describeChange(change)).toEqual([
      'Level: Building momentum → **Competitive baseline**',
      'Publications: 1 → 2 (+1)',
      'IR/radiology publications: 0 → 1 (+1)',
      'Abstracts or posters: 1 → 3 (+2)',
      'Projects in progress: 0 → 1 (+1)',
    ]);
  });

  it('shows drops as negative and says when nothing changed', () => {
    const dropped = changeSince(
      { counts: BASELINE, level: 'Competitive baseline', assessedAt },
      { ...BASELINE, ongoing: 0 },
      'Building momentum',
    );
    expect(describeChange(dropped)).toEqual([
      'Level: Competitive baseline → **Building momentum**',
      'Projects in progress: 1 → 0 (-1)',
    ]);
    const same = changeSince(
      { counts: BASELINE, level: 'Competitive baseline', assessedAt },
      BASELINE,
      'Competitive baseline',
    );
    expect(describeChange(same)).toEqual(['No change in your counts or level.']);
  });
});

describe('which openings fit', () => {
  it.each([
    ['nothing yet', NOTHING, 'entry'],
    ['only projects in progress', { ...NOTHING, ongoing: 4, irProjects: 2 }, 'entry'],
    ['one accepted abstract', { ...NOTHING, abstracts: 1 }, 'intermediate'],
    ['one co-authored publication', { ...NOTHING, publications: 1 }, 'intermediate'],
    [
      'many co-authored publications, none first-author',
      { ...NOTHING, publications: 12, abstracts: 6 },
      'intermediate',
    ],
    ['one first-author publication', { ...NOTHING, publications: 1, firstAuthor: 1 }, 'advanced'],
  ] as const)('%s → %s role (the ladder of involvement)', (_name, counts, role) => {
    expect(roleFromLadder(counts)).toBe(role);
  });

  it('IR focus when there is no IR work at all', () => {
    const counts = { ...NOTHING, publications: 2, abstracts: 2 };
    expect(openingFitFor(counts, scorePortfolio(counts))).toEqual({ focus: 'ir', role: 'intermediate' });
  });

  it('IR focus when the biggest gap is IR projects', () => {
    const counts = { ...HIGHLY, irPublications: 1, irProjects: 0, ongoing: 1 };
    const scoring = scorePortfolio(counts);
    expect(scoring.biggestGap?.label).toBe('IR-specific projects');
    expect(openingFitFor(counts, scoring)).toEqual({ focus: 'ir', role: 'advanced' });
  });

  it('any focus when the biggest gap is not about IR and IR work exists', () => {
    const counts = { ...BASELINE, irPublications: 1, abstracts: 0 };
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
