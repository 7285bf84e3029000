import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { CommandData } from '../router/command.ts';

export const mydataCommandData = {
  name: 'mydata',
  description: 'See or delete what the bot stores about you in this server',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'export',
      description: 'Show everything stored about you here (only you see it; a JSON file when it is long)',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'delete',
      description: 'Delete your data here: your checks, votes and interests; withdraw your openings',
    },
  ],
} satisfies CommandData;
