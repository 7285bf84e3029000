import { COUNT_LABELS, type PortfolioCounts } from './criteria.ts';

interface PreviousAssessment {
  counts: PortfolioCounts;
  level: string;
  assessedAt: Date;
}

export interface CountChange {
  label: string;
  from: number;
  to: number;
}

export interface ChangeSincePrevious {
  since: Date;
  /** Null when the level is the same as last time. */
  level: { from: string; to: string } | null;
  /** Only the counts that moved, in the order of COUNT_LABELS. */
  counts: CountChange[];
}

export function changeSince(
  previous: PreviousAssessment,
  counts: PortfolioCounts,
  level: string,
): ChangeSincePrevious {
  const moved: CountChange[] = [];
  for (const key of Object.keys(COUNT_LABELS) as Array<keyof PortfolioCounts>) {
    if (previous.counts[key] !== counts[key]) {
      moved.push({ label: COUNT_LABELS[key], from: previous.counts[key], to: counts[key] });
    }
  }
  return {
    since: previous.assessedAt,
    level: previous.level === level ? null : { from: previous.level, to: level },
    counts: moved,
  };
}

/** "Publications: 1 → 3 (+2)" lines, with the level first when it changed. */
export function describeChange(change: ChangeSincePrevious): string[] {
  const lines: string[] = [];
  if (change.level) lines.push(`Level: ${change.level.from} → **${change.level.to}**`);
  for (const item of change.counts) {
    const delta = item.to - item.from;
    lines.push(`${item.label}: ${item.from} → ${item.to} (${delta > 0 ? '+' : ''}${delta})`);
  }
  if (lines.length === 0) lines.push('No change in your counts or level.');
  return lines;
}
