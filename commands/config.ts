import { z } from 'zod';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { SNOWFLAKE_PATTERN } from '../src/discord/snowflake.ts';
import { MIN_MEMBER_DAYS } from '../src/openings/rules.ts';
import { REMINDER_INTERVAL_HOURS } from '../src/pitfalls/reminder-schedule.ts';
import type { Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { ephemeralText, reply } from '../src/router/responses.ts';
import { configCommandData } from '../src/settings/definition.ts';
import {
  renderOpeningsSet,
  renderRemindersOff,
  renderRemindersOn,
  renderSettingsEmbed,
} from '../src/settings/render.ts';
import {
  pickedChannel,
  setAssessmentsChannel,
  setOpeningsChannel,
  setReminders,
  turnRemindersOff,
} from '../src/settings/service.ts';

const { min, max, default: defaultHours } = REMINDER_INTERVAL_HOURS;

const channelId = z
  .string({ error: 'Pick a channel for `channel`.' })
  .regex(SNOWFLAKE_PATTERN, { error: '`channel` must be a channel picked from the list.' });
const everyHours = z
  .number({ error: `\`every_hours\` must be a whole number from ${min} to ${max}.` })
  .int({ error: `\`every_hours\` must be a whole number from ${min} to ${max}.` })
  .min(min, { error: `\`every_hours\` must be at least ${min}.` })
  .max(max, { error: `\`every_hours\` can be at most ${max} (30 days).` })
  .default(defaultHours);
const remindersOptions = z.object({ channel: channelId, every_hours: everyHours });
const channelOptions = z.object({ channel: channelId });
const openingsOptions = z.object({
  channel: channelId,
  allow_invites: z.boolean({ error: '`allow_invites` must be true or false.' }).optional(),
  min_member_days: z
    .number({
      error: `\`min_member_days\` must be a whole number from ${MIN_MEMBER_DAYS.min} to ${MIN_MEMBER_DAYS.max}.`,
    })
    .int({
      error: `\`min_member_days\` must be a whole number from ${MIN_MEMBER_DAYS.min} to ${MIN_MEMBER_DAYS.max}.`,
    })
    .min(MIN_MEMBER_DAYS.min, { error: `\`min_member_days\` cannot be negative.` })
    .max(MIN_MEMBER_DAYS.max, { error: `\`min_member_days\` can be at most ${MIN_MEMBER_DAYS.max}.` })
    .optional(),
  approval: z.boolean({ error: '`approval` must be true or false.' }).optional(),
  review: channelId.optional(),
});

export const configCommand: Command = {
  data: configCommandData,
  subcommands: {
    async reminders(interaction, ctx) {
      const options = parseOptions(remindersOptions, readOptions(interaction).values);
      const channel = pickedChannel(interaction.data.resolved?.channels, 'reminders', options.channel);
      const settings = await setReminders(ctx, guildMember(interaction), channel, options.every_hours);
      return ephemeralText(renderRemindersOn(settings, ctx.clock(), ctx.config.schedulerTickMs));
    },
    async 'reminders-off'(interaction, ctx) {
      return ephemeralText(renderRemindersOff(await turnRemindersOff(ctx, guildMember(interaction))));
    },
    async openings(interaction, ctx) {
      const options = parseOptions(openingsOptions, readOptions(interaction).values);
      const resolved = interaction.data.resolved?.channels;
      const channel = pickedChannel(resolved, 'openings', options.channel);
      const change = await setOpeningsChannel(ctx, guildMember(interaction), {
        channel,
        allowInvites: options.allow_invites,
        minMemberDays: options.min_member_days,
        approval: options.approval,
        review: options.review ? pickedChannel(resolved, 'review', options.review) : undefined,
      });
      return ephemeralText(renderOpeningsSet(change, ctx.config.schedulerTickMs));
    },
    async assessments(interaction, ctx) {
      const options = parseOptions(channelOptions, readOptions(interaction).values);
      const channel = pickedChannel(interaction.data.resolved?.channels, 'assessments', options.channel);
      await setAssessmentsChannel(ctx, guildMember(interaction), channel);
      return ephemeralText(`Shared assessment summaries will be posted in <#${channel.id}>.`);
    },
    async show(interaction, ctx) {
      const settings = await getGuildSettings(ctx.db, guildMember(interaction).guildId);
      return reply({ embeds: [renderSettingsEmbed(settings, ctx.clock())] });
    },
  },
};
