import { ROADMAP_PHASES, type RoadmapPhase, type RoadmapPhaseId } from '../content/roadmap.ts';

export interface PhaseReading {
  phase: RoadmapPhase;
  /** More than 24 months to go: the member starts the first phase now, ahead of schedule. */
  notStartedYet: boolean;
  /** The phase after this one; null in the application year. */
  next: RoadmapPhase | null;
}

/** Which phase of the 24-month roadmap a member is in, from how many months remain until they apply. */
export function phaseFor(monthsToApply: number): PhaseReading {
  const id: RoadmapPhaseId =
    monthsToApply >= 22
      ? 'months-1-3'
      : monthsToApply >= 16
        ? 'months-4-9'
        : monthsToApply >= 7
          ? 'months-10-18'
          : 'months-19-24';
  const index = ROADMAP_PHASES.findIndex((phase) => phase.id === id);
  const phase = ROADMAP_PHASES[index];
  if (!phase) throw new Error(`roadmap phase ${id} is missing from the content`);
  return { phase, notStartedYet: monthsToApply > 24, next: ROADMAP_PHASES[index + 1] ?? null };
}

/** The guide's late-start advice applies a year or less out, below the competitive baseline. */
export function needsLateStartAdvice(monthsToApply: number, belowCompetitiveBaseline: boolean): boolean {
  return monthsToApply <= 12 && belowCompetitiveBaseline;
}
