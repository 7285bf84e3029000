import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** What the lock file beside an embedded database directory says about its owner. */
export interface LockOwner {
  pid: number;
  /** What the owner is doing, such as "the bot (console)" or "faq import". */
  purpose: string;
  startedAt: string;
  host: string;
  /** The owner's control socket, through which `npm run backup` asks it for a copy. */
  controlSocket?: string;
}

/** Another live process owns the directory: its message is the one line to show. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database ${dataDir} is in use by ${owner.purpose} (pid ${owner.pid}, since ${owner.startedAt}). ` +
        'Stop that process first, or set DATABASE_URL to use PostgreSQL, which many processes can share.',
    );
  }
}

export interface DataDirLock {
  path: string;
  owner: LockOwner;
  release(): void;
}

export function lockPathOf(dataDir: string): string {
  // Beside the directory, not in it: restoring a backup replaces the directory, never the lock.
  return `${resolve(dataDir)}.lock`;
}

/** The owner the lock file names, if there is one and it is readable. */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Locks this process holds: its own pid in a lock file does not tell them from a dead one's. */
const heldHere = new Map<string, LockOwner>();

function isAlive(owner: LockOwner): boolean {
  // A container restarts its bot with the same pid: a lock naming our own pid is a dead one's.
  if (owner.pid === process.pid) return false;
  if (owner.host !== hostname()) return true; // a process on another machine cannot be checked
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the exclusive lock on an embedded database directory: a lock file created with O_EXCL that
 * holds the owner's pid. PGlite is one PostgreSQL backend; a second process on the same files
 * loses writes and then corrupts them, so it must stop before opening anything. A lock left by a
 * process that died is taken over. Released on close and, as a last resort, at process exit.
 */
export function lockDataDir(
  dataDir: string,
  purpose: string,
  extra: Pick<LockOwner, 'controlSocket'> = {},
): DataDirLock {
  const path = lockPathOf(dataDir);
  const ours = heldHere.get(path);
  if (ours) throw new DataDirLockedError(dataDir, ours);
  const owner: LockOwner = {
    pid: process.pid,
    purpose,
    startedAt: new Date().toISOString(),
    host: hostname(),
    ...extra,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, `${JSON.stringify(owner)}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLockOwner(dataDir);
      // An unreadable lock is one being written right now, or a torn write of a dead process.
      if (current && isAlive(current)) throw new DataDirLockedError(dataDir, current);
      if (!current && attempt === 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      if (attempt > 2) throw new DataDirLockedError(dataDir, current ?? owner);
      unlinkSync(path);
    }
  }
  heldHere.set(path, owner);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    heldHere.delete(path);
    process.off('exit', release);
    // Only our own lock: a process that took over a lock it thought stale must keep its file.
    if (readLockOwner(dataDir)?.pid === process.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return { path, owner, release };
}
