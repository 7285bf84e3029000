// Connection-level failures from postgres.js and node's sockets: the database is unreachable,
// not the query wrong.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * An embedded database directory that PGlite cannot open or read: its message is the one line a
 * person sees, with the way back, instead of a WebAssembly stack trace.
 */
export class DatabaseDamagedError extends Error {
  constructor(dataDir: string, cause: unknown) {
    const reason = firstLine(cause);
    super(
      `The embedded database in ${dataDir} cannot be read (${reason}); it may be damaged. ` +
        `To recover, move it aside (mv ${dataDir} ${dataDir}.damaged) and restore your last backup ` +
        `with "npm run backup -- --restore FILE" (README, "Backups"), or start again to begin empty.`,
      { cause },
    );
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 160) || 'unknown error';
}
