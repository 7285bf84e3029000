import type { SchedulerTask } from './scheduler.ts';

/** What every scheduler tick runs, in order. */
export const schedulerTasks: readonly SchedulerTask[] = [];
