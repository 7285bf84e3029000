import {
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { UserError } from '../src/errors.ts';
import { askFaq } from '../src/faq/ask.ts';
import { entryMessage, handleFaqComponent } from '../src/faq/components.ts';
import { FAQ_PREFIX } from '../src/faq/custom-ids.ts';
import { faqSlugSchema } from '../src/faq/entry.ts';
import { MAX_QUESTION_LENGTH, normalizeText } from '../src/faq/query-text.ts';
import { closestEntryMessage, noMatchMessage, pickedSlug, suggestionChoices } from '../src/faq/render.ts';
import { rankSuggestions } from '../src/faq/suggest.ts';
import type { Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { choices, reply } from '../src/router/responses.ts';

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
      return reply(await entryMessage(ctx, guildId, entry, null), { ephemeral });
    }
  }

  const outcome = await askFaq(ctx, guildId, options.question);
  if (outcome.kind === 'answer') {
    return reply(await entryMessage(ctx, guildId, outcome.entry, outcome.queryId), { ephemeral });
  }
  if (outcome.kind === 'closest') {
    ctx.faqActivity.recordView(guildId, outcome.entry.slug, ctx.clock());
    return reply(closestEntryMessage(outcome.entry, outcome.nextClosest, outcome.queryId), { ephemeral });
  }
  if (outcome.recorded) {
    ctx.log.info({ guildId, interactionId: interaction.id }, 'faq question off topic');
  }
  return reply(noMatchMessage({ recorded: outcome.recorded }));
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

async function component(
  interaction: Parameters<NonNullable<Command['component']>>[0],
  ctx: Context,
): Promise<APIInteractionResponse> {
  return handleFaqComponent(interaction, ctx);
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
