import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { LATE_START_ADVICE, NOT_STARTED_YET, type RoadmapPhase } from '../content/roadmap.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import type { PhaseReading, RoadmapPlan } from './phase.ts';

export function checklistLines(phase: RoadmapPhase): string {
  return phase.checklist.map((item) => `☐ ${item}`).join('\n');
}

export function phaseHeading(reading: PhaseReading): string {
  return reading.notStartedYet ? NOT_STARTED_YET.title : `${reading.phase.months}: ${reading.phase.title}`;
}

export function catchUpHeading(phase: RoadmapPhase): string {
  return `Catch up: ${phase.months}, ${phase.title}`;
}

export function lateStartField(): APIEmbedField {
  return {
    name: LATE_START_ADVICE.title,
    value: LATE_START_ADVICE.lines.map((line) => `• ${line}`).join('\n'),
  };
}

function monthsPhrase(monthsToApply: number): string {
  if (monthsToApply === 0) return 'You apply this month.';
  return `You apply in ${monthsToApply} month${monthsToApply === 1 ? '' : 's'}.`;
}

/** Where the level came from, so the member knows why they are (or are not) told to catch up. */
export type LevelSource = 'option' | 'assessment' | null;

function levelPhrase(plan: RoadmapPlan, source: LevelSource): string {
  if (plan.level === null) {
    return 'Give your `level`, or run `/assess` in a server, to also see the steps you still have to catch up on.';
  }
  const from = source === 'assessment' ? ' (from your latest `/assess` in this server)' : '';
  const behind = plan.catchUp.length > 0 ? ' Catch up on the earlier steps first, then this phase.' : '';
  return `Read for your level, ${plan.level}${from}.${behind}`;
}

/**
 * The /roadmap reply: steps to catch up on first (when the member's level says they are behind),
 * then the phase they are in by time with its checklist, the late-start advice, and the next phase.
 */
export function renderRoadmapEmbed(
  monthsToApply: number,
  plan: RoadmapPlan,
  source: LevelSource = null,
): APIEmbed {
  const aim = plan.notStartedYet ? NOT_STARTED_YET.aim : plan.phase.aim;
  const fields: APIEmbedField[] = plan.catchUp.map((phase) => ({
    name: catchUpHeading(phase),
    value: checklistLines(phase),
  }));
  fields.push({
    name: plan.notStartedYet ? `Checklist for ${plan.phase.months}` : 'Checklist',
    value: checklistLines(plan.phase),
  });
  if (plan.lateStart) fields.push(lateStartField());
  fields.push(
    plan.next
      ? {
          name: `Next: ${plan.next.months}, ${plan.next.title}`,
          value: `${plan.next.aim}\n${plan.next.checklist.map((item) => `• ${item}`).join('\n')}`,
        }
      : {
          name: 'Next: your application',
          value:
            'This is the last phase of the roadmap. Use `/assess` to see how your portfolio reads against the guide.',
        },
  );
  return {
    title: phaseHeading(plan),
    color: BRAND_COLOR,
    description: `${monthsPhrase(monthsToApply)} ${aim}\n${levelPhrase(plan, source)}`,
    fields,
    footer: { text: 'Based on the 12–24 month roadmap in the IR research profile guide for IMGs.' },
  };
}
