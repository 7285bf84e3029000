import {
  type APIApplicationCommandChannelOption,
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { UserError } from '../src/errors.ts';
import { CHANNEL_RULES, type ChannelPurpose } from '../src/guild-config/channel-rules.ts';
import {
  renderOpeningsSet,
  renderRemindersOff,
  renderRemindersOn,
  renderSettingsEmbed,
} from '../src/guild-config/render.ts';
import {
  pickedChannel,
  setAssessmentsChannel,
  setOpeningsChannel,
  setReminders,
  turnRemindersOff,
} from '../src/guild-config/service.ts';
import { REMINDER_INTERVAL_HOURS } from '../src/reminders/schedule.ts';
import type { Command } from '../src/router/command.ts';
import { MODERATOR_ONLY, requireModerator } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { ephemeralText, reply } from '../src/router/responses.ts';

const { min, max, default: defaultHours } = REMINDER_INTERVAL_HOURS;

const channelOption = (purpose: ChannelPurpose, description: string): APIApplicationCommandChannelOption => ({
  type: ApplicationCommandOptionType.Channel,
  name: 'channel',
  description,
  required: true,
  channel_types: [...CHANNEL_RULES[purpose].types],
});

const data = {
  name: 'config',
  description: 'Moderators: choose where the bot posts and how often it sends pitfall reminders',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
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
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const channelId = z.string({ message: 'Pick a channel for `channel`.' }).regex(/^\d{17,20}$/, {
  message: '`channel` must be a channel picked from the list.',
});
const everyHours = z
  .number({ message: `\`every_hours\` must be a whole number from ${min} to ${max}.` })
  .int({ message: `\`every_hours\` must be a whole number from ${min} to ${max}.` })
  .min(min, { message: `\`every_hours\` must be at least ${min}.` })
  .max(max, { message: `\`every_hours\` can be at most ${max} (30 days).` })
  .default(defaultHours);
const remindersOptions = z.object({ channel: channelId, every_hours: everyHours });
const channelOptions = z.object({ channel: channelId });
const openingsOptions = z.object({
  channel: channelId,
  allow_invites: z.boolean({ message: '`allow_invites` must be true or false.' }).optional(),
});

export const configCommand: Command = {
  data,
  async execute(interaction, ctx): Promise<APIInteractionResponse> {
    const member = requireModerator(interaction);
    const { subcommand, values } = readOptions(interaction);
    const resolved = interaction.data.resolved?.channels;
    switch (subcommand) {
      case 'reminders': {
        const options = parseOptions(remindersOptions, values);
        const channel = pickedChannel(resolved, 'reminders', options.channel);
        const settings = await setReminders(ctx, member, channel, options.every_hours);
        return ephemeralText(renderRemindersOn(settings, ctx.clock(), ctx.config.schedulerTickMs));
      }
      case 'reminders-off':
        return ephemeralText(renderRemindersOff(await turnRemindersOff(ctx, member)));
      case 'openings': {
        const options = parseOptions(openingsOptions, values);
        const channel = pickedChannel(resolved, 'openings', options.channel);
        const change = await setOpeningsChannel(ctx, member, {
          channel,
          allowInvites: options.allow_invites,
        });
        return ephemeralText(renderOpeningsSet(change, ctx.config.schedulerTickMs));
      }
      case 'assessments': {
        const options = parseOptions(channelOptions, values);
        const channel = pickedChannel(resolved, 'assessments', options.channel);
        await setAssessmentsChannel(ctx, member, channel);
        return ephemeralText(`Shared assessment summaries will be posted in <#${channel.id}>.`);
      }
      case 'show': {
        const settings = await getGuildSettings(ctx.db, member.guildId);
        return reply({ embeds: [renderSettingsEmbed(settings, ctx.clock())] });
      }
      default:
        throw new UserError('That /config subcommand is not one this bot knows.');
    }
  },
};
