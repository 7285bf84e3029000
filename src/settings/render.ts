import type { APIEmbed } from 'discord-api-types/v10';
import type { GuildSettings } from '../db/queries/guild-settings.ts';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import { POST_RETRY } from '../openings/retry.ts';
import { isDue } from '../pitfalls/reminder-schedule.ts';
import { describeChannelType } from './channel-rules.ts';

export function describeInterval(hours: number): string {
  if (hours === 1) return 'every hour';
  const days = hours / 24;
  return Number.isInteger(days)
    ? `every ${hours} hours (${days === 1 ? '1 day' : `${days} days`})`
    : `every ${hours} hours`;
}

/** When something happens, as each member's client shows it: date and time, and how soon. */
export function discordTime(date: Date): string {
  return `${discordTimestamp(date, 'f')} (${discordTimestamp(date, 'R')})`;
}

const channel = (id: string) => `<#${id}>`;

const withinTicks = (tickMs: number) => `within ${Math.ceil(tickMs / 1000)} seconds`;

/** The answer to /config reminders. */
export function renderRemindersOn(settings: GuildSettings, now: Date, tickMs: number): string {
  const nextRunAt = settings.remindersNextRunAt ?? now;
  const next = isDue(nextRunAt, now)
    ? `The first one is posted ${withinTicks(tickMs)}.`
    : `The next one is due ${discordTime(nextRunAt)}.`;
  const every = describeInterval(settings.remindersEveryHours ?? 0);
  return `Pitfall reminders are on: ${every} in ${channel(settings.remindersChannelId ?? '')}. ${next}`;
}

/** The answer to /config reminders-off; `turnedOff` is false when they were off already. */
export function renderRemindersOff(turnedOff: boolean): string {
  return turnedOff
    ? 'Pitfall reminders are off. Turn them on again with `/config reminders`.'
    : 'Pitfall reminders are already off.';
}

function newMembersLine(days: number): string {
  return days > 0
    ? `Members can post once they have been in the server ${days === 1 ? '1 day' : `${days} days`}.`
    : 'Members can post from the day they join.';
}

function approvalLine(settings: GuildSettings | null): string {
  if (!settings?.openingsApproval || !settings.openingsReviewChannelId) {
    return 'New openings are posted without review (`/config openings approval:true review:#channel` changes that).';
  }
  return `New openings wait for a moderator's approval in ${channel(settings.openingsReviewChannelId)} (Manage Messages there) before they are posted.`;
}

/** The answer to /config openings: where openings go, and the posts now on their way there. */
export function renderOpeningsSet(
  change: { queued: number; stale: number; reviews: number; settings: GuildSettings },
  tickMs: number,
): string {
  const { queued, stale, reviews, settings } = change;
  // The scheduler sends a batch per tick: a long backlog takes a few ticks.
  const when = `${queued + stale > POST_RETRY.batchSize ? 'starting ' : ''}${withinTicks(tickMs)}`;
  const lines = [`New research openings will be posted in ${channel(settings.openingsChannelId ?? '')}.`];
  if (queued > 0) {
    const which = queued === 1 ? 'The 1 open opening' : `The ${queued} open openings`;
    lines.push(`${which} not posted yet will be posted there ${when}.`);
  }
  if (stale > 0) {
    const which = stale === 1 ? 'The 1 post' : `The ${stale} posts`;
    lines.push(`${which} the bot could not bring up to date will be edited ${when}.`);
  }
  if (reviews > 0) {
    lines.push(
      `${reviews === 1 ? '1 opening' : `${reviews} openings`} awaiting review were sent to the review channel.`,
    );
  }
  lines.push(
    settings.openingsAllowInvites
      ? 'Members may give a Discord server invite as a contact.'
      : 'Discord server invites are refused as contacts.',
    newMembersLine(settings.openingsMinMemberDays),
    approvalLine(settings),
  );
  return lines.join(' ');
}

function remindersSummary(settings: GuildSettings | null, now: Date): string {
  if (!settings?.remindersChannelId || !settings.remindersEveryHours) return 'Off (never set up).';
  const where = `${describeInterval(settings.remindersEveryHours)} in ${channel(settings.remindersChannelId)}`;
  if (settings.remindersNextRunAt === null) return `Off (were ${where}).`;
  const next = isDue(settings.remindersNextRunAt, now)
    ? 'due now: posted on the scheduler’s next run'
    : discordTime(settings.remindersNextRunAt);
  return `On: ${where}.\nNext reminder: ${next}.`;
}

// A reason may quote an error message: keep each field within Discord's limit.
const reasonOf = (problem: string) => truncate(problem, EMBED_LIMITS.fieldValue - 250);

function remindersProblem(settings: GuildSettings): string | null {
  if (!settings.remindersProblem) return null;
  const reason = reasonOf(settings.remindersProblem);
  if (settings.remindersNextRunAt === null) {
    return `The last reminder could not be posted (${reason}), so reminders were turned off. Fix that, then run \`/config reminders\` again.`;
  }
  const inARow = settings.remindersFailures > 1 ? ` ${settings.remindersFailures} times in a row` : '';
  return `Posting the reminder failed${inARow} (${reason}). The bot keeps retrying, waiting longer each time.`;
}

function openingsProblem(settings: GuildSettings): string | null {
  if (!settings.openingsProblem) return null;
  return `Posting in the openings channel failed (${reasonOf(settings.openingsProblem)}). Openings still show in \`/opening list\`, but posts not sent or not brought up to date wait until you fix the cause and run \`/config openings\` again.`;
}

function assessmentsProblem(settings: GuildSettings): string | null {
  if (!settings.assessmentsProblem) return null;
  return `A shared assessment could not be posted (${reasonOf(settings.assessmentsProblem)}). Members' checks are still saved. Fix that, or pick another channel with \`/config assessments\`.`;
}

const field = (name: string, value: string | null) => (value ? [{ name, value }] : []);

/** What `/config show` tells a moderator about the guild's settings at `now`. */
export function renderSettingsEmbed(settings: GuildSettings | null, now: Date): APIEmbed {
  const openings = settings?.openingsChannelId
    ? `${channel(settings.openingsChannelId)}${settings.openingsChannelType === null ? '' : ` (${describeChannelType(settings.openingsChannelType)})`}`
    : 'Not set: new openings are not posted to a channel.';
  const invites = settings?.openingsAllowInvites
    ? 'Allowed as contacts (`/config openings allow_invites:false` refuses them).'
    : 'Refused as contacts (`/config openings allow_invites:true` allows them).';
  const assessments = settings?.assessmentsChannelId ? channel(settings.assessmentsChannelId) : 'Not set.';
  return {
    title: 'Bot settings for this server',
    color: BRAND_COLOR,
    fields: [
      { name: 'Pitfall reminders', value: remindersSummary(settings, now) },
      ...field('Reminders problem', settings && remindersProblem(settings)),
      { name: 'Openings channel', value: openings },
      ...field('Openings channel problem', settings && openingsProblem(settings)),
      { name: 'Discord invites in openings', value: invites },
      { name: 'New members and openings', value: newMembersLine(settings?.openingsMinMemberDays ?? 0) },
      { name: 'Moderator approval of openings', value: approvalLine(settings) },
      { name: 'Assessments channel', value: assessments },
      ...field('Assessments channel problem', settings && assessmentsProblem(settings)),
    ],
  };
}
