import { MINUTE_MS } from '../time.ts';
import type { MydataButton } from './custom-ids.ts';

/** How long "Delete my data" can be pressed after /mydata delete showed it. */
export const CONFIRM_WINDOW_MS = 10 * MINUTE_MS;
/** Clocks of different processes differ a little; a confirmation from slightly ahead still counts. */
const CLOCK_SKEW_MS = MINUTE_MS;

/**
 * Why this press of a /mydata button must be refused, or null. Only the member who asked, in the
 * server where they asked, may press; and a deletion is confirmed only soon after it was asked for.
 */
export function buttonRefusal(
  button: MydataButton,
  presser: { guildId: string; userId: string },
  now: Date,
): string | null {
  if (button.guildId !== presser.guildId || button.userId !== presser.userId) {
    return 'This button is not yours to press here. To see or delete your own data in this server, use `/mydata`.';
  }
  if (button.action === 'delete') {
    const age = now.getTime() - button.issuedAt.getTime();
    // Written so that an age that is not a number (a forged time) is refused too.
    const inWindow = age <= CONFIRM_WINDOW_MS && age >= -CLOCK_SKEW_MS;
    if (!inWindow) {
      return 'This confirmation has expired and nothing was deleted. Run `/mydata delete` again if you still want to.';
    }
  }
  return null;
}
