import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { normalizeText } from './query-text.ts';
import { suggestionChoices } from './render.ts';
import { rankSuggestions, type Suggestion } from './suggest.ts';
import type { SuggestionIndex } from './suggestion-index.ts';

const MAX_CHOICES = 25;
/** Suggestions are found from the start of what is typed; the rest of a long question adds only work. */
const AUTOCOMPLETE_TEXT_LENGTH = 200;
/**
 * Fewer suggestions than this from memory, and the full search is asked too: it also reads the
 * answers, and its typo correction reaches words the index does not know.
 */
const FEW_SUGGESTIONS = 5;

const turnOfTheEventLoop = () => new Promise((resolve) => setImmediate(resolve));

interface Typing {
  guildId: string;
  typed: string;
  /** After a space the last word is finished: "pub " is the word pub, not any word starting so. */
  prefixLastWord: boolean;
  overtaken: () => boolean;
}

/**
 * The suggestions for what a member has typed so far: entries whose question starts with it, then
 * entries holding its words, from the guild's index in memory; the full search only when that
 * finds few. An autocomplete the same member's next keystroke has overtaken gets an empty list, or,
 * overtaken while reading, what was found so far: Discord shows just the newest list.
 */
export async function suggestFaqs(
  ctx: Context,
  request: { guildId: string; typed: string; overtaken: () => boolean },
): Promise<APIApplicationCommandOptionChoice[]> {
  const { guildId, overtaken } = request;
  const typed = request.typed.slice(0, AUTOCOMPLETE_TEXT_LENGTH);
  const mostViewed = () => ctx.faqReads.mostViewed(guildId, MAX_CHOICES);
  if (normalizeText(typed) === '') return suggestionChoices(await mostViewed());
  // Requests already waiting get to register first: under load, the member's next keystroke often has.
  await turnOfTheEventLoop();
  if (overtaken()) return [];
  const typing = { guildId, typed, prefixLastWord: !/\s$/.test(typed), overtaken };
  const index = await ctx.faqReads.suggestionIndex(guildId);
  if (overtaken()) return [];
  const suggestions = index ? await fromIndex(ctx, index, typing) : await fromDatabase(ctx, typing);
  // Nothing fits the first letters yet: the most viewed entries beat an empty list.
  return suggestionChoices(suggestions.length > 0 ? suggestions : await mostViewed());
}

async function fromIndex(ctx: Context, index: SuggestionIndex, typing: Typing): Promise<Suggestion[]> {
  const normalized = normalizeText(typing.typed);
  const starts = index.questionStarts(normalized, MAX_CHOICES);
  // Question starts come before every other match: a full list of them leaves the rest nothing to add.
  if (starts.length >= MAX_CHOICES) return rankSuggestions(starts, [], MAX_CHOICES);
  const words = wordMatches(index, normalized, typing.prefixLastWord);
  const found = rankSuggestions(starts, words.matches, MAX_CHOICES);
  if (words.allWordsKnown && found.length >= FEW_SUGGESTIONS) return found;
  const searched = await search(ctx, typing);
  // A typed word no question, alias or tag holds: the search, which also reads answers and corrects it, ranks.
  return rankSuggestions(
    starts,
    words.allWordsKnown ? [...words.matches, ...searched] : searched,
    MAX_CHOICES,
  );
}

/**
 * The entries holding the typed words. A last word no entry has a word starting with is most often
 * misspelt: read as a finished word, the vocabulary corrects it ("felowship") without the search.
 */
function wordMatches(index: SuggestionIndex, normalized: string, prefixLastWord: boolean) {
  const asTyped = index.wordMatches(normalized, MAX_CHOICES, { prefixLastWord });
  if (asTyped.allWordsKnown || !prefixLastWord) return asTyped;
  const finished = index.wordMatches(normalized, MAX_CHOICES, { prefixLastWord: false });
  return finished.allWordsKnown ? finished : asTyped;
}

/** A guild too large to hold in memory: its question starts and the search, from the database. */
async function fromDatabase(ctx: Context, typing: Typing): Promise<Suggestion[]> {
  const starts = await ctx.faqReads.byQuestionStart(typing.guildId, typing.typed, MAX_CHOICES);
  const searched = starts.length >= MAX_CHOICES ? [] : await search(ctx, typing);
  return rankSuggestions(starts, searched, MAX_CHOICES);
}

/** The full search, unless the member typed on meanwhile. */
async function search(ctx: Context, typing: Typing) {
  // Each read holds the thread while it runs (PGlite): a slash command that arrived meanwhile goes between.
  await turnOfTheEventLoop();
  if (typing.overtaken()) return [];
  return ctx.faqReads.search(typing.guildId, typing.typed, MAX_CHOICES, {
    prefixLastWord: typing.prefixLastWord,
  });
}
