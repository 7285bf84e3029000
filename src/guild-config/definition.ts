import {
  type APIApplicationCommandChannelOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { REMINDER_INTERVAL_HOURS } from '../reminders/schedule.ts';
import type { CommandData } from '../router/command.ts';
import { MODERATOR_ONLY } from '../router/member.ts';
import { CHANNEL_RULES, type ChannelPurpose } from './channel-rules.ts';

const { min, max, default: defaultHours } = REMINDER_INTERVAL_HOURS;

const channelOption = (purpose: ChannelPurpose, description: string): APIApplicationCommandChannelOption => ({
  type: ApplicationCommandOptionType.Channel,
  name: 'channel',
  description,
  required: true,
  channel_types: [...CHANNEL_RULES[purpose].types],
});

export const configCommandData = {
  name: 'config',
  description: 'Moderators: choose where the bot posts and how often it sends pitfall reminders',
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  default_member_permissions: MODERATOR_ONLY,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'reminders',
      description: 'Turn pitfall reminders on, or change their channel or interval',
      options: [
        channelOption('reminders', 'Text or announcement channel for the reminders'),
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'every_hours',
          description: `Hours between reminders, ${min} to ${max} (default ${defaultHours}: once a week)`,
          min_value: min,
          max_value: max,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'reminders-off',
      description: 'Stop posting pitfall reminders',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'openings',
      description: 'Choose the channel where new research openings are posted',
      options: [channelOption('openings', 'Text or forum channel for research openings')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'assessments',
      description: 'Choose the channel where shared /assess summaries are posted',
      options: [channelOption('assessments', 'Text channel for shared assessment summaries')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show the settings, the next reminder time and any problem posting',
    },
  ],
} satisfies CommandData;
