import { UserError } from '../src/errors.ts';
import {
  renderAlertOff,
  renderAlertSet,
  renderAlertShown,
  setAlert,
  showAlert,
  turnAlertOff,
} from '../src/openings/alerts.ts';
import {
  type ListFilters,
  OPENING_PREFIX,
  parseOpeningCustomId,
  postFormCustomId,
} from '../src/openings/custom-ids.ts';
import { openingCommandData, openingFormModal } from '../src/openings/definition.ts';
import {
  renderClosed,
  renderInterestReply,
  renderNotifySet,
  renderOpeningChoice,
  renderOpeningList,
  renderPostConfirmation,
  renderWarningAnswered,
} from '../src/openings/render.ts';
import { pressReviewButton, rejectWithReason } from '../src/openings/review.ts';
import { rejectionModal, renderReviewDecided } from '../src/openings/review-render.ts';
import {
  answerExpiryWarning,
  checkMayPost,
  closeOpening,
  listOpeningsPage,
  postOpening,
  renewOpening,
  setInterestNotifications,
  showInterest,
  suggestOpenings,
} from '../src/openings/service.ts';
import {
  alertOptionsSchema,
  closeOptionsSchema,
  listOptionsSchema,
  nameRejectedOption,
  notifyOptionsSchema,
  postOptionsSchema,
  renewOptionsSchema,
} from '../src/openings/validation.ts';
import type { Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readModalFields, readOptions } from '../src/router/options.ts';
import { choices, ephemeralText, reply, showModal, updateMessage } from '../src/router/responses.ts';

const AUTOCOMPLETE_LIMIT = 25;

export const openingCommand: Command = {
  data: openingCommandData,
  customIdPrefix: OPENING_PREFIX,

  subcommands: {
    async post(interaction, ctx) {
      const member = guildMember(interaction);
      const options = parseOptions(postOptionsSchema, readOptions(interaction).values, nameRejectedOption);
      // Checked before the form too, so nobody fills it in for nothing; checked again on submit.
      await checkMayPost(ctx, member);
      const { expires_in_days: expiresInDays, ...choices } = options;
      return showModal(
        openingFormModal(postFormCustomId({ ...choices, expiresInDays, guildId: member.guildId })),
      );
    },
    async list(interaction, ctx) {
      const values = readOptions(interaction).values;
      const filters: ListFilters = parseOptions(listOptionsSchema, values, nameRejectedOption);
      return reply(renderOpeningList(await listOpeningsPage(ctx, guildMember(interaction), filters, 0)));
    },
    async 'alerts set'(interaction, ctx) {
      const options = parseOptions(alertOptionsSchema, readOptions(interaction).values, nameRejectedOption);
      return ephemeralText(renderAlertSet(await setAlert(ctx, guildMember(interaction), options)));
    },
    async 'alerts off'(interaction, ctx) {
      return ephemeralText(renderAlertOff(await turnAlertOff(ctx, guildMember(interaction))));
    },
    async 'alerts show'(interaction, ctx) {
      return ephemeralText(renderAlertShown(await showAlert(ctx, guildMember(interaction))));
    },
    async notify(interaction, ctx) {
      const { setting } = parseOptions(
        notifyOptionsSchema,
        readOptions(interaction).values,
        nameRejectedOption,
      );
      await setInterestNotifications(ctx, guildMember(interaction), setting === 'on');
      return ephemeralText(renderNotifySet(setting === 'on'));
    },
    async close(interaction, ctx) {
      const options = parseOptions(closeOptionsSchema, readOptions(interaction).values, nameRejectedOption);
      const closed = await closeOpening(ctx, guildMember(interaction), options.opening, options.status);
      return ephemeralText(renderClosed(closed));
    },
    async renew(interaction, ctx) {
      const options = parseOptions(renewOptionsSchema, readOptions(interaction).values, nameRejectedOption);
      const member = guildMember(interaction);
      const renewed = await renewOpening(ctx, member, options.opening, options.expires_in_days);
      return reply({ content: renderPostConfirmation(renewed.opening, renewed.outcome, 'open again') });
    },
  },

  async autocomplete(interaction, ctx) {
    const member = guildMember(interaction);
    const { subcommand, focused } = readOptions(interaction);
    if (focused?.name !== 'opening' || (subcommand !== 'close' && subcommand !== 'renew')) return choices([]);
    const rows = await suggestOpenings(ctx, member, subcommand, focused.value, AUTOCOMPLETE_LIMIT);
    return choices(rows.map(renderOpeningChoice));
  },

  async component(interaction, ctx) {
    const request = parseOpeningCustomId(decodeCustomId(interaction.data.custom_id).parts);
    if (request.action === 'warned') {
      // From the author's DMs: no server in the interaction, the button names it.
      const answered = await answerExpiryWarning(ctx, interaction, request);
      return updateMessage(renderWarningAnswered(answered.opening, answered.choice));
    }
    const member = guildMember(interaction);
    if (request.action === 'page') {
      const page = await listOpeningsPage(ctx, member, request.filters, request.page);
      return updateMessage(renderOpeningList(page));
    }
    if (request.action === 'review') {
      const pressed = await pressReviewButton(ctx, member, request);
      if (pressed.choice === 'reject') return showModal(rejectionModal(pressed.opening));
      return updateMessage(renderReviewDecided(pressed.decision, member.userId));
    }
    if (request.action === 'interest') {
      const { opening, firstTime } = await showInterest(ctx, member, request.openingId);
      return ephemeralText(renderInterestReply(opening, firstTime));
    }
    throw new UserError('That button is out of date. Run the command again.');
  },

  async modal(interaction, ctx) {
    const member = guildMember(interaction);
    const request = parseOpeningCustomId(decodeCustomId(interaction.data.custom_id).parts);
    if (request.action === 'rejection') {
      const decision = await rejectWithReason(ctx, member, request, readModalFields(interaction));
      return updateMessage(renderReviewDecided(decision, member.userId));
    }
    if (request.action !== 'post') throw new UserError('That form is out of date. Run the command again.');
    const posted = await postOpening(ctx, member, request.draft, readModalFields(interaction));
    return reply({ content: renderPostConfirmation(posted.opening, posted.outcome) });
  },
};
