import { PITFALLS } from '../content/pitfalls/pitfalls.ts';
import type { Pitfall } from './pitfall.ts';

export interface RotationEntry {
  pitfall: Pitfall;
  /** 0-based place in the rotation. */
  index: number;
  total: number;
}

/**
 * Index in a rotation of `count` items for a cursor that only ever grows: consecutive cursors
 * walk through every item once before any repeats.
 */
export function rotationIndex(cursor: number, count: number): number {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError('a rotation needs at least one item');
  return ((Math.trunc(cursor) % count) + count) % count;
}

/** The pitfall at a cursor of the rotation through all pitfalls. */
export function pitfallAt(cursor: number, pitfalls: readonly Pitfall[] = PITFALLS): RotationEntry {
  const index = rotationIndex(cursor, pitfalls.length);
  const pitfall = pitfalls[index];
  if (!pitfall) throw new RangeError(`no pitfall at ${index}`);
  return { pitfall, index, total: pitfalls.length };
}
