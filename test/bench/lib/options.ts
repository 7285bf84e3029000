/** How big a run is: --quick for development, the full run for RESULTS.md. */
export interface BenchOptions {
  quick: boolean;
  /** PostgreSQL server URL (TEST_DATABASE_URL); null skips the PostgreSQL figures. */
  postgresUrl: string | null;
  rounds: number;
  /** Runs the bot under --cpu-prof and adds where its CPU time went (figures then carry the profiler's cost). */
  profile: boolean;
  /** Only the HTTP workloads whose name contains this text (e.g. --filter=ping). */
  filter: string | null;
  /** FAQ table sizes for the autocomplete latency rows (e.g. --sizes=10000), instead of the mode's. */
  sizes: number[] | null;
  /** Only these databases in the FAQ rows (e.g. --kinds=PostgreSQL), instead of every one available. */
  kinds: string[] | null;
}

export function parseOptions(argv: readonly string[]): BenchOptions & { only: Set<string> | null } {
  const quick = argv.includes('--quick');
  const only = argv.find((argument) => argument.startsWith('--only='));
  const sizes = argv.find((argument) => argument.startsWith('--sizes='));
  const kinds = argv.find((argument) => argument.startsWith('--kinds='));
  return {
    quick,
    postgresUrl: process.env.TEST_DATABASE_URL || null,
    rounds: quick ? 1 : 3,
    profile: argv.includes('--profile'),
    filter: argv.find((argument) => argument.startsWith('--filter='))?.slice('--filter='.length) ?? null,
    sizes: sizes ? sizes.slice('--sizes='.length).split(',').map(Number) : null,
    kinds: kinds ? kinds.slice('--kinds='.length).split(',') : null,
    only: only ? new Set(only.slice('--only='.length).split(',')) : null,
  };
}
