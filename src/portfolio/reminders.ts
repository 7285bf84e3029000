import { type APIInteractionResponse, InteractionResponseType } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { snoozeMemberItem, updateMemberItem } from '../db/queries/portfolio-items.ts';
import { setNudgesEnabled, takeNudgesOffNotice } from '../db/queries/portfolio-nudges.ts';
import { UserError } from '../errors.ts';
import type { GuildMember } from '../router/member.ts';
import { reply, updateMessage } from '../router/responses.ts';
import { statusFitsKind } from './catalog.ts';
import { REMINDERS_OFF, REMINDERS_ON, remindersOffNotice, renderStatusMenu } from './nudge-render.ts';
import { SNOOZE_MS } from './nudges.ts';
import { itemLine } from './render.ts';
import { NO_SUCH_ITEM, type PortfolioOwner, requireItem } from './service.ts';
import { statusSchema, todayAt } from './validation.ts';

/** What /portfolio reminders and the buttons of a reminder's DM do. */

export async function setReminders(member: GuildMember, enabled: boolean, ctx: Context) {
  await setNudgesEnabled(ctx.db, member.guildId, member.userId, enabled, ctx.clock());
  return reply({ content: enabled ? REMINDERS_ON : REMINDERS_OFF });
}

/**
 * Adds why the bot turned the member's reminders off to a message reply, once. A form is not a
 * message, so the notice waits for the next reply that is.
 */
export async function withRemindersNotice(
  member: PortfolioOwner,
  response: APIInteractionResponse,
  ctx: Context,
): Promise<APIInteractionResponse> {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource || !response.data) return response;
  const reason = await takeNudgesOffNotice(ctx.db, member.guildId, member.userId);
  if (reason === null) return response;
  const notice = remindersOffNotice(reason);
  response.data.content = response.data.content ? `${notice}\n\n${response.data.content}` : notice;
  return response;
}

export async function showStatusMenu(owner: PortfolioOwner, itemId: number, ctx: Context) {
  const item = await requireItem(ctx, owner, itemId);
  return reply(renderStatusMenu(owner.guildId, item));
}

export async function setStatusFromNudge(
  owner: PortfolioOwner,
  itemId: number,
  value: unknown,
  ctx: Context,
) {
  const item = await requireItem(ctx, owner, itemId);
  const status = statusSchema.safeParse(value).data;
  if (!status || !statusFitsKind(item.kind, status)) {
    throw new UserError('Pick one of the statuses in the menu. Nothing changed.');
  }
  // The same status again means "still there": no reminder about it for a while.
  if (status === item.status) return snooze(owner, item.id, ctx);
  const now = ctx.clock();
  const updated = await updateMemberItem(
    ctx.db,
    owner.guildId,
    owner.userId,
    item.id,
    { status, statusSince: todayAt(now) },
    now,
  );
  if (!updated) throw new UserError(NO_SUCH_ITEM);
  return updateMessage({ content: `Updated: ${itemLine(updated)}`, components: [] });
}

export async function snooze(owner: PortfolioOwner, itemId: number, ctx: Context) {
  const until = new Date(ctx.clock().getTime() + SNOOZE_MS);
  if (!(await snoozeMemberItem(ctx.db, owner.guildId, owner.userId, itemId, until))) {
    throw new UserError(NO_SUCH_ITEM);
  }
  return reply({ content: `No reminder about #${itemId} for 4 weeks.` });
}
