import type { APIEmbed } from 'discord-api-types/v10';
import { NOT_STARTED_YET, type RoadmapPhase } from '../content/roadmap.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import type { PhaseReading } from './phase.ts';

export function checklistLines(phase: RoadmapPhase): string {
  return phase.checklist.map((item) => `☐ ${item}`).join('\n');
}

export function phaseHeading(reading: PhaseReading): string {
  return reading.notStartedYet ? NOT_STARTED_YET.title : `${reading.phase.months}: ${reading.phase.title}`;
}

function monthsPhrase(monthsToApply: number): string {
  if (monthsToApply === 0) return 'You apply this month.';
  return `You apply in ${monthsToApply} month${monthsToApply === 1 ? '' : 's'}.`;
}

/** The /roadmap reply: the member's phase and its checklist, and a look at the phase after it. */
export function renderRoadmapEmbed(monthsToApply: number, reading: PhaseReading): APIEmbed {
  const aim = reading.notStartedYet ? NOT_STARTED_YET.aim : reading.phase.aim;
  const fields = [
    {
      name: reading.notStartedYet ? `Checklist for ${reading.phase.months}` : 'Checklist',
      value: checklistLines(reading.phase),
    },
    reading.next
      ? {
          name: `Next: ${reading.next.months}, ${reading.next.title}`,
          value: `${reading.next.aim}\n${reading.next.checklist.map((item) => `• ${item}`).join('\n')}`,
        }
      : {
          name: 'Next: your application',
          value:
            'This is the last phase of the roadmap. Use `/assess` to see how your portfolio reads against the guide.',
        },
  ];
  return {
    title: phaseHeading(reading),
    color: BRAND_COLOR,
    description: `${monthsPhrase(monthsToApply)} ${aim}`,
    fields,
    footer: { text: 'Based on the 12–24 month roadmap in the IR research profile guide for IMGs.' },
  };
}
