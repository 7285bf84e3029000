import {
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { recordFaqVote } from '../src/db/queries/faq-votes.ts';
import type { FaqRow } from '../src/db/queries/faqs.ts';
import { UserError } from '../src/errors.ts';
import { faqSlugSchema } from '../src/faq/entry.ts';
import { MAX_QUESTION_LENGTH, normalizeText } from '../src/faq/query-text.ts';
import {
  FAQ_PREFIX,
  faqAnswerMessage,
  noMatchMessage,
  pickedSlug,
  suggestionChoices,
  voteConfirmation,
} from '../src/faq/render.ts';
import { FAQ_SEARCH_TUNING, isGoodMatch } from '../src/faq/search.ts';
import { rankSuggestions } from '../src/faq/suggest.ts';
import type { Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { choices, ephemeralText, reply } from '../src/router/responses.ts';

const MAX_CHOICES = 25;

const data = {
  name: 'faq',
  description: 'Ask a question about building an IR research profile and get the FAQ answer',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question in your own words, or pick one of the suggestions',
      required: true,
      autocomplete: true,
      min_length: 1,
      max_length: MAX_QUESTION_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'public',
      description: 'Post the answer for everyone in the channel (default: only you see it)',
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const optionsSchema = z.object({
  question: z
    .string({ message: 'The question option is required.' })
    .trim()
    .min(1, 'Type a question in the question option.')
    .max(MAX_QUESTION_LENGTH, `The question option takes at most ${MAX_QUESTION_LENGTH} characters.`),
  public: z.boolean({ message: 'The public option must be true or false.' }).default(false),
});

async function showEntry(
  ctx: Context,
  guildId: string,
  entry: FaqRow,
  queryId: number,
  ephemeral: boolean,
): Promise<APIInteractionResponse> {
  ctx.faqActivity.recordView(guildId, entry.slug, ctx.clock());
  const related = await ctx.faqReads.related(guildId, entry);
  return reply(faqAnswerMessage(entry, related, queryId), { ephemeral });
}

async function execute(
  interaction: Parameters<Command['execute']>[0],
  ctx: Context,
): Promise<APIInteractionResponse> {
  const { guildId } = guildMember(interaction);
  const options = parseOptions(optionsSchema, readOptions(interaction).values);
  const ephemeral = !options.public;

  const slug = pickedSlug(options.question);
  if (slug !== null) {
    const picked = faqSlugSchema.safeParse(slug);
    if (picked.success) {
      const entry = await ctx.faqReads.visibleEntry(guildId, picked.data);
      if (!entry)
        throw new UserError(
          'That FAQ entry is no longer available in this server. Try typing your question.',
        );
      return showEntry(ctx, guildId, entry, 0, ephemeral);
    }
  }

  const normalized = normalizeText(options.question);
  // Nothing searchable (only emoji or punctuation): nothing worth showing moderators either.
  if (normalized === '') return reply(noMatchMessage([], { recorded: false }));
  const found = await ctx.faqReads.search(guildId, options.question, FAQ_SEARCH_TUNING.depth);
  const [best] = found;
  const answered = best !== undefined && isGoodMatch(best.score);
  const queryId = await ctx.faqActivity.recordQuery({
    guildId,
    query: options.question,
    normalized,
    matchedSlug: best?.slug ?? null,
    score: best?.score ?? 0,
    answered,
    askedAt: ctx.clock(),
  });
  if (answered) return showEntry(ctx, guildId, best, queryId, ephemeral);
  ctx.log.info({ guildId, queryId, interactionId: interaction.id }, 'faq question without a good answer');
  return reply(noMatchMessage(found.slice(0, 3), { recorded: true }));
}

async function autocomplete(interaction: Parameters<NonNullable<Command['autocomplete']>>[0], ctx: Context) {
  // Any throw here becomes an empty list in the router: the member can still send the question as typed.
  const { guildId } = guildMember(interaction);
  const typed = String(readOptions(interaction).focused?.value ?? '').slice(0, MAX_QUESTION_LENGTH);
  const mostViewed = () => ctx.faqReads.mostViewed(guildId, MAX_CHOICES);
  if (normalizeText(typed) === '') return choices(suggestionChoices(await mostViewed()));
  const [starts, matches] = await Promise.all([
    ctx.faqReads.byQuestionStart(guildId, typed, MAX_CHOICES),
    // After a space the last word is finished: "pub " is the word pub, not any word starting so.
    ctx.faqReads.search(guildId, typed, MAX_CHOICES, { prefixLastWord: !/\s$/.test(typed) }),
  ]);
  const suggestions = rankSuggestions(starts, matches, MAX_CHOICES);
  // Nothing fits the first letters yet: the most viewed entries beat an empty list.
  return choices(suggestionChoices(suggestions.length > 0 ? suggestions : await mostViewed()));
}

const openParts = z.tuple([z.literal('open'), faqSlugSchema]);
const voteParts = z.tuple([
  z.literal('vote'),
  faqSlugSchema,
  z.coerce.number().int().min(0).max(2_147_483_647),
  z.enum(['yes', 'no']),
]);

async function component(
  interaction: Parameters<NonNullable<Command['component']>>[0],
  ctx: Context,
): Promise<APIInteractionResponse> {
  const { guildId, userId } = guildMember(interaction);
  const { parts } = decodeCustomId(interaction.data.custom_id);
  const open = openParts.safeParse(parts);
  const vote = voteParts.safeParse(parts);
  const slug = open.success ? open.data[1] : vote.success ? vote.data[1] : null;
  if (slug === null) throw new UserError('That button is not one this bot knows. It may be outdated.');
  const entry = await ctx.faqReads.visibleEntry(guildId, slug);
  if (!entry) throw new UserError('That FAQ entry is no longer available in this server.');
  if (open.success) return showEntry(ctx, guildId, entry, 0, true);
  if (!vote.success) throw new UserError('That button is not one this bot knows. It may be outdated.');
  const helpful = vote.data[3] === 'yes';
  const queryId = vote.data[2] === 0 ? null : vote.data[2];
  // An answered question is stored only once a vote refers to it; the vote links to it.
  if (queryId !== null) await ctx.faqActivity.keepQuery(queryId);
  const { previous } = await recordFaqVote(ctx.db, {
    guildId,
    slug,
    userId,
    helpful,
    queryId,
    now: ctx.clock(),
  });
  return ephemeralText(voteConfirmation(helpful, previous));
}

export const faqCommand: Command = {
  data,
  customIdPrefix: FAQ_PREFIX,
  isEphemeral: (interaction) => {
    const result = optionsSchema.safeParse(readOptions(interaction).values);
    return !(result.success && result.data.public);
  },
  execute,
  autocomplete,
  component,
};
