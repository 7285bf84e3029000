/** Durations in milliseconds, the unit of Date arithmetic and of every timer in the bot. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How long a confirmation (delete my data, remove an item) can be pressed after it was shown. */
export const CONFIRM_WINDOW_MS = 10 * MINUTE_MS;
/** Clocks of different processes differ a little; a confirmation from slightly ahead still counts. */
const CLOCK_SKEW_MS = MINUTE_MS;

/** Whether a confirmation shown at `shownAt` may still be pressed; a time that is not a number may not. */
export function isConfirmationFresh(shownAt: Date, now: Date): boolean {
  const age = now.getTime() - shownAt.getTime();
  return age <= CONFIRM_WINDOW_MS && age >= -CLOCK_SKEW_MS;
}
