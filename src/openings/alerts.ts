import type { Context } from '../context.ts';
import {
  type AlertFilters,
  type AlertNews,
  claimAlertNews,
  deleteMemberOpeningAlerts,
  getOpeningAlert,
  type OpeningAlert,
  setOpeningAlert,
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

export async function setAlert(
  ctx: Context,
  member: GuildMember,
  filters: AlertFilters,
): Promise<OpeningAlert> {
  const alert = await setOpeningAlert(ctx.db, member.guildId, member.userId, filters, ctx.clock());
  ctx.log.info({ guildId: member.guildId, userId: member.userId }, 'opening alert set');
  return alert;
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

export function renderAlertSet(alert: AlertFilters): string {
  return `Alert set: ${describeAlert(alert)}. You get a direct message (at most one an hour) when such an opening is posted, never for your own. Your DMs must be open to members of this server.`;
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
      if (!sent.ok && sent.closed) {
        // Nobody can reach them: the alert goes, and /opening alerts show says there is none.
        await deleteMemberOpeningAlerts(ctx.db, news.guildId, news.userId);
        ctx.log.info({ guildId: news.guildId }, 'opening alert removed: the member’s DMs are closed');
      }
    }
  },
};
