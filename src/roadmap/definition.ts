import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { LEVELS } from '../assess/criteria.ts';
import { ASSESS_RANGES } from '../assess/input.ts';
import type { CommandData } from '../router/command.ts';

/** The same months as /assess takes, so the two commands accept the same answers. */
export const MONTHS_TO_APPLY = ASSESS_RANGES.months_to_apply;

export const roadmapCommandData = {
  name: 'roadmap',
  description:
    'Your place on the 12–24 month research roadmap: steps to catch up on, your checklist, what is next',
  type: ApplicationCommandType.ChatInput,
  // Nothing guild-specific: the roadmap works in direct messages too.
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'months_to_apply',
      description: 'Months until you submit your residency application',
      required: true,
      min_value: MONTHS_TO_APPLY.min,
      max_value: MONTHS_TO_APPLY.max,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'level',
      description: 'Your /assess level; without it, your latest /assess in this server is used',
      choices: LEVELS.map((level) => ({ name: level, value: level })),
    },
  ],
} satisfies CommandData;
