import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import type { Context } from '../src/context.ts';
import { UserError } from '../src/errors.ts';
import { PORTFOLIO_PREFIX, parsePortfolioCustomId } from '../src/portfolio/custom-ids.ts';
import { portfolioCommandData } from '../src/portfolio/definition.ts';
import {
  setReminders,
  setStatusFromNudge,
  showStatusMenu,
  snooze,
  withRemindersNotice,
} from '../src/portfolio/reminders.ts';
import {
  askToRemove,
  confirmRemove,
  erasList,
  itemSuggestions,
  keep,
  listPage,
  type PortfolioOwner,
  startAdd,
  startUpdate,
  statusSuggestions,
  submitAdd,
  submitUpdate,
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
import type { ChatInputHandler, ChatInputInteraction, Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { type GuildMember, guildMember } from '../src/router/member.ts';
import { parseOptions, readModalFields, readOptions } from '../src/router/options.ts';
import { choices, reply, updateMessage } from '../src/router/responses.ts';

/**
 * A subcommand's handler for the member who ran it; its reply carries, once, why the bot turned
 * the member's reminders off, if it did.
 */
function forMember(
  handle: (
    member: GuildMember,
    values: Record<string, unknown>,
    ctx: Context,
  ) => Promise<APIInteractionResponse>,
): ChatInputHandler {
  return async (interaction: ChatInputInteraction, ctx) => {
    const member = guildMember(interaction);
    return withRemindersNotice(member, await handle(member, readOptions(interaction).values, ctx), ctx);
  };
}

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

  subcommands: {
    add: forMember((member, values, ctx) =>
      startAdd(member, parseOptions(addOptionsSchema, values, nameRejectedOption), ctx),
    ),
    list: forMember(async (member, values, ctx) =>
      reply(await listPage(member, parseOptions(listOptionsSchema, values, nameRejectedOption), 0, ctx)),
    ),
    update: forMember((member, values, ctx) =>
      startUpdate(member, parseOptions(updateOptionsSchema, values, nameRejectedOption), ctx),
    ),
    remove: forMember((member, values, ctx) =>
      askToRemove(member, parseOptions(removeOptionsSchema, values, nameRejectedOption).item, ctx),
    ),
    eras: forMember((member, _values, ctx) => erasList(member, ctx)),
    'reminders on': forMember((member, _values, ctx) => setReminders(member, true, ctx)),
    'reminders off': forMember((member, _values, ctx) => setReminders(member, false, ctx)),
  },

  async autocomplete(interaction, ctx) {
    const member = guildMember(interaction);
    const { focused, values } = readOptions(interaction);
    if (focused?.name === 'item') return choices(await itemSuggestions(member, focused.value, ctx));
    if (focused?.name !== 'status') return choices([]);
    const chosen = {
      kind: kindSchema.safeParse(values.kind).data,
      itemId: itemReferenceSchema.safeParse(values.item).data,
    };
    return choices(await statusSuggestions(member, focused.value, chosen, ctx));
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
