import { changeSince } from '../src/assess/change.ts';
import type { PortfolioCounts } from '../src/assess/criteria.ts';
import { assessCommandData } from '../src/assess/definition.ts';
import { parseAssessOptions } from '../src/assess/input.ts';
import { renderAssessmentEmbed, renderSharedSummary } from '../src/assess/render.ts';
import { scorePortfolio } from '../src/assess/score.ts';
import { openingFitFor } from '../src/assess/suggest.ts';
import type { Context } from '../src/context.ts';
import { findPreviousAssessment, recordAssessment } from '../src/db/queries/assessments.ts';
import {
  clearChannelProblem,
  getGuildSettings,
  recordChannelProblem,
} from '../src/db/queries/guild-settings.ts';
import { suggestOpenOpenings } from '../src/db/queries/openings.ts';
import { describePostFailure, postFailureKind, sendChannelMessage } from '../src/discord/channels.ts';
import { roadmapPlan } from '../src/roadmap/phase.ts';
import type { Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const MAX_SUGGESTED_OPENINGS = 3;

export const assessCommand: Command = {
  data: assessCommandData,
  async execute(interaction, ctx) {
    const { guildId, userId } = guildMember(interaction);
    const input = parseAssessOptions(readOptions(interaction).values);
    const scoring = scorePortfolio(input.counts);
    const plan = roadmapPlan(input.monthsToApply, scoring.level);
    const fit = openingFitFor(input.counts, scoring);

    const previous = await findPreviousAssessment(ctx.db, guildId, userId);
    // Stored before anything is posted, so a failed share never loses the check.
    const recorded = await recordAssessment(ctx.db, {
      guildId,
      userId,
      ...input.counts,
      monthsToApply: input.monthsToApply,
      level: scoring.level,
      createdAt: ctx.clock(),
    });
    const openings = await suggestOpenOpenings(ctx.db, guildId, {
      ...fit,
      limit: MAX_SUGGESTED_OPENINGS,
      now: ctx.clock(),
    });

    const embed = renderAssessmentEmbed({
      scoring,
      plan,
      change: previous
        ? changeSince(
            { counts: previous, level: previous.level, checkedAt: previous.createdAt },
            input.counts,
            scoring.level,
          )
        : null,
      fit,
      openings,
    });
    const content = input.share
      ? await share(ctx, {
          guildId,
          userId,
          assessmentId: recorded.id,
          level: scoring.level,
          counts: input.counts,
        })
      : '';
    return reply({ ...(content ? { content } : {}), embeds: [embed] });
  },
};

/** Posts the public summary; the answer is a line for the member saying how it went. */
async function share(
  ctx: Context,
  check: { guildId: string; userId: string; assessmentId: number; level: string; counts: PortfolioCounts },
): Promise<string> {
  const { guildId, assessmentId } = check;
  const channelId = (await getGuildSettings(ctx.db, guildId))?.assessmentsChannelId;
  if (!channelId) {
    return 'Your check is saved but was not shared: this server has no assessments channel yet. A moderator can set one with `/config assessments`.';
  }
  try {
    await sendChannelMessage(ctx.rest, channelId, {
      embeds: [renderSharedSummary(check.userId, check.level, check.counts)],
    });
  } catch (error) {
    const problem = describePostFailure(error);
    ctx.log.warn({ err: error, guildId, channelId, assessmentId }, 'sharing an assessment failed');
    const failed = `Your check is saved, but sharing it in <#${channelId}> failed (${problem}).`;
    if (postFailureKind(error) === 'transient') return `${failed} Try sharing again later.`;
    // Only a moderator can fix a missing channel or permission: /config show tells them.
    await recordChannelProblem(ctx.db, guildId, 'assessments', { channelId, problem }, ctx.clock());
    return `${failed} A moderator can see the problem in \`/config show\`.`;
  }
  await clearChannelProblem(ctx.db, guildId, 'assessments', channelId, ctx.clock());
  return `Shared your level and counts in <#${channelId}>.`;
}
