import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Errors as logs may show them. A failed query's message repeats its parameters, which can hold
 * what a member typed (and PostgreSQL's own messages can quote a value), so database errors are
 * reduced to the SQL text, the error codes and the names of what was involved.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error))
    return { type: typeof error, value: typeof error === 'string' ? error : undefined };
  if (isDiscordRequestError(error)) {
    // Their url holds interaction tokens and their requestBody what members wrote.
    return {
      type: error.name,
      status: error.status,
      method: error.method,
      ...(typeof error.code === 'number' ? { discordCode: error.code } : {}),
    };
  }
  const withQuery = error as Error & { query?: unknown; params?: unknown; cause?: unknown };
  if (typeof withQuery.query === 'string' && 'params' in withQuery) {
    return { type: error.name, query: withQuery.query, cause: databaseFailure(withQuery.cause) };
  }
  const database = databaseFailure(error);
  if (database.sqlState) return database;
  return {
    ...pino.stdSerializers.err(error),
    ...(withQuery.cause ? { cause: serializeError(withQuery.cause) } : {}),
  };
}

/**
 * @discordjs/rest's DiscordAPIError and HTTPError, recognised by shape: the package can be loaded
 * twice (as ESM and as CommonJS), and then instanceof fails.
 */
function isDiscordRequestError(
  error: Error,
): error is Error & { status: number; method: string; code?: unknown } {
  return (
    typeof (error as { status?: unknown }).status === 'number' && 'requestBody' in error && 'url' in error
  );
}

function databaseFailure(error: unknown): Record<string, unknown> {
  const candidate = (error ?? {}) as Record<string, unknown>;
  const sqlState =
    typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) ? candidate.code : undefined;
  return {
    type: error instanceof Error ? error.name : typeof error,
    ...(sqlState ? { sqlState } : { code: candidate.code }),
    ...Object.fromEntries(
      ['severity', 'routine', 'table_name', 'column_name', 'constraint_name', 'table', 'column', 'constraint']
        .filter((key) => typeof candidate[key] === 'string')
        .map((key) => [key, candidate[key]]),
    ),
  };
}

/** JSON to stderr, human-readable when stderr is a terminal; or to `destination` (tests). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, serializers: { err: serializeError } };
  if (destination) return pino(options, destination);
  if (process.stderr.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2 } } });
  }
  return pino(options, pino.destination(2));
}
