import { InteractionContextType } from 'discord-api-types/v10';
import { defineCommand } from '../router/command.ts';

export const helpCommandData = defineCommand({
  name: 'help',
  description: 'List what this bot can do',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
});
