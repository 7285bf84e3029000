import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { enableReminders, getGuildSettings, updateGuildSettings } from '../src/db/queries/guild-settings.ts';
import { requeueStaleOpeningPosts, requeueUnpostedOpenings } from '../src/db/queries/openings.ts';
import { SNOWFLAKE_PATTERN } from '../src/discord/snowflake.ts';
import { UserError } from '../src/errors.ts';
import { type ChannelPurpose, channelTypeProblem } from '../src/guild-config/channel-rules.ts';
import { configCommandData } from '../src/guild-config/definition.ts';
import { describeInterval, discordTime, renderSettingsEmbed } from '../src/guild-config/render.ts';
import { POST_RETRY } from '../src/openings/retry.ts';
import { isDue, REMINDER_INTERVAL_HOURS } from '../src/reminders/schedule.ts';
import type { ChatInputInteraction, Command } from '../src/router/command.ts';
import { type GuildMember, guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { ephemeralText, reply } from '../src/router/responses.ts';

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

/** The channel as Discord resolved it for this interaction; its type is checked here, not only by the client. */
function pickedChannel(interaction: ChatInputInteraction, purpose: ChannelPurpose, id: string) {
  const channel = interaction.data.resolved?.channels?.[id];
  if (!channel)
    throw new UserError('Discord did not send the details of that channel. Please pick it again.');
  const problem = channelTypeProblem(purpose, channel.type);
  if (problem) throw new UserError(problem);
  return { id, type: channel.type };
}

async function setReminders(interaction: ChatInputInteraction, member: GuildMember, ctx: Context) {
  const options = parseOptions(remindersOptions, readOptions(interaction).values);
  const channel = pickedChannel(interaction, 'reminders', options.channel);
  const now = ctx.clock();
  const settings = await enableReminders(
    ctx.db,
    member.guildId,
    { channelId: channel.id, everyHours: options.every_hours },
    now,
  );
  ctx.log.info({ guildId: member.guildId, userId: member.userId, channelId: channel.id }, 'reminders set');
  const nextRunAt = settings.remindersNextRunAt ?? now;
  const next = isDue(nextRunAt, now)
    ? `The first one is posted within ${Math.ceil(ctx.config.schedulerTickMs / 1000)} seconds.`
    : `The next one is due ${discordTime(nextRunAt)}.`;
  return ephemeralText(
    `Pitfall reminders are on: ${describeInterval(options.every_hours)} in <#${channel.id}>. ${next}`,
  );
}

async function turnRemindersOff(member: GuildMember, ctx: Context) {
  const settings = await getGuildSettings(ctx.db, member.guildId);
  if (!settings || settings.remindersNextRunAt === null)
    return ephemeralText('Pitfall reminders are already off.');
  await updateGuildSettings(
    ctx.db,
    member.guildId,
    { remindersNextRunAt: null, remindersFailures: 0, remindersProblem: null },
    ctx.clock(),
  );
  ctx.log.info({ guildId: member.guildId, userId: member.userId }, 'reminders turned off');
  return ephemeralText('Pitfall reminders are off. Turn them on again with `/config reminders`.');
}

async function setChannel(
  interaction: ChatInputInteraction,
  member: GuildMember,
  ctx: Context,
  purpose: 'openings' | 'assessments',
) {
  const options = parseOptions(channelOptions, readOptions(interaction).values);
  const channel = pickedChannel(interaction, purpose, options.channel);
  const now = ctx.clock();
  const ids = { guildId: member.guildId, userId: member.userId, channelId: channel.id, purpose };
  if (purpose === 'assessments') {
    await updateGuildSettings(
      ctx.db,
      member.guildId,
      { assessmentsChannelId: channel.id, assessmentsProblem: null },
      now,
    );
    ctx.log.info(ids, 'channel set');
    return ephemeralText(`Shared assessment summaries will be posted in <#${channel.id}>.`);
  }
  // Setting the channel is also how a moderator says it is fixed: the posts waiting are sent.
  const { queued, stale } = await ctx.db.transaction(async (tx) => {
    await updateGuildSettings(
      tx,
      member.guildId,
      { openingsChannelId: channel.id, openingsChannelType: channel.type, openingsProblem: null },
      now,
    );
    return {
      queued: await requeueUnpostedOpenings(tx, member.guildId, now),
      stale: await requeueStaleOpeningPosts(tx, member.guildId, now),
    };
  });
  ctx.log.info({ ...ids, queued, stale }, 'channel set');
  return ephemeralText(
    `New research openings will be posted in <#${channel.id}>.${waitingNote(queued, stale, ctx)}`,
  );
}

function waitingNote(queued: number, stale: number, ctx: Context): string {
  // The scheduler sends a batch per tick: a long backlog takes a few ticks.
  const when = `${queued + stale > POST_RETRY.batchSize ? 'starting ' : ''}within ${Math.ceil(ctx.config.schedulerTickMs / 1000)} seconds`;
  const notes: string[] = [];
  if (queued > 0) {
    const which = queued === 1 ? 'The 1 open opening' : `The ${queued} open openings`;
    notes.push(` ${which} not posted yet will be posted there ${when}.`);
  }
  if (stale > 0) {
    const which = stale === 1 ? 'The 1 post' : `The ${stale} posts`;
    notes.push(` ${which} the bot could not bring up to date will be edited ${when}.`);
  }
  return notes.join('');
}

async function show(member: GuildMember, ctx: Context) {
  const settings = await getGuildSettings(ctx.db, member.guildId);
  return reply({ embeds: [renderSettingsEmbed(settings, ctx.clock())] });
}

export const configCommand: Command = {
  data: configCommandData,
  subcommands: {
    reminders: (interaction, ctx) => setReminders(interaction, guildMember(interaction), ctx),
    'reminders-off': (interaction, ctx) => turnRemindersOff(guildMember(interaction), ctx),
    openings: (interaction, ctx) => setChannel(interaction, guildMember(interaction), ctx, 'openings'),
    assessments: (interaction, ctx) => setChannel(interaction, guildMember(interaction), ctx, 'assessments'),
    show: (interaction, ctx) => show(guildMember(interaction), ctx),
  },
};
