import {
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ComponentType,
  PermissionFlagsBits,
  Routes,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getFaqQuestion } from '../db/queries/faq-questions.ts';
import { recordBetterFaqEntry, recordFaqVote } from '../db/queries/faq-votes.ts';
import type { FaqRow } from '../db/queries/faqs.ts';
import { UserError } from '../errors.ts';
import type { ComponentInteraction } from '../router/command.ts';
import { guildMember, hasPermission } from '../router/member.ts';
import { ephemeralText, reply, updateMessage } from '../router/responses.ts';
import { decodeFaqCustomId, NONE_OF_THESE } from './custom-ids.ts';
import { faqSlugSchema } from './entry.ts';
import { betterEntryMessage, faqAnswerMessage, voteConfirmation } from './render.ts';

/** Entries offered in "which entry would have helped?". */
const BETTER_ENTRY_CHOICES = 10;

/** An entry as /faq shows it (counted as a view), with its related entries. */
export async function entryMessage(
  ctx: Context,
  guildId: string,
  entry: FaqRow,
  questionId: number | null,
): Promise<APIInteractionResponseCallbackData> {
  ctx.faqActivity.recordView(guildId, entry.slug, ctx.clock());
  const related = await ctx.faqReads.related(guildId, entry);
  return faqAnswerMessage(entry, related, questionId);
}

async function visibleEntryOrRefuse(ctx: Context, guildId: string, slug: string): Promise<FaqRow> {
  const entry = await ctx.faqReads.visibleEntry(guildId, slug);
  if (!entry) throw new UserError('That FAQ entry is no longer available in this server.');
  return entry;
}

/** The buttons and menus of /faq answers and of Answer with FAQ posts. */
export async function handleFaqComponent(
  interaction: ComponentInteraction,
  ctx: Context,
): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const { guildId, userId } = member;
  const action = decodeFaqCustomId(interaction.data.custom_id);
  switch (action.action) {
    case 'open': {
      const entry = await visibleEntryOrRefuse(ctx, guildId, action.slug);
      return reply(await entryMessage(ctx, guildId, entry, null));
    }
    case 'vote': {
      await visibleEntryOrRefuse(ctx, guildId, action.slug);
      // An answered question is stored only once a vote refers to it; the vote links to it.
      if (action.questionId !== null) await ctx.faqActivity.keepQuestion(action.questionId, guildId);
      const { previous } = await recordFaqVote(ctx.db, {
        guildId,
        slug: action.slug,
        userId,
        helpful: action.helpful,
        questionId: action.questionId,
        now: ctx.clock(),
      });
      const confirmation = voteConfirmation(action.helpful, previous);
      if (action.helpful) return ephemeralText(confirmation);
      const candidates = await betterCandidates(ctx, guildId, action.slug, action.questionId);
      return reply(betterEntryMessage(action.slug, action.questionId, candidates, confirmation));
    }
    case 'better': {
      if (interaction.data.component_type !== ComponentType.StringSelect) {
        throw new UserError('That menu is not one this bot knows. It may be outdated.');
      }
      const [choice] = interaction.data.values;
      const betterSlug =
        choice === NONE_OF_THESE ? NONE_OF_THESE : (await chosenEntry(ctx, guildId, choice)).slug;
      if (!(await recordBetterFaqEntry(ctx.db, { guildId, slug: action.slug, userId, betterSlug }))) {
        throw new UserError(
          'Vote "Not helpful" on the answer first, then pick the entry that would have helped.',
        );
      }
      return updateMessage({
        content:
          betterSlug === NONE_OF_THESE
            ? 'Thanks. Noted that none of these would have helped; moderators see it in the gaps report.'
            : `Thanks. Noted that \`${betterSlug}\` would have helped; moderators see it in the gaps report.`,
        components: [],
      });
    }
    case 'delete':
      return deleteAnswerPost(interaction, ctx, action.invokerId);
  }
}

async function chosenEntry(ctx: Context, guildId: string, choice: string | undefined): Promise<FaqRow> {
  const slug = faqSlugSchema.safeParse(choice);
  if (!slug.success) throw new UserError('Pick one of the entries in the menu.');
  return visibleEntryOrRefuse(ctx, guildId, slug.data);
}

/** The closest entries to the question voted on, else the entries related to the one voted on. */
async function betterCandidates(
  ctx: Context,
  guildId: string,
  votedSlug: string,
  questionId: number | null,
): Promise<Array<Pick<FaqRow, 'slug' | 'question'>>> {
  const asked = questionId === null ? null : await getFaqQuestion(ctx.db, guildId, questionId);
  if (asked) return ctx.faqReads.search(guildId, asked.query, BETTER_ENTRY_CHOICES);
  const voted = await ctx.faqReads.visibleEntry(guildId, votedSlug);
  return voted ? ctx.faqReads.related(guildId, voted) : [];
}

/**
 * Delete on an Answer with FAQ post: for the member who posted it and for Manage Messages. The bot
 * deletes its own message; should Discord refuse, the post is emptied instead.
 */
async function deleteAnswerPost(
  interaction: ComponentInteraction,
  ctx: Context,
  invokerId: string,
): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  if (member.userId !== invokerId && !hasPermission(member, PermissionFlagsBits.ManageMessages)) {
    throw new UserError(
      'Only the member who posted this answer, or someone with Manage Messages, can delete it.',
    );
  }
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  const messageId = interaction.message?.id;
  if (channelId && messageId) {
    try {
      await ctx.rest.delete(Routes.channelMessage(channelId, messageId));
      return ephemeralText('Deleted the answer.');
    } catch (error) {
      ctx.log.warn(
        { err: error, interactionId: interaction.id },
        'faq answer post: delete refused, emptied instead',
      );
    }
  }
  return updateMessage({ content: '*This answer was removed.*', embeds: [], components: [] });
}
