import type { APIInteraction } from 'discord-api-types/v10';
import { getMemberItem, searchMemberItems } from '../src/db/queries/portfolio-items.ts';
import { truncate } from '../src/discord/limits.ts';
import { UserError } from '../src/errors.ts';
import { STATUS_LABELS } from '../src/portfolio/catalog.ts';
import { PORTFOLIO_PREFIX, parsePortfolioCustomId } from '../src/portfolio/custom-ids.ts';
import { portfolioCommandData } from '../src/portfolio/definition.ts';
import { statusesFor } from '../src/portfolio/render.ts';
import {
  askToRemove,
  confirmRemove,
  erasList,
  keep,
  listPage,
  type PortfolioOwner,
  setReminders,
  setStatusFromNudge,
  showStatusMenu,
  snooze,
  startAdd,
  startUpdate,
  submitAdd,
  submitUpdate,
  withRemindersNotice,
} from '../src/portfolio/service.ts';
import {
  addOptionsSchema,
  itemReferenceSchema,
  kindSchema,
  listOptionsSchema,
  nameRejectedOption,
  removeOptionsSchema,
  updateOptionsSchema,
} from '../src/portfolio/validation.ts';
import type { Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readModalFields, readOptions } from '../src/router/options.ts';
import { choices, reply, updateMessage } from '../src/router/responses.ts';

const AUTOCOMPLETE_LIMIT = 25;

/**
 * The user behind a press of a nudge's button: in a DM there is no member, and the server the
 * portfolio belongs to comes from the custom_id (every query is still scoped to this user).
 */
function nudgeOwner(interaction: APIInteraction, guildId: string): PortfolioOwner {
  const userId = interaction.member?.user?.id ?? interaction.user?.id;
  if (typeof userId !== 'string') throw new UserError('That button is not one this bot knows.');
  return { guildId, userId };
}

export const portfolioCommand: Command = {
  data: portfolioCommandData,
  customIdPrefix: PORTFOLIO_PREFIX,

  async execute(interaction, ctx) {
    const member = guildMember(interaction);
    const { subcommand, values } = readOptions(interaction);
    const respond = async () => {
      switch (subcommand) {
        case 'add':
          return startAdd(member, parseOptions(addOptionsSchema, values, nameRejectedOption), ctx);
        case 'list': {
          const filters = parseOptions(listOptionsSchema, values, nameRejectedOption);
          return reply(await listPage(member, filters, 0, ctx));
        }
        case 'update':
          return startUpdate(member, parseOptions(updateOptionsSchema, values, nameRejectedOption), ctx);
        case 'remove':
          return askToRemove(member, parseOptions(removeOptionsSchema, values, nameRejectedOption).item, ctx);
        case 'eras':
          return erasList(member, ctx);
        case 'reminders on':
        case 'reminders off':
          return setReminders(member, subcommand === 'reminders on', ctx);
        default:
          throw new UserError('That subcommand is not one this bot knows. It may have been removed.');
      }
    };
    return withRemindersNotice(member, await respond(), ctx);
  },

  async autocomplete(interaction, ctx) {
    const member = guildMember(interaction);
    const { focused, values } = readOptions(interaction);
    if (focused?.name === 'item') {
      const rows = await searchMemberItems(ctx.db, member.guildId, member.userId, {
        search: truncate(focused.value.trim().replace(/^#/, ''), 100),
        limit: AUTOCOMPLETE_LIMIT,
      });
      return choices(
        rows.map((row) => ({
          name: truncate(`#${row.id} ${row.title} (${STATUS_LABELS[row.status]})`, 100),
          value: String(row.id),
        })),
      );
    }
    if (focused?.name !== 'status') return choices([]);
    // The statuses that fit the kind chosen (add) or the item's kind (update).
    let kind = kindSchema.safeParse(values.kind).data;
    const itemId = itemReferenceSchema.safeParse(values.item).data;
    if (!kind && itemId !== undefined) {
      kind = (await getMemberItem(ctx.db, member.guildId, member.userId, itemId))?.kind;
    }
    const typed = focused.value.trim().toLowerCase();
    const statuses = kind
      ? statusesFor({ kind })
      : (Object.keys(STATUS_LABELS) as Array<keyof typeof STATUS_LABELS>);
    return choices(
      statuses
        .filter((status) => STATUS_LABELS[status].toLowerCase().includes(typed))
        .map((status) => ({ name: STATUS_LABELS[status], value: status })),
    );
  },

  async component(interaction, ctx) {
    const request = parsePortfolioCustomId(decodeCustomId(interaction.data.custom_id).parts);
    switch (request.action) {
      case 'page':
        return updateMessage(await listPage(guildMember(interaction), request.filters, request.page, ctx));
      case 'rm':
        return confirmRemove(guildMember(interaction), request.itemId, request.askedAt, ctx);
      case 'keep':
        return keep(request.itemId);
      case 'nudge-status':
        return showStatusMenu(nudgeOwner(interaction, request.guildId), request.itemId, ctx);
      case 'nudge-set': {
        const values = 'values' in interaction.data ? interaction.data.values : [];
        return setStatusFromNudge(nudgeOwner(interaction, request.guildId), request.itemId, values[0], ctx);
      }
      case 'nudge-snooze':
        return snooze(nudgeOwner(interaction, request.guildId), request.itemId, ctx);
      default:
        throw new UserError('That button is out of date. Run the command again.');
    }
  },

  async modal(interaction, ctx) {
    const member = guildMember(interaction);
    const request = parsePortfolioCustomId(decodeCustomId(interaction.data.custom_id).parts);
    const fields = readModalFields(interaction);
    if (request.action === 'add') return submitAdd(member, request, fields, ctx);
    if (request.action === 'edit') return submitUpdate(member, request, fields, ctx);
    throw new UserError('That form is out of date. Run the command again.');
  },
};
