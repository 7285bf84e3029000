import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { createKeystrokes } from './keystrokes.ts';
import { normalizeText } from './query-text.ts';
import { suggestionChoices } from './render.ts';
import { rankSuggestions } from './suggest.ts';

const MAX_CHOICES = 25;
/** Suggestions are found from the start of what is typed; the rest of a long question adds only work. */
const AUTOCOMPLETE_TEXT_LENGTH = 200;

const keystrokes = createKeystrokes();
const turnOfTheEventLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The suggestions for what a member has typed so far: entries whose question starts with it, then
 * the search. An autocomplete the same member's next keystroke has overtaken gets an empty list,
 * or, overtaken while reading, the question starts only: Discord shows just the newest list.
 */
export async function suggestFaqs(
  ctx: Context,
  member: { guildId: string; userId: string },
  value: string,
): Promise<APIApplicationCommandOptionChoice[]> {
  const { guildId } = member;
  const typed = value.slice(0, AUTOCOMPLETE_TEXT_LENGTH);
  const mostViewed = () => ctx.faqReads.mostViewed(guildId, MAX_CHOICES);
  if (normalizeText(typed) === '') return suggestionChoices(await mostViewed());
  const overtaken = keystrokes.start(guildId, member.userId);
  // Requests already waiting get to register first: under load, the member's next keystroke often has.
  await turnOfTheEventLoop();
  if (overtaken()) return [];
  const starts = await ctx.faqReads.byQuestionStart(guildId, typed, MAX_CHOICES);
  // Question starts come before every search match: a full list of them leaves the search nothing to add.
  const searchAddsNothing = starts.length >= MAX_CHOICES;
  // Each read holds the thread while it runs (PGlite): a slash command that arrived meanwhile goes between.
  if (!searchAddsNothing) await turnOfTheEventLoop();
  const matches =
    overtaken() || searchAddsNothing
      ? []
      : // After a space the last word is finished: "pub " is the word pub, not any word starting so.
        await ctx.faqReads.search(guildId, typed, MAX_CHOICES, { prefixLastWord: !/\s$/.test(typed) });
  const suggestions = rankSuggestions(starts, matches, MAX_CHOICES);
  // Nothing fits the first letters yet: the most viewed entries beat an empty list.
  return suggestionChoices(suggestions.length > 0 ? suggestions : await mostViewed());
}
