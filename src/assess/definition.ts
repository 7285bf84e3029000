import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { CommandData } from '../router/command.ts';
import { ASSESS_RANGES } from './input.ts';

const OPTION_DESCRIPTIONS: Record<keyof typeof ASSESS_RANGES, string> = {
  publications: 'Peer-reviewed papers, published or accepted',
  ir_publications: 'Of those publications, how many are IR- or radiology-related',
  first_author: 'Of those publications, how many you are first author on',
  abstracts: 'Abstracts or posters accepted at any meeting',
  presentations: 'Of those abstracts, how many you presented at a national or international meeting',
  ir_projects: 'IR-specific projects, at any stage',
  ongoing: 'Projects in progress right now',
  months_to_apply: 'Months until you submit your residency application',
};

const countOptions: APIApplicationCommandBasicOption[] = Object.entries(ASSESS_RANGES).map(
  ([name, range]) => ({
    type: ApplicationCommandOptionType.Integer,
    name,
    description: OPTION_DESCRIPTIONS[name as keyof typeof ASSESS_RANGES],
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
