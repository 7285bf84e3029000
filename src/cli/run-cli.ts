import { ConfigError } from '../config.ts';

/** A mistake in how the command was called: printed with the command's usage text. */
export class UsageError extends Error {}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface CliOptions {
  /** The command's name, as the user typed it after `npm run`. */
  name: string;
  usage?: string;
  /** Errors that already say what happened and what to do: printed as `name: message`. */
  explained?: readonly ErrorClass[];
  /** What any other failure is printed after, when it should say more than the name. */
  failure?: string;
}

/** What a command prints when `error` ends it: one message, the usage only for a usage mistake. */
export function describeFailure(
  error: unknown,
  { name, usage, explained = [], failure }: CliOptions,
): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) return usage ? `${name}: ${message}\n\n${usage}` : `${name}: ${message}`;
  if (error instanceof ConfigError) return `Configuration error: ${message}`;
  if (explained.some((known) => error instanceof known)) return `${name}: ${message}`;
  return `${failure ?? name}: ${message}`;
}

/**
 * Runs a command-line tool's work and ends the process with 1 and a one-line reason when it fails,
 * the same way for every tool in src/cli.
 */
export function runCli(options: CliOptions, work: () => Promise<void>): void {
  work().catch((error: unknown) => {
    process.stderr.write(`${describeFailure(error, options)}\n`);
    process.exit(1);
  });
}
