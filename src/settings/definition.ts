import { type APIApplicationCommandChannelOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { MIN_MEMBER_DAYS } from '../openings/rules.ts';
import { REMINDER_INTERVAL_HOURS } from '../pitfalls/reminder-schedule.ts';
import { defineCommand } from '../router/command.ts';
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

export const configCommandData = defineCommand({
  name: 'config',
  description: 'Moderators: choose where the bot posts and how often it sends pitfall reminders',
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
      options: [
        channelOption('openings', 'Text or forum channel for research openings'),
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'allow_invites',
          description: 'Whether a Discord server invite may be given as an opening’s contact (default: no)',
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'min_member_days',
          description: `Days in the server before a member can post (${MIN_MEMBER_DAYS.min}-${MIN_MEMBER_DAYS.max}, 0: no minimum)`,
          min_value: MIN_MEMBER_DAYS.min,
          max_value: MIN_MEMBER_DAYS.max,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'approval',
          description:
            'Whether new openings wait for a moderator’s approval in the review channel (default: no)',
        },
        {
          ...channelOption('review', 'Text channel where moderators approve or reject new openings'),
          name: 'review',
          required: false,
        },
      ],
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
});
