import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { CommandData } from '../router/command.ts';
import { OPTION_DESCRIPTIONS } from './content.ts';
import { ASSESS_RANGES } from './input.ts';

const countOptions: APIApplicationCommandBasicOption[] = Object.entries(ASSESS_RANGES).map(
  ([name, range]) => ({
    type: ApplicationCommandOptionType.Integer,
    name,
    description: OPTION_DESCRIPTIONS[name as keyof typeof OPTION_DESCRIPTIONS],
    required: true,
    min_value: range.min,
    max_value: range.max,
  }),
);

export const assessCommandData = {
  name: 'assess',
  description: "Check your research portfolio against the guide's benchmarks for IR",
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    ...countOptions,
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'share',
      description: 'Also post your level and counts (not your gaps) to the assessments channel',
    },
  ],
} satisfies CommandData;
