import type { Context } from '../context.ts';

/** One job the scheduler runs on every tick; it claims its own due rows, so ticks may overlap processes. */
export interface SchedulerTask {
  name: string;
  run(ctx: Context): Promise<void>;
}

export interface Scheduler {
  /** Runs one tick now: every task once, in order; a failing task does not stop the others. */
  tick(): Promise<void>;
  start(): void;
  /** Stops ticking; resolves after the tick in progress, if any, has finished. */
  stop(): Promise<void>;
}

export function createScheduler(ctx: Context, tasks: readonly SchedulerTask[], tickMs: number): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    for (const task of tasks) {
      try {
        await task.run(ctx);
      } catch (error) {
        ctx.log.error({ err: error, task: task.name }, 'scheduler task failed');
      }
    }
  };

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(loop, tickMs);
    });
  };

  return {
    tick,
    start() {
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
