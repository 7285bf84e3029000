import type { LevelName } from '../assess/criteria.ts';
import { isBelowLevel } from '../assess/score.ts';
import { ROADMAP_PHASES, type RoadmapPhase, type RoadmapPhaseId } from '../content/roadmap.ts';

export interface PhaseReading {
  phase: RoadmapPhase;
  /** More than 24 months to go: the member starts the first phase now, ahead of schedule. */
  notStartedYet: boolean;
  /** The phase after this one; null in the application year. */
  next: RoadmapPhase | null;
}

function phaseAt(index: number): RoadmapPhase {
  const phase = ROADMAP_PHASES[index];
  if (!phase) throw new Error(`roadmap phase ${index} is missing from the content`);
  return phase;
}

function indexOf(id: RoadmapPhaseId): number {
  return ROADMAP_PHASES.findIndex((phase) => phase.id === id);
}

/** Which phase of the 12–24 month roadmap a member is in by time, from the months left until they apply. */
export function phaseFor(monthsToApply: number): PhaseReading {
  const id: RoadmapPhaseId =
    monthsToApply >= 22
      ? 'months-1-3'
      : monthsToApply >= 16
        ? 'months-4-9'
        : monthsToApply >= 7
          ? 'months-10-18'
          : 'months-19-24';
  const index = indexOf(id);
  return {
    phase: phaseAt(index),
    notStartedYet: monthsToApply > 24,
    next: ROADMAP_PHASES[index + 1] ?? null,
  };
}

/**
 * The first phase whose steps a member at this level may still have ahead of them. With nothing on
 * the record the groundwork of months 1–3 is still to do; work on the record or under way means
 * the member is on projects (months 4–9); the baseline's papers and abstracts are what months 10–18
 * aim for, so from there only the application year is left.
 */
const PHASE_REACHED_BY_LEVEL: Readonly<Record<LevelName, RoadmapPhaseId>> = {
  'Getting started': 'months-1-3',
  'Building momentum': 'months-4-9',
  'Competitive baseline': 'months-19-24',
  'Highly competitive': 'months-19-24',
};

/** The guide's late-start advice applies a year or less out, below the competitive baseline. */
export function needsLateStartAdvice(monthsToApply: number, belowCompetitiveBaseline: boolean): boolean {
  return monthsToApply <= 12 && belowCompetitiveBaseline;
}

export interface RoadmapPlan extends PhaseReading {
  /** The member's level, when known: it decides what there is to catch up on. */
  level: LevelName | null;
  /** Earlier phases, by time, whose steps the member's level says are still ahead: do these first. */
  catchUp: RoadmapPhase[];
  /** Whether to show the guide's advice for a late start. */
  lateStart: boolean;
}

/**
 * The roadmap by progress as well as by time. Pure. Without a level only the time counts: nobody is
 * told to catch up, or to start late, on a guess.
 */
export function roadmapPlan(monthsToApply: number, level: LevelName | null): RoadmapPlan {
  const reading = phaseFor(monthsToApply);
  if (level === null) return { ...reading, level, catchUp: [], lateStart: false };
  const reached = indexOf(PHASE_REACHED_BY_LEVEL[level]);
  const byTime = indexOf(reading.phase.id);
  return {
    ...reading,
    level,
    catchUp: ROADMAP_PHASES.slice(reached, byTime),
    lateStart: needsLateStartAdvice(monthsToApply, isBelowLevel(level, 'Competitive baseline')),
  };
}
