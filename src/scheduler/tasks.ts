import { faqQuestionRetentionTask } from '../faq/tasks.ts';
import { openingAlertTask } from '../openings/alerts.ts';
import { expiryWarningTask } from '../openings/expiry-warnings.ts';
import { interestNewsTask } from '../openings/interest-news.ts';
import { openingExpiryTask, openingPostTask } from '../openings/tasks.ts';
import { pitfallReminderTask } from '../pitfalls/reminder-task.ts';
import { portfolioNudgeTask } from '../portfolio/nudge-task.ts';
import type { SchedulerTask } from './scheduler.ts';

/** What every scheduler tick runs, in order. */
export const schedulerTasks: readonly SchedulerTask[] = [
  pitfallReminderTask,
  // Expiry first, so the posts of openings that just expired are edited in the same tick.
  openingExpiryTask,
  openingPostTask,
  interestNewsTask,
  expiryWarningTask,
  openingAlertTask,
  faqQuestionRetentionTask,
  portfolioNudgeTask,
];
