import { loadBuiltInFaqs } from './content.ts';
import { FAQ_SEARCH_TUNING } from './search-tuning.ts';
import { buildVocabulary, correctWord, isCorrectable, type Vocabulary } from './typos.ts';
import { commonEnglishWords, memberVocabulary } from './vocabulary.ts';

/**
 * The longest question /faq takes (Discord allows up to 6000 characters in an option). A long
 * question is ranked on its content words, the first MAX_WORDS of them.
 */
export const MAX_QUESTION_LENGTH = 2000;
const MAX_WORDS = 60;
const MAX_WORD_LENGTH = 30;
const MAX_TERMS = 48;
const MIN_PREFIX_LENGTH = 3;
const MAX_UNKNOWN_WORDS = 4;
/** A question of more words than this is ranked without the chat filler in it ("hi guys, please…"). */
const FILLER_KEPT_UP_TO = 4;
/**
 * PostgreSQL's English stop words (tsearch_data/english.stop): the full-text search drops them
 * anyway, so they are left out before counting a long question's words.
 */
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
    'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
    'while of at by for with about against between into through during before after above below to from up ' +
    'down in out on off over under again further then once here there when where why how all any both each ' +
    'few more most other some such no nor not only own same so than too very s t can will just don should now'
  ).split(' '),
);

/**
 * Letters the Unicode decomposition leaves whole, and what they fold to. The same table, with the
 * decomposed accented letters of Latin-1 and Latin Extended-A, is in the database function
 * faq_normalize (migration faq_accent_folding), so both sides fold alike.
 */
export const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
  ŋ: 'n',
  ĳ: 'ij',
  ŉ: 'n',
  ſ: 's',
};
const foldedLetter = new RegExp(`[${Object.keys(FOLDED_LETTERS).join('')}]`, 'g');

/**
 * Lower-case letters and digits separated by single spaces, accents folded ("Publicação" is
 * "publicacao"): the same rule as the database function faq_normalize, so exact-alias and prefix
 * comparisons agree on both sides. Whatever the input (quotes, operators, SQL, emoji, zero-width or
 * right-to-left marks), the result only ever holds [a-z0-9 ].
 */
export function normalizeText(text: string): string {
  return text
    .slice(0, MAX_QUESTION_LENGTH * 2)
    .toLowerCase()
    .replace(foldedLetter, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface QueryTerm {
  /** A word of [a-z0-9] only, safe to hand to to_tsquery. */
  word: string;
  weight: number;
  /** Typed by the member (may be corrected for typos) rather than added from the vocabulary. */
  typed: boolean;
  /** The word the member is still typing (autocomplete): matched as a prefix, never corrected. */
  prefix: boolean;
  /** A known word put for a misspelt one the member typed (src/faq/typos.ts). */
  corrected: boolean;
}

const normalizedEntries = (table: Record<string, string>) =>
  new Map(Object.entries(table).map(([key, value]) => [normalizeText(key), normalizeText(value)]));
const synonymsByKey = normalizedEntries(memberVocabulary.terms);
const translationsByKey = normalizedEntries(memberVocabulary.translations);
const longestKey = Math.max(
  ...[...synonymsByKey.keys(), ...translationsByKey.keys()].map((key) => key.split(' ').length),
);

/** The longest phrase of `table` starting at `index`: its length in words and its value. */
function phraseAt(words: readonly string[], index: number, table: ReadonlyMap<string, string>) {
  for (let length = Math.min(longestKey, words.length - index); length >= 1; length--) {
    const value = table.get(words.slice(index, index + length).join(' '));
    if (value) return { length, value };
  }
  return null;
}
const fillerWords = new Set(memberVocabulary.filler.map(normalizeText));
/** Small words of other languages: dropped like English stop words (which the stemmer drops). */
const otherStopWords = new Set(memberVocabulary.otherLanguageStopWords.map(normalizeText));
const topicWords = new Set(memberVocabulary.topic.map(normalizeText));

/** The text with words of other languages the vocabulary knows replaced by the guide's English ones. */
function translated(words: readonly string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const phrase = phraseAt(words, index, translationsByKey);
    if (!phrase) {
      result.push(words[index] as string);
      continue;
    }
    result.push(...phrase.value.split(' '));
    index += phrase.length - 1;
  }
  return result;
}

/**
 * The words to search for: what the member typed (its content words, for a long question; words of
 * Spanish, Portuguese or French the vocabulary knows, in English), plus the FAQ's words for members'
 * terms they used. With `prefixLastWord` (autocomplete), the last word may be unfinished and is
 * matched as a prefix.
 */
export function queryTerms(normalized: string, { prefixLastWord = false } = {}): QueryTerm[] {
  const typed = normalized.split(' ').filter((word) => word.length > 0);
  // The unfinished last word is left as typed: it may be the start of an English word.
  const all = prefixLastWord ? [...translated(typed.slice(0, -1)), ...typed.slice(-1)] : translated(typed);
  const meaningful = all.filter((word) => !otherStopWords.has(word));
  const spoken = meaningful.length > 0 ? meaningful : all;
  const content = spoken.filter((word) => !STOP_WORDS.has(word) && !fillerWords.has(word));
  const words = (spoken.length > FILLER_KEPT_UP_TO && content.length > 0 ? content : spoken)
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  const corrected = correctTypos(words, prefixLastWord);
  const terms = new Map<string, QueryTerm>();
  const add = (word: string, weight: number, typed: boolean, prefix = false, fixed = false) => {
    const existing = terms.get(word);
    if (!existing || existing.weight < weight || prefix) {
      terms.set(word, { word, weight, typed, prefix, corrected: fixed });
    }
  };
  // Members' terms are found in the whole text: some hold stop words ("how many", "in prep").
  // A term no entry uses ("sr", "apps") matches nothing itself: the FAQ's words for it stand in for
  // it at full weight, and the term counts only as much as an added word.
  const phrases = all.slice(0, MAX_WORDS * 2);
  const standingIn = new Set<string>();
  for (let index = 0; index < phrases.length; index++) {
    const synonym = phraseAt(phrases, index, synonymsByKey);
    if (!synonym) continue;
    const typedWords = phrases.slice(index, index + synonym.length);
    const unused = typedWords.every((word) => !usedByEntries(word));
    for (const word of synonym.value.split(' '))
      add(word, unused ? 1 : FAQ_SEARCH_TUNING.synonymWeight, false);
    if (unused) for (const word of typedWords) standingIn.add(word);
  }
  let unknownWords = 0;
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const unfinished = prefixLastWord && index === words.length - 1 && word !== undefined;
    // Words no built-in entry uses may be a server's own (they are searched), but only the first
    // few: a long string of random ones would otherwise make every term a database lookup.
    if (word && !unfinished && !knownWords().counts.has(word) && ++unknownWords > MAX_UNKNOWN_WORDS) continue;
    // A last word of one or two letters is too short to match as a prefix (it would match nearly
    // everything) and, as a whole word, usually matches nothing ("research f"): while typing it
    // is left out, unless it is all there is.
    if (unfinished && word.length < MIN_PREFIX_LENGTH && words.length > 1) continue;
    const weight = standingIn.has(word ?? '') ? FAQ_SEARCH_TUNING.synonymWeight : 1;
    if (word) add(word, weight, true, unfinished && word.length >= MIN_PREFIX_LENGTH, corrected.has(index));
  }
  return [...terms.values()]
    .sort((a, b) => Number(b.typed) - Number(a.typed) || b.weight - a.weight)
    .slice(0, MAX_TERMS);
}

/**
 * The whole text, stop words kept, with words of other languages in English and misspelt words
 * corrected: what the entries' questions are compared with, so a typo ("reserch fellowhsip") does
 * not make the question look unlike the very entry it names.
 */
export function correctedText(normalized: string, { prefixLastWord = false } = {}): string {
  const typed = normalized.split(' ').filter((word) => word.length > 0);
  const words = prefixLastWord ? [...translated(typed.slice(0, -1)), ...typed.slice(-1)] : translated(typed);
  correctTypos(words, prefixLastWord);
  return words.join(' ');
}

let builtInVocabulary: Vocabulary | undefined;

/** Whether some built-in entry uses the word (not only the members' vocabulary or the stop words). */
function usedByEntries(word: string): boolean {
  return (knownWords().counts.get(word) ?? 0) > 0;
}

/** The words of the built-in entries (never a guild's: no server's words reach another). */
function* wordsKnownButNeverCorrections(): Generator<string> {
  yield* STOP_WORDS;
  yield* otherStopWords;
  yield* fillerWords;
  for (const word of commonEnglishWords()) yield normalizeText(word);
  yield* topicWords;
  for (const key of [...synonymsByKey.keys(), ...translationsByKey.keys()]) yield* key.split(' ');
}

function knownWords(): Vocabulary {
  builtInVocabulary ??= buildVocabulary(
    loadBuiltInFaqs().map((entry) =>
      normalizeText([entry.question, ...entry.aliases, ...entry.tags, entry.answer].join(' ')),
    ),
    wordsKnownButNeverCorrections(),
  );
  return builtInVocabulary;
}

/**
 * Replaces misspelt words with the known words meant, in place, looking up the first
 * maxCorrectedWords unknown ones;
 * returns the positions replaced. The unfinished last word of autocomplete is left as typed.
 */
function correctTypos(words: string[], prefixLastWord: boolean): Set<number> {
  const replaced = new Set<number>();
  const vocabulary = knownWords();
  const last = prefixLastWord ? words.length - 1 : words.length;
  // The bound is on words looked up, found or not: random strings would otherwise cost each word.
  let lookedUp = 0;
  for (let index = 0; index < last && lookedUp < FAQ_SEARCH_TUNING.maxCorrectedWords; index++) {
    const word = words[index] as string;
    if (!isCorrectable(word, vocabulary)) continue;
    lookedUp++;
    const correction = correctWord(word, vocabulary);
    if (correction === null) continue;
    words[index] = correction;
    replaced.add(index);
  }
  return replaced;
}

/**
 * Whether the text has a word the search can use: numbers and stop words alone ("' OR 1=1; --")
 * would match every entry that mentions the number.
 */
export function hasSearchableWord(normalized: string): boolean {
  return normalized.split(' ').some((word) => /[a-z]/.test(word) && !STOP_WORDS.has(word));
}

/**
 * Whether the question uses a word only questions about research, careers or applying use: as
 * typed, in English for the words of other languages the vocabulary knows, or as the FAQ's word
 * for a member's term.
 */
export function hasTopicWord(normalized: string): boolean {
  return queryTerms(normalized).some((term) => topicWords.has(term.word));
}

/**
 * Builds the vocabulary the first question would otherwise wait for (about 0.1 s: the FAQ's words
 * and some 38,000 common English ones), right after start.
 */
export function warmUpQueryText(): void {
  queryTerms(normalizeText('how many publications do I need'));
}
