import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { z } from 'zod';
import { phaseFor } from '../src/roadmap/phase.ts';
import { renderRoadmapEmbed } from '../src/roadmap/render.ts';
import type { Command } from '../src/router/command.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const MONTHS = { min: 0, max: 60 } as const;
const MONTHS_ERROR = `\`months_to_apply\` must be a whole number from ${MONTHS.min} to ${MONTHS.max}.`;

const roadmapOptionsSchema = z.object({
  months_to_apply: z
    .number({ error: MONTHS_ERROR })
    .int({ error: MONTHS_ERROR })
    .min(MONTHS.min, { error: MONTHS_ERROR })
    .max(MONTHS.max, { error: MONTHS_ERROR }),
});

export const roadmapCommand: Command = {
  data: {
    name: 'roadmap',
    description: 'Where you are on the 24-month research roadmap, with its checklist and what comes next',
    type: ApplicationCommandType.ChatInput,
    // Nothing guild-specific: the roadmap works in direct messages too.
    contexts: [0, 1],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'months_to_apply',
        description: 'Months until you submit your residency application',
        required: true,
        min_value: MONTHS.min,
        max_value: MONTHS.max,
      },
    ],
  },
  async execute(interaction) {
    const months = parseOptions(roadmapOptionsSchema, readOptions(interaction).values).months_to_apply;
    return reply({ embeds: [renderRoadmapEmbed(months, phaseFor(months))] });
  },
};
