import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Table } from './report.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the machine's monotonic clock, the same clock as process.hrtime. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now on the clock profiles use, so a summary can leave out what happened before (start-up). */
export const profileClockMicros = () => Number(process.hrtime.bigint() / 1000n);

/** Where a function lives, coarsely: enough to tell the database from our code from node itself. */
function area(url: string): string {
  if (url.includes('/@electric-sql/pglite/')) return 'PGlite JS (its file system, protocol)';
  if (url.startsWith('wasm://')) return 'PGlite WASM (PostgreSQL itself)';
  if (url.includes('/postgres/')) return 'postgres.js driver';
  if (url.includes('/drizzle-orm/')) return 'drizzle-orm';
  if (url.includes('/pino')) return 'pino';
  if (url.includes('/node_modules/')) return 'other dependencies';
  if (url.includes('/src/') || url.includes('/commands/')) return 'bot code (src/, commands/)';
  if (url.startsWith('node:')) return 'node built-ins';
  return url === '' ? 'native (fs, sockets, crypto) and GC' : 'other';
}

/**
 * Self time of a --cpu-prof profile, by area and by the costliest functions: the first place to
 * look when a target is missed.
 */
export async function summarizeProfiles(directory: string, title: string, fromMicros = 0): Promise<Table[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile'));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(directory, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    let at = profile.startTime;
    profile.samples.forEach((id, index) => {
      const node = nodes.get(id);
      const delta = profile.timeDeltas[index] ?? 0;
      at += delta;
      if (at < fromMicros || !node || node.callFrame.functionName === '(idle)') return;
      total += delta;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = area(url);
      byArea.set(where, (byArea.get(where) ?? 0) + delta);
      const short = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(src|commands)\//, '$1/');
      const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
      byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    });
  }
  const share = (value: number) => `${((value / Math.max(total, 1)) * 100).toFixed(1)}%`;
  const sorted = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [
    {
      title: `${title}: busy CPU time by area`,
      note: `${(total / 1e6).toFixed(1)} s of busy samples while under load (start-up and idle time excluded).`,
      headers: ['area', 'share of busy time'],
      rows: sorted(byArea, 20).map(([name, value]) => [name, share(value)]),
    },
    {
      title: `${title}: functions with the most self time`,
      headers: ['function', 'share of busy time'],
      rows: sorted(byFunction, 15).map(([name, value]) => [name, share(value)]),
    },
  ];
}
