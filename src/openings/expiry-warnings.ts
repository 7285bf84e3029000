import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { claimExpiryWarnings, type Opening } from '../db/queries/openings.ts';
import { sendDirectMessage } from '../discord/direct-messages.ts';
import { escapeInline } from '../discord/safe-text.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { DAY_MS } from '../time.ts';
import { ANONYMOUS_AUTHOR_ID } from './catalog.ts';
import { warningCustomId } from './custom-ids.ts';

/** How long before its expiry an author is warned, and by how much the warning's button renews. */
export const EXPIRY_WARNING = { beforeMs: 3 * DAY_MS, renewDays: 30, batch: 25 } as const;

/** The direct message that warns an author, with buttons that work from the DM. */
export function renderExpiryWarning(opening: Pick<Opening, 'guildId' | 'id' | 'title' | 'expiresAt'>) {
  return {
    content: `Your opening **${escapeInline(opening.title)}** (#${opening.id}) expires ${discordTimestamp(opening.expiresAt, 'R')}. Keep it open for ${EXPIRY_WARNING.renewDays} more days, or close it if you found your helpers.`,
    components: [
      {
        type: ComponentType.ActionRow as const,
        components: [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            label: `Renew ${EXPIRY_WARNING.renewDays} days`,
            custom_id: warningCustomId('renew', opening),
          },
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            label: 'Close as filled',
            custom_id: warningCustomId('fill', opening),
          },
        ],
      },
    ],
  };
}

/** Warns authors, once per expiry, three days before an opening expires. */
export const expiryWarningTask: SchedulerTask = {
  name: 'opening-expiry-warnings',
  async run(ctx: Context) {
    const now = ctx.clock();
    const due = await claimExpiryWarnings(ctx.db, now, {
      warnBefore: new Date(now.getTime() + EXPIRY_WARNING.beforeMs),
      limit: EXPIRY_WARNING.batch,
    });
    for (const opening of due) {
      if (opening.authorId === ANONYMOUS_AUTHOR_ID) continue;
      const sent = await sendDirectMessage(ctx, opening.authorId, renderExpiryWarning(opening));
      if (!sent.ok) {
        ctx.log.info(
          { guildId: opening.guildId, openingId: opening.id, problem: sent.problem },
          'expiry warning not sent',
        );
      }
    }
  },
};
