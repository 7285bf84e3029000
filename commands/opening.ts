import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Context } from '../src/context.ts';
import { addOpeningInterest } from '../src/db/queries/opening-interests.ts';
import {
  claimOpeningPost,
  closeOpening,
  createOpening,
  getOpening,
  listOpeningChoices,
  listOpenOpenings,
  listRecentOpeningsByAuthor,
  renewOpening,
} from '../src/db/queries/openings.ts';
import { truncate } from '../src/discord/limits.ts';
import { UserError } from '../src/errors.ts';
import { STATUS_LABELS } from '../src/openings/catalog.ts';
import {
  type ListFilters,
  OPENING_PREFIX,
  type PostDraft,
  parseOpeningCustomId,
  postFormCustomId,
} from '../src/openings/custom-ids.ts';
import { openingCommandData, openingFormModal } from '../src/openings/definition.ts';
import { publishOpening } from '../src/openings/publisher.ts';
import {
  describePostingRefusal,
  pageCount,
  renderInterestReply,
  renderOpeningList,
  renderPostConfirmation,
} from '../src/openings/render.ts';
import { postLeaseUntil } from '../src/openings/retry.ts';
import { DUPLICATE_WINDOW_MS, expiryFrom, LIST_PAGE_SIZE, postingRefusal } from '../src/openings/rules.ts';
import {
  closeOptionsSchema,
  listOptionsSchema,
  nameRejectedOption,
  parseOpeningForm,
  postOptionsSchema,
  renewOptionsSchema,
} from '../src/openings/validation.ts';
import type { Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { type GuildMember, guildMember, hasPermission } from '../src/router/member.ts';
import { parseOptions, readModalFields, readOptions } from '../src/router/options.ts';
import { choices, ephemeralText, reply, showModal, updateMessage } from '../src/router/responses.ts';

const AUTOCOMPLETE_LIMIT = 25;

/** Members who can manage messages may close any opening; everyone else only their own. */
function mayCloseAnyOpening(member: GuildMember): boolean {
  return hasPermission(member, PermissionFlagsBits.ManageMessages);
}

export const openingCommand: Command = {
  data: openingCommandData,
  customIdPrefix: OPENING_PREFIX,

  subcommands: {
    post: (interaction, ctx) => startPost(guildMember(interaction), readOptions(interaction).values, ctx),
    list: async (interaction, ctx) => {
      const { guildId } = guildMember(interaction);
      const values = readOptions(interaction).values;
      const filters: ListFilters = parseOptions(listOptionsSchema, values, nameRejectedOption);
      return reply(await listPage(ctx, guildId, filters, 0));
    },
    close: (interaction, ctx) => close(guildMember(interaction), readOptions(interaction).values, ctx),
    renew: (interaction, ctx) => renew(guildMember(interaction), readOptions(interaction).values, ctx),
  },

  async autocomplete(interaction, ctx) {
    const member = guildMember(interaction);
    const { subcommand, focused } = readOptions(interaction);
    if (focused?.name !== 'opening') return choices([]);
    const own = subcommand === 'renew' || !mayCloseAnyOpening(member);
    const rows = await listOpeningChoices(ctx.db, member.guildId, {
      status: subcommand === 'renew' ? 'expired' : 'open',
      ...(own ? { authorId: member.userId } : {}),
      search: truncate(focused.value, 100),
      limit: AUTOCOMPLETE_LIMIT,
    });
    return choices(
      rows.map((row) => ({
        name: truncate(`#${row.id} ${row.title} (${row.institution})`, 100),
        value: String(row.id),
      })),
    );
  },

  async component(interaction, ctx) {
    const member = guildMember(interaction);
    const request = parseOpeningCustomId(decodeCustomId(interaction.data.custom_id).parts);
    if (request.action === 'page') {
      return updateMessage(await listPage(ctx, member.guildId, request.filters, request.page));
    }
    if (request.action === 'interest') return showInterest(member, request.openingId, ctx);
    throw new UserError('That button is out of date. Run the command again.');
  },

  async modal(interaction, ctx) {
    const member = guildMember(interaction);
    const request = parseOpeningCustomId(decodeCustomId(interaction.data.custom_id).parts);
    if (request.action !== 'post') throw new UserError('That form is out of date. Run the command again.');
    return submitPost(member, request.draft, readModalFields(interaction), ctx);
  },
};

async function startPost(member: GuildMember, values: unknown, ctx: Context) {
  const options = parseOptions(postOptionsSchema, values, nameRejectedOption);
  // Checked before the form too, so nobody fills it in for nothing; checked again on submit.
  const now = ctx.clock();
  const recent = await listRecentOpeningsByAuthor(
    ctx.db,
    member.guildId,
    member.userId,
    new Date(now.getTime() - DUPLICATE_WINDOW_MS),
  );
  const refusal = postingRefusal(recent, now);
  if (refusal) throw new UserError(describePostingRefusal(refusal));
  const draft: PostDraft = {
    kind: options.kind,
    focus: options.focus,
    remote: options.remote,
    role: options.role,
    expiresInDays: options.expires_in_days,
    guildId: member.guildId,
  };
  return showModal(openingFormModal(postFormCustomId(draft)));
}

async function submitPost(
  member: GuildMember,
  draft: PostDraft,
  fields: Record<string, string>,
  ctx: Context,
) {
  if (draft.guildId !== member.guildId) {
    throw new UserError('That form belongs to another server. Run `/opening post` here to post in this one.');
  }
  const form = parseOpeningForm(fields);
  const now = ctx.clock();
  const result = await createOpening(
    ctx.db,
    {
      guildId: member.guildId,
      authorId: member.userId,
      ...form,
      kind: draft.kind,
      focus: draft.focus,
      remote: draft.remote,
      role: draft.role,
      expiresAt: expiryFrom(now, draft.expiresInDays),
    },
    { now, recentSince: new Date(now.getTime() - DUPLICATE_WINDOW_MS), leaseUntil: postLeaseUntil(now) },
    (recent) => postingRefusal(recent, now, form),
  );
  if (result.refusal) throw new UserError(describePostingRefusal(result.refusal));
  ctx.log.info({ guildId: member.guildId, openingId: result.opening.id }, 'opening created');
  const published = await publishOpening(ctx, result.opening);
  const opening = published.opening ?? result.opening;
  return reply({ content: renderPostConfirmation(opening, confirmationOutcome(published.outcome)) });
}

function confirmationOutcome(outcome: Awaited<ReturnType<typeof publishOpening>>['outcome']) {
  return outcome === 'posted' || outcome === 'no-channel' || outcome === 'channel-refused'
    ? outcome
    : 'retrying';
}

async function listPage(ctx: Context, guildId: string, filters: ListFilters, requestedPage: number) {
  const now = ctx.clock();
  let page = requestedPage;
  let result = await listOpenOpenings(ctx.db, guildId, filters, {
    limit: LIST_PAGE_SIZE,
    offset: page * LIST_PAGE_SIZE,
    now,
  });
  const lastPage = pageCount(result.total) - 1;
  if (result.rows.length === 0 && page > lastPage) {
    // Openings closed since the list was shown: show the last page that still has some.
    page = lastPage;
    result = await listOpenOpenings(ctx.db, guildId, filters, {
      limit: LIST_PAGE_SIZE,
      offset: page * LIST_PAGE_SIZE,
      now,
    });
  }
  return renderOpeningList({ ...result, page, filters });
}

async function showInterest(member: GuildMember, openingId: number, ctx: Context) {
  const opening = await getOpening(ctx.db, member.guildId, openingId);
  if (!opening) throw new UserError('That opening no longer exists in this server.');
  const now = ctx.clock();
  // Past its expiry counts as expired even before the sweep has marked it.
  const closedAs = opening.status === 'open' && opening.expiresAt <= now ? 'expired' : opening.status;
  if (closedAs !== 'open') {
    throw new UserError(
      `That opening is closed (${STATUS_LABELS[closedAs].toLowerCase()}), so it is not looking for helpers.`,
    );
  }
  if (opening.authorId === member.userId) {
    throw new UserError('That is your own opening. Members who press the button get your contact details.');
  }
  const firstTime = await addOpeningInterest(ctx.db, member.guildId, opening.id, member.userId, now);
  if (firstTime && opening.messageId) await refreshPost(ctx, opening.guildId, opening.id);
  return ephemeralText(renderInterestReply(opening, firstTime));
}

/**
 * Edits the opening's post to show its current state (or queues the edit if Discord refuses). If
 * another sender holds the post, the edit is left to it (or to the retry task after it).
 */
async function refreshPost(ctx: Context, guildId: string, openingId: number) {
  const now = ctx.clock();
  const claimed = await claimOpeningPost(ctx.db, guildId, openingId, {
    now,
    leaseUntil: postLeaseUntil(now),
  });
  if (claimed) await publishOpening(ctx, claimed);
}

async function close(member: GuildMember, values: unknown, ctx: Context) {
  const options = parseOptions(closeOptionsSchema, values, nameRejectedOption);
  const opening = await getOpening(ctx.db, member.guildId, options.opening);
  if (!opening)
    throw new UserError('There is no such opening in this server. Pick one from the suggestions.');
  if (opening.authorId !== member.userId && !mayCloseAnyOpening(member)) {
    throw new UserError(
      'Only the member who posted this opening, or a moderator with Manage Messages, can close it.',
    );
  }
  const closed = await closeOpening(ctx.db, member.guildId, opening.id, options.status, ctx.clock());
  if (!closed) {
    throw new UserError(`That opening is already closed (${STATUS_LABELS[opening.status].toLowerCase()}).`);
  }
  ctx.log.info({ guildId: member.guildId, openingId: opening.id, status: options.status }, 'opening closed');
  if (closed.messageId) await refreshPost(ctx, closed.guildId, closed.id);
  return ephemeralText(
    `Closed **${closed.title}** (#${closed.id}) as ${STATUS_LABELS[options.status].toLowerCase()}. It no longer shows in \`/opening list\`${closed.messageId ? ' and its post says so' : ''}.`,
  );
}

async function renew(member: GuildMember, values: unknown, ctx: Context) {
  const options = parseOptions(renewOptionsSchema, values, nameRejectedOption);
  const opening = await getOpening(ctx.db, member.guildId, options.opening);
  if (!opening || opening.authorId !== member.userId) {
    throw new UserError('You have no such opening in this server. Pick one of yours from the suggestions.');
  }
  if (opening.status !== 'expired') {
    throw new UserError(
      opening.status === 'open'
        ? 'That opening is still open; only expired openings can be renewed.'
        : `That opening was closed as ${opening.status}; post a new one with \`/opening post\` instead.`,
    );
  }
  const now = ctx.clock();
  const renewed = await renewOpening(ctx.db, member.guildId, opening.id, member.userId, {
    now,
    expiresAt: expiryFrom(now, options.expires_in_days),
    leaseUntil: postLeaseUntil(now),
  });
  if (!renewed) throw new UserError('That opening changed meanwhile; check `/opening list` and try again.');
  ctx.log.info({ guildId: member.guildId, openingId: renewed.id }, 'opening renewed');
  const published = await publishOpening(ctx, renewed);
  return reply({
    content: renderPostConfirmation(
      published.opening ?? renewed,
      confirmationOutcome(published.outcome),
      'open again',
    ),
  });
}
