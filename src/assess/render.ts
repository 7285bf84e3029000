import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import type { RoadmapPlan } from '../roadmap/phase.ts';
import { catchUpHeading, checklistLines, lateStartField, phaseHeading } from '../roadmap/render.ts';
import { type ChangeSincePrevious, describeChange } from './change.ts';
import { contextLineFor, LEVEL_SUMMARIES, NOT_A_PREDICTION } from './content.ts';
import { COUNT_LABELS, type PortfolioCounts } from './criteria.ts';
import { type CriterionProgress, describeGap, explainGap, type Scoring } from './score.ts';
import type { OpeningFit } from './suggest.ts';

const BAR_WIDTH = 10;

/** `▰▰▰▰▰▱▱▱▱▱` filled in proportion to current of target, full once the target is met. */
export function progressBar(current: number, target: number): string {
  const filled = Math.min(BAR_WIDTH, Math.floor((Math.min(current, target) / target) * BAR_WIDTH));
  return '▰'.repeat(filled) + '▱'.repeat(BAR_WIDTH - filled);
}

function progressLine(item: CriterionProgress): string {
  const mark = item.met ? ' ✓' : '';
  const preference = item.preferred ? ' (preferred, not required)' : '';
  return `\`${progressBar(item.current, item.target)}\` ${describeGap(item)}${mark}${preference}`;
}

interface SuggestedOpening {
  id: number;
  title: string;
  institution: string;
  kind: string;
  remote: boolean;
}

interface AssessmentView {
  scoring: Scoring;
  /** The roadmap read for the member's months and level: what to catch up on, late-start advice. */
  plan: RoadmapPlan;
  change: ChangeSincePrevious | null;
  fit: OpeningFit;
  openings: readonly SuggestedOpening[];
  /** When the counts come from the member's portfolio: the items behind them, shown under the progress. */
  countedItems?: APIEmbedField;
}

function field(name: string, lines: readonly string[]): APIEmbedField {
  return {
    name: truncate(name, EMBED_LIMITS.fieldName),
    value: truncate(lines.join('\n'), EMBED_LIMITS.fieldValue),
  };
}

function describeFit(fit: OpeningFit): string {
  return `${fit.focus === 'ir' ? 'IR, ' : ''}${fit.role} level`;
}

function openingLine(opening: SuggestedOpening): string {
  const title = truncate(opening.title.replace(/\s+/g, ' '), 80);
  const institution = truncate(opening.institution.replace(/\s+/g, ' '), 60);
  const where = opening.remote ? 'remote' : 'on site';
  return `• **${title}**, ${institution} (${opening.kind.replaceAll('_', ' ')}, ${where})`;
}

/** The member's own /assess reply: everything about where they stand and what to do next. */
export function renderAssessmentEmbed(view: AssessmentView): APIEmbed {
  const { scoring, plan } = view;
  const fields: APIEmbedField[] = [];
  if (scoring.strengthen.length > 0) {
    fields.push(
      field(
        `What would strengthen your ${scoring.level.toLowerCase()} profile`,
        scoring.strengthen.map((item) => `• ${explainGap(item)}`),
      ),
    );
  }
  fields.push(
    field(
      scoring.nextLevel
        ? `Progress toward ${scoring.nextLevel}`
        : 'Every benchmark of the highest level is met',
      scoring.progress.map(progressLine),
    ),
  );
  if (view.countedItems) fields.push(view.countedItems);
  if (scoring.nextLevel) {
    fields.push(
      field(
        `Gaps to ${scoring.nextLevel}`,
        scoring.gaps.map((gap) => `• ${explainGap(gap)}`),
      ),
    );
  }
  const [firstCatchUp] = plan.catchUp;
  fields.push(
    firstCatchUp
      ? field(`Next steps (${catchUpHeading(firstCatchUp)})`, [
          checklistLines(firstCatchUp),
          '`/roadmap` lists every step to catch up on, then those of your phase.',
        ])
      : field(`Next steps (${phaseHeading(plan)})`, [checklistLines(plan.phase)]),
  );
  if (plan.lateStart) fields.push(lateStartField());
  if (view.change) {
    // Timestamps only render in values, not in field names.
    fields.push(
      field('Since your last check', [
        `Checked ${discordTimestamp(view.change.since)} (${discordTimestamp(view.change.since, 'R')})`,
        ...describeChange(view.change),
      ]),
    );
  }
  fields.push(
    field(
      `Openings that fit (${describeFit(view.fit)})`,
      view.openings.length > 0
        ? [...view.openings.map(openingLine), 'Details and contacts: `/opening list`']
        : ['None open in this server right now. `/opening list` shows every open one.'],
    ),
  );
  fields.push(field('For context', [contextLineFor(scoring.level)]));
  return {
    title: `Your portfolio: ${scoring.level}`,
    color: BRAND_COLOR,
    description: `${LEVEL_SUMMARIES[scoring.level]}\n_${NOT_A_PREDICTION}_`,
    fields,
  };
}

/** The short public summary for the assessments channel: level and counts, never the gaps. */
export function renderSharedSummary(userId: string, level: string, counts: PortfolioCounts): APIEmbed {
  const keys = Object.keys(COUNT_LABELS) as Array<keyof PortfolioCounts>;
  return {
    title: `Portfolio check: ${level}`,
    color: BRAND_COLOR,
    description: `<@${userId}> checked their research portfolio against the guide's benchmarks.`,
    fields: [{ name: 'Counts', value: keys.map((key) => `${COUNT_LABELS[key]}: ${counts[key]}`).join('\n') }],
  };
}
