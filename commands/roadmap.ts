import { z } from 'zod';
import { LEVELS, type LevelName, levelNamed } from '../src/assess/criteria.ts';
import type { Context } from '../src/context.ts';
import { findPreviousAssessment } from '../src/db/queries/assessments.ts';
import { MONTHS_TO_APPLY, roadmapCommandData } from '../src/roadmap/definition.ts';
import { roadmapPlan } from '../src/roadmap/phase.ts';
import { type LevelSource, renderRoadmapEmbed } from '../src/roadmap/render.ts';
import type { ChatInputInteraction, Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const { min, max } = MONTHS_TO_APPLY;
const MONTHS_ERROR = `\`months_to_apply\` must be a whole number from ${min} to ${max}.`;
const LEVEL_ERROR = `\`level\` must be one of: ${LEVELS.join(', ')}.`;

const roadmapOptionsSchema = z.object({
  months_to_apply: z
    .number({ error: MONTHS_ERROR })
    .int({ error: MONTHS_ERROR })
    .min(min, { error: MONTHS_ERROR })
    .max(max, { error: MONTHS_ERROR }),
  level: z.enum(LEVELS, { error: LEVEL_ERROR }).optional(),
});

/** The level the member gave, else the one of their latest /assess in this server; none in DMs. */
async function memberLevel(
  interaction: ChatInputInteraction,
  ctx: Context,
  given: LevelName | undefined,
): Promise<{ level: LevelName | null; source: LevelSource }> {
  if (given) return { level: given, source: 'option' };
  if (interaction.guild_id === undefined) return { level: null, source: null };
  const { guildId, userId } = guildMember(interaction);
  const latest = await findPreviousAssessment(ctx.db, guildId, userId);
  const level = levelNamed(latest?.level);
  return { level, source: level ? 'assessment' : null };
}

export const roadmapCommand: Command = {
  data: roadmapCommandData,
  async execute(interaction, ctx) {
    const options = parseOptions(roadmapOptionsSchema, readOptions(interaction).values);
    const { level, source } = await memberLevel(interaction, ctx, options.level);
    const plan = roadmapPlan(options.months_to_apply, level);
    return reply({ embeds: [renderRoadmapEmbed(options.months_to_apply, plan, source)] });
  },
};
