import { readFileSync } from 'node:fs';
import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import {
  CONTEXT_FACTS,
  LEVEL_SUMMARIES,
  NOT_A_PREDICTION,
  OPTION_DESCRIPTIONS,
} from '../src/assess/content.ts';
import { LEVEL_RULES, LEVELS, type PortfolioCounts } from '../src/assess/criteria.ts';
import { renderAssessmentEmbed } from '../src/assess/render.ts';
import { scorePortfolio } from '../src/assess/score.ts';
import { openingFitFor } from '../src/assess/suggest.ts';
import { PITFALLS } from '../src/content/pitfalls/pitfalls.ts';
import { LATE_START_ADVICE, NOT_STARTED_YET, ROADMAP_PHASES } from '../src/content/roadmap.ts';
import { loadBuiltInFaqs } from '../src/faq/content.ts';
import { roadmapPlan } from '../src/roadmap/phase.ts';
import { renderRoadmapEmbed } from '../src/roadmap/render.ts';
import { NO_COUNTS as NONE } from './helpers/assess-options.ts';
import { sharedRunFinder } from './helpers/shared-runs.ts';

const guide = readFileSync(
  new URL('../../shared/seed/ir-research-profile-guide.txt', import.meta.url),
  'utf8',
);
const MIN_COPIED_WORDS = 8;

/**
 * Runs that may be shared with the guide: lists of proper nouns or method names only, which are
 * facts rather than sentences. Each entry says why it is allowed.
 */
const ALLOWED_RUNS: ReadonlyArray<{ run: string; reason: string }> = [];

interface MemberText {
  where: string;
  text: string;
}

function embedTexts(where: string, embed: APIEmbed): MemberText[] {
  return [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    embed.footer?.text,
  ]
    .filter((text): text is string => Boolean(text))
    .map((text) => ({ where, text }));
}

interface OptionLike {
  name: string;
  description?: string;
  options?: readonly OptionLike[];
  choices?: ReadonlyArray<{ name: string }>;
}

function optionTexts(where: string, option: OptionLike): MemberText[] {
  return [
    ...(option.description ? [{ where, text: option.description }] : []),
    ...(option.choices ?? []).map((choice) => ({ where: `${where} choice`, text: choice.name })),
    ...(option.options ?? []).flatMap((child) => optionTexts(`${where} ${child.name}`, child)),
  ];
}

const SAMPLE_PORTFOLIOS: PortfolioCounts[] = [
  NONE,
  { ...NONE, ongoing: 1 },
  { ...NONE, publications: 2, abstracts: 3, ongoing: 1 },
  { ...NONE, publications: 4, firstAuthor: 4, abstracts: 3, presentations: 2, irProjects: 2 },
  {
    publications: 5,
    irPublications: 2,
    firstAuthor: 1,
    abstracts: 4,
    presentations: 2,
    irProjects: 2,
    ongoing: 0,
  },
];

function assessTexts(): MemberText[] {
  const texts: MemberText[] = [
    ...Object.values(LEVEL_SUMMARIES).map((text) => ({ where: 'assess summary', text })),
    ...Object.values(CONTEXT_FACTS).map((text) => ({ where: 'assess context', text })),
    { where: 'assess disclaimer', text: NOT_A_PREDICTION },
    ...Object.values(OPTION_DESCRIPTIONS).map((text) => ({ where: 'assess option', text })),
    ...Object.values(LEVEL_RULES)
      .flatMap((rules) => [...rules.required, ...rules.preferred])
      .flatMap((criterion) => [criterion.label, criterion.why])
      .map((text) => ({ where: 'assess criterion', text })),
  ];
  for (const counts of SAMPLE_PORTFOLIOS) {
    for (const months of [6, 12, 30]) {
      const scoring = scorePortfolio(counts);
      const embed = renderAssessmentEmbed({
        scoring,
        plan: roadmapPlan(months, scoring.level),
        change: null,
        fit: openingFitFor(counts, scoring),
        openings: [],
      });
      texts.push(...embedTexts(`/assess reply (${scoring.level}, ${months} months)`, embed));
    }
  }
  return texts;
}

/** Every text a member can read that the project wrote, with where it comes from. */
function memberTexts(): MemberText[] {
  const faq = loadBuiltInFaqs().flatMap((entry) => [
    { where: `faq ${entry.slug} question`, text: entry.question },
    { where: `faq ${entry.slug} answer`, text: entry.answer },
    { where: `faq ${entry.slug} source`, text: entry.source },
    ...entry.aliases.map((alias) => ({ where: `faq ${entry.slug} alias`, text: alias })),
  ]);
  const pitfalls = PITFALLS.flatMap((pitfall) =>
    [pitfall.title, pitfall.pitfall, pitfall.instead].map((text) => ({
      where: `pitfall ${pitfall.slug}`,
      text,
    })),
  );
  const roadmap = [
    ...ROADMAP_PHASES.flatMap((phase) =>
      [phase.title, phase.aim, ...phase.checklist].map((text) => ({ where: `roadmap ${phase.id}`, text })),
    ),
    ...[NOT_STARTED_YET.title, NOT_STARTED_YET.aim, LATE_START_ADVICE.title, ...LATE_START_ADVICE.lines].map(
      (text) => ({ where: 'roadmap advice', text }),
    ),
    ...[0, 6, 12, 18, 24, 30].flatMap((months) =>
      [null, ...LEVELS].flatMap((level) =>
        embedTexts(
          `/roadmap reply (${months} months, ${level})`,
          renderRoadmapEmbed(months, roadmapPlan(months, level), level ? 'assessment' : null),
        ),
      ),
    ),
  ];
  const commandTexts = commands.flatMap((command) => optionTexts(`/${command.data.name}`, command.data));
  return [...faq, ...pitfalls, ...roadmap, ...assessTexts(), ...commandTexts];
}

describe('content in the project’s own words', () => {
  const finder = sharedRunFinder(guide, MIN_COPIED_WORDS);

  it('finds a copied run whatever its case and punctuation, and lets a shorter one pass', () => {
    expect(finder.runsIn('Note: "Consistency is one of the BIGGEST predictors of whether"!')).toEqual([
      'consistency is one of the biggest predictors of whether',
    ]);
    expect(finder.runsIn('Consistency is one of the biggest predictors, we think.')).toEqual([]);
    // "1–3" splits into two words in one tokenisation and stays one ("13") in the other.
    expect(finder.runsIn('Join 1–3 projects (any specialty if IR is not ready)')).toContain(
      'join 1 3 projects any specialty if ir is not',
    );
  });

  it('shares no run of 8 or more words with the guide in anything a member reads', () => {
    const allowed = new Set(ALLOWED_RUNS.map((entry) => entry.run));
    const texts = memberTexts();
    expect(texts.length).toBeGreaterThan(500);
    const copied = texts.flatMap(({ where, text }) =>
      finder
        .runsIn(text)
        .filter((run) => !allowed.has(run))
        .map((run) => `${where}: "${run}"`),
    );
    expect(copied).toEqual([]);
  });

  it('allows only runs that still occur, each with its reason', () => {
    const runs = new Set(memberTexts().flatMap(({ text }) => finder.runsIn(text)));
    for (const entry of ALLOWED_RUNS) {
      expect(entry.reason.trim().length, entry.run).toBeGreaterThan(20);
      expect(runs.has(entry.run), `allow-list entry no longer needed: ${entry.run}`).toBe(true);
    }
  });
});
