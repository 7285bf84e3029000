import { z } from 'zod';
import { MONTHS_TO_APPLY, roadmapCommandData } from '../src/roadmap/definition.ts';
import { phaseFor } from '../src/roadmap/phase.ts';
import { renderRoadmapEmbed } from '../src/roadmap/render.ts';
import type { Command } from '../src/router/command.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const { min, max } = MONTHS_TO_APPLY;
const MONTHS_ERROR = `\`months_to_apply\` must be a whole number from ${min} to ${max}.`;

const roadmapOptionsSchema = z.object({
  months_to_apply: z
    .number({ error: MONTHS_ERROR })
    .int({ error: MONTHS_ERROR })
    .min(min, { error: MONTHS_ERROR })
    .max(max, { error: MONTHS_ERROR }),
});

export const roadmapCommand: Command = {
  data: roadmapCommandData,
  async execute(interaction) {
    const months = parseOptions(roadmapOptionsSchema, readOptions(interaction).values).months_to_apply;
    return reply({ embeds: [renderRoadmapEmbed(months, phaseFor(months))] });
  },
};
