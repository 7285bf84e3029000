import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { ASSESS_RANGES } from '../assess/input.ts';
import type { CommandData } from '../router/command.ts';

/** The same months as /assess takes, so the two commands accept the same answers. */
export const MONTHS_TO_APPLY = ASSESS_RANGES.months_to_apply;

export const roadmapCommandData = {
  name: 'roadmap',
  description: 'Where you are on the 24-month research roadmap, with its checklist and what comes next',
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
  ],
} satisfies CommandData;
