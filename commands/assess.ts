import { changeSince } from '../src/assess/change.ts';
import { assessCommandData } from '../src/assess/definition.ts';
import { parseAssessOptions } from '../src/assess/input.ts';
import { renderAssessmentEmbed } from '../src/assess/render.ts';
import { scorePortfolio } from '../src/assess/score.ts';
import { shareAssessment } from '../src/assess/share.ts';
import { openingFitFor } from '../src/assess/suggest.ts';
import { renderAssessmentCard } from '../src/card/assessment-card.ts';
import { cardFollowUp } from '../src/card/follow-up.ts';
import { findPreviousAssessment, recordAssessment } from '../src/db/queries/assessments.ts';
import { suggestOpenOpenings } from '../src/db/queries/openings.ts';
import { listAllMemberItems } from '../src/db/queries/portfolio-items.ts';
import {
  assessInputFromItems,
  assessSourceOf,
  countedItemsField,
  TYPED_COUNTS_NOTE,
} from '../src/portfolio/assess-source.ts';
import { roadmapPlan } from '../src/roadmap/phase.ts';
import type { Command } from '../src/router/command.ts';
import { withFollowUp } from '../src/router/follow-up.ts';
import { guildMember } from '../src/router/member.ts';
import { readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const MAX_SUGGESTED_OPENINGS = 3;

export const assessCommand: Command = {
  data: assessCommandData,
  async execute(interaction, ctx) {
    const { guildId, userId } = guildMember(interaction);
    const { values } = readOptions(interaction);
    const source = assessSourceOf(values);
    const items = source === 'portfolio' ? await listAllMemberItems(ctx.db, guildId, userId) : [];
    const input = source === 'portfolio' ? assessInputFromItems(values, items) : parseAssessOptions(values);
    const scoring = scorePortfolio(input.counts);
    const plan = roadmapPlan(input.monthsToApply, scoring.level);
    const fit = openingFitFor(input.counts, scoring);

    const previous = await findPreviousAssessment(ctx.db, guildId, userId);
    // Stored before anything is posted, so a failed share never loses the assessment.
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
            { counts: previous, level: previous.level, assessedAt: previous.createdAt },
            input.counts,
            scoring.level,
          )
        : null,
      fit,
      openings,
      ...(source === 'portfolio' ? { countedItems: countedItemsField(scoring.progress, items) } : {}),
    });
    const card = await renderAssessmentCard({
      ...scoring,
      source: source === 'portfolio' ? 'from your portfolio' : 'typed counts',
    });
    const shared = input.share
      ? await shareAssessment(ctx, {
          guildId,
          userId,
          assessmentId: recorded.id,
          level: scoring.level,
          counts: input.counts,
          card,
        })
      : '';
    const content = [source === 'typed' ? TYPED_COUNTS_NOTE : '', shared].filter(Boolean).join('\n');
    // The card follows the reply: a response cannot carry a file on every transport.
    return withFollowUp(reply({ ...(content ? { content } : {}), embeds: [embed] }), cardFollowUp(card));
  },
};
