import type { Context } from '../context.ts';
import {
  type AlertFilters,
  type AlertNews,
  claimAlertNews,
  deleteMemberOpeningAlerts,
  getOpeningAlert,
  type OpeningAlert,
  setOpeningAlert,
  untellAlertNews,
} from '../db/queries/opening-alerts.ts';
import { sendDirectMessage } from '../discord/direct-messages.ts';
import { escapeInline } from '../discord/safe-text.ts';
import type { GuildMember } from '../router/member.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { HOUR_MS } from '../time.ts';
import { FOCUS_SHORT_LABELS, KIND_LABELS, ROLE_LABELS } from './catalog.ts';

/** A member hears about new openings at most once an hour, in one message. */
export const ALERT_GAP_MS = HOUR_MS;
const ALERT_BATCH = 25;

/** What `/opening alerts set` did: a member has one alert per server, so a new one replaces the old. */
export interface AlertChange {
  alert: AlertFilters;
  /** The alert it replaced, or null when the member had none. */
  previous: AlertFilters | null;
  /** True when the member asked for the alert they already have: nothing was changed. */
  unchanged: boolean;
}

const sameFilters = (a: AlertFilters, b: AlertFilters) =>
  a.kind === b.kind && a.focus === b.focus && a.remote === b.remote && a.role === b.role;

/**
 * Sets the member's alert. Every combination of filters matches some opening a member can post, so
 * none is refused; asking again for the alert one has changes nothing (it would otherwise forget
 * the openings not told of yet).
 */
export async function setAlert(
  ctx: Context,
  member: GuildMember,
  filters: AlertFilters,
): Promise<AlertChange> {
  const existing = await getOpeningAlert(ctx.db, member.guildId, member.userId);
  if (existing && sameFilters(existing, filters))
    return { alert: existing, previous: existing, unchanged: true };
  const alert = await setOpeningAlert(ctx.db, member.guildId, member.userId, filters, ctx.clock());
  ctx.log.info({ guildId: member.guildId, userId: member.userId }, 'opening alert set');
  return { alert, previous: existing, unchanged: false };
}

/** False when the member had no alert. */
export async function turnAlertOff(ctx: Context, member: GuildMember): Promise<boolean> {
  return (await deleteMemberOpeningAlerts(ctx.db, member.guildId, member.userId)) > 0;
}

export function showAlert(ctx: Context, member: GuildMember): Promise<OpeningAlert | null> {
  return getOpeningAlert(ctx.db, member.guildId, member.userId);
}

/** The alert's filters in words, "any opening" when it has none. */
export function describeAlert(alert: AlertFilters): string {
  const parts = [
    alert.kind ? KIND_LABELS[alert.kind] : null,
    alert.focus ? FOCUS_SHORT_LABELS[alert.focus] : null,
    alert.remote === null ? null : alert.remote ? 'remote' : 'on site',
    alert.role ? ROLE_LABELS[alert.role] : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : 'any new opening';
}

export function renderAlertSet(change: AlertChange): string {
  const described = describeAlert(change.alert);
  if (change.unchanged) return `You already have this alert: ${described}. Nothing was changed.`;
  const what =
    described === 'any new opening'
      ? 'every new opening (you gave no filter; add some to narrow it)'
      : described;
  const replaced = change.previous
    ? ` It replaces your earlier alert (${describeAlert(change.previous)}).`
    : '';
  return `Alert set: ${what}.${replaced} You get a direct message (at most one an hour) when such an opening is posted, never for your own. Your DMs must be open to members of this server.`;
}

export function renderAlertOff(removed: boolean): string {
  return removed ? 'Your alert is off.' : 'You have no alert in this server.';
}

export function renderAlertShown(alert: AlertFilters | null): string {
  return alert
    ? `Your alert: ${describeAlert(alert)}. \`/opening alerts off\` stops it.`
    : 'You have no alert in this server. Set one with `/opening alerts set`.';
}

export function renderAlertNews(news: AlertNews): string {
  const lines = news.openings.map((opening) => `• #${opening.id} ${escapeInline(opening.title)}`);
  return [
    `**New research ${news.openings.length === 1 ? 'opening' : 'openings'} matching your alert:**`,
    ...lines,
    `See them with \`/opening list\` in https://discord.com/channels/${news.guildId}. \`/opening alerts off\` stops these messages.`,
  ].join('\n');
}

/** Sends the alerts that are due: new matching openings, one message per member an hour. */
export const openingAlertTask: SchedulerTask = {
  name: 'opening-alerts',
  async run(ctx) {
    const due = await claimAlertNews(ctx.db, ctx.clock(), { limit: ALERT_BATCH, gapMs: ALERT_GAP_MS });
    for (const news of due) {
      const sent = await sendDirectMessage(ctx, news.userId, { content: renderAlertNews(news) });
      if (sent.ok) continue;
      if (sent.closed) {
        // Nobody can reach them: the alert goes, and /opening alerts show says there is none.
        await deleteMemberOpeningAlerts(ctx.db, news.guildId, news.userId);
        ctx.log.info({ guildId: news.guildId }, 'opening alert removed: the member’s DMs are closed');
        continue;
      }
      await untellAlertNews(ctx.db, news);
      ctx.log.warn(
        { guildId: news.guildId, problem: sent.problem },
        'opening alert not sent; kept for later',
      );
    }
  },
};
