import type { APIInteractionResponse } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { UserError } from '../src/errors.ts';
import { askFaq } from '../src/faq/ask.ts';
import { suggestFaqs } from '../src/faq/autocomplete.ts';
import { entryMessage, handleFaqComponent } from '../src/faq/components.ts';
import { FAQ_PREFIX } from '../src/faq/custom-ids.ts';
import { faqCommandData } from '../src/faq/definition.ts';
import { faqSlugSchema } from '../src/faq/entry.ts';
import { MAX_QUESTION_LENGTH } from '../src/faq/query-text.ts';
import { closestEntryMessage, noMatchMessage, pickedSlug } from '../src/faq/render.ts';
import type { AutocompleteInteraction, ChatInputInteraction, Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions, wantsPublicReply } from '../src/router/options.ts';
import { choices, reply } from '../src/router/responses.ts';

const optionsSchema = z.object({
  question: z
    .string({ error: 'The question option is required.' })
    .trim()
    .min(1, { error: 'Type a question in the question option.' })
    .max(MAX_QUESTION_LENGTH, {
      error: `The question option takes at most ${MAX_QUESTION_LENGTH} characters.`,
    }),
});

async function execute(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const { guildId } = guildMember(interaction);
  const options = parseOptions(optionsSchema, readOptions(interaction).values);
  const ephemeral = !wantsPublicReply(interaction);

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
    return reply(await entryMessage(ctx, guildId, outcome.entry, outcome.questionId), { ephemeral });
  }
  if (outcome.kind === 'closest') {
    ctx.faqActivity.recordView(guildId, outcome.entry.slug, ctx.clock());
    return reply(closestEntryMessage(outcome.entry, outcome.nextClosest, outcome.questionId), { ephemeral });
  }
  if (outcome.recorded) ctx.log.info({ guildId, interactionId: interaction.id }, 'faq question off topic');
  return reply(noMatchMessage({ recorded: outcome.recorded }));
}

async function autocomplete(interaction: AutocompleteInteraction, ctx: Context, overtaken: () => boolean) {
  // Any throw here becomes an empty list in the router: the member can still send the question as typed.
  const { guildId } = guildMember(interaction);
  const typed = String(readOptions(interaction).focused?.value ?? '');
  return choices(await suggestFaqs(ctx, { guildId, typed, overtaken }));
}

export const faqCommand: Command = {
  data: faqCommandData,
  customIdPrefix: FAQ_PREFIX,
  execute,
  autocomplete,
  component: handleFaqComponent,
};
