import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

export const mydataCommandData = {
  name: 'mydata',
  description: 'See or delete what the bot stores about you in this server',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
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
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
