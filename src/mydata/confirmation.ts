import { isConfirmationFresh } from '../time.ts';
import type { MydataButton } from './custom-ids.ts';

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
    if (!isConfirmationFresh(button.issuedAt, now)) {
      return 'This confirmation has expired and nothing was deleted. Run `/mydata delete` again if you still want to.';
    }
  }
  return null;
}
