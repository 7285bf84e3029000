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
}

export function parseOptions(argv: readonly string[]): BenchOptions & { only: Set<string> | null } {
  const quick = argv.includes('--quick');
  const only = argv.find((argument) => argument.startsWith('--only='));
  return {
    quick,
    postgresUrl: process.env.TEST_DATABASE_URL || null,
    rounds: quick ? 1 : 3,
    profile: argv.includes('--profile'),
    filter: argv.find((argument) => argument.startsWith('--filter='))?.slice('--filter='.length) ?? null,
    only: only ? new Set(only.slice('--only='.length).split(',')) : null,
  };
}
