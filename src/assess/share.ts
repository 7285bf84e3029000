import { CARD_FILE_NAME, type Card } from '../card/assessment-card.ts';
import { cardAttachment } from '../card/follow-up.ts';
import type { Context } from '../context.ts';
import { getGuildSettings } from '../db/queries/guild-settings.ts';
import { postMessage, postToGuildChannel } from '../discord/channel-post.ts';
import type { PortfolioCounts } from './criteria.ts';
import { renderSharedSummary } from './render.ts';

/** Posts the public summary; the answer is a line for the member saying how it went. */
export async function shareAssessment(
  ctx: Context,
  assessment: {
    guildId: string;
    userId: string;
    assessmentId: number;
    level: string;
    counts: PortfolioCounts;
    card: Card;
  },
): Promise<string> {
  const { guildId, assessmentId } = assessment;
  const channelId = (await getGuildSettings(ctx.db, guildId))?.assessmentsChannelId;
  if (!channelId) {
    return 'Your check is saved but was not shared: this server has no assessments channel yet. A moderator can set one with `/config assessments`.';
  }
  const { attachment, file } = cardAttachment(assessment.card);
  const summary = renderSharedSummary(assessment.userId, assessment.level, assessment.counts);
  const shared = await postToGuildChannel(ctx, {
    guildId,
    purpose: 'assessments',
    channelId,
    kind: 'new',
    // No retry: the member shares again.
    reportEveryFailure: false,
    send: postMessage(
      ctx,
      channelId,
      {
        embeds: [{ ...summary, image: { url: `attachment://${CARD_FILE_NAME}` } }],
        attachments: [attachment],
      },
      [file],
    ),
  });
  if (shared.ok) return `Shared your level and counts in <#${channelId}>.`;
  ctx.log.warn({ guildId, channelId, assessmentId, problem: shared.problem }, 'sharing an assessment failed');
  const failed = `Your check is saved, but sharing it in <#${channelId}> failed (${shared.problem}).`;
  // Only a moderator can fix a missing channel or permission: /config show tells them.
  return shared.permanent
    ? `${failed} A moderator can see the problem in \`/config show\`.`
    : `${failed} Try sharing again later.`;
}
