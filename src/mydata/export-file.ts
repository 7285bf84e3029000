import { countMemberData, type MemberData, memberDataParts } from './member-data.ts';
import { SHOWN_PER_LIST } from './summary-lines.ts';

/**
 * The /mydata export file: the one place where a member gets everything stored about them. Its
 * keys are those of the parts in src/mydata/member-data.ts, after when, where and who.
 */
export const EXPORT_FILE_NAME = 'my-data.json';

/**
 * Whether the summary leaves something out, so the member also gets everything as a JSON file:
 * more items than it lists, or openings and portfolio items (it shows their titles, not the rest of
 * what the member wrote).
 */
export function exportNeedsFile(data: MemberData): boolean {
  const counts = countMemberData(data);
  return (
    data.openings.length > 0 ||
    counts.portfolioItems > 0 ||
    Object.values(counts).some((count) => count > SHOWN_PER_LIST)
  );
}

/** Everything stored about the member in this guild, as the JSON file of /mydata export. */
export function exportJson(data: MemberData, now: Date): string {
  const file: Record<string, unknown> = { exportedAt: now, guildId: data.guildId, userId: data.userId };
  for (const [kind, definition] of memberDataParts) {
    if (definition.exportKey) file[definition.exportKey] = definition.exportValue(data[kind]);
  }
  return JSON.stringify(file, null, 2);
}
