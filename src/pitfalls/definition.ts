import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { CommandData } from '../router/command.ts';
import { publicOption } from '../router/options.ts';

export const pitfallCommandData = {
  name: 'pitfall',
  description: 'Show the next common research pitfall for IMGs, and what to do instead',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [publicOption('Post it in this channel for everyone (default: only you see it)')],
} satisfies CommandData;
