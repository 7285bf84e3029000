/**
 * Member text shown by the bot to other members must read as what it is. These pure functions clean
 * text on the way in (controls, bidirectional overrides, invisible padding) and make it inert on the
 * way out (markdown that would change what a reader sees, such as a masked link whose text differs
 * from its target, a heading, a code fence or a mention).
 */

/** C0 and C1 controls except tab and line feed; NUL in a PostgreSQL text is an error, not a character. */
const CONTROLS = /[^\P{Cc}\t\n]/gu;
/** Embedding, override and isolate controls, and the direction marks: they reorder what is shown. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Characters that take no space: zero-width space, word joiner and kin, byte-order mark, soft hyphen. */
const ZERO_WIDTH = /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/g;
/**
 * Characters that render as blank space but are not whitespace to a regex (Hangul fillers, the
 * braille blank): they are how a field is made to look empty or padded, so they count as spaces.
 */
const FAKE_BLANKS = /[\u115F\u1160\u2800\u3164\uFFA0]/g;
/** Joiners on their own, with nothing visible around them, do not make a field non-empty. */
const JOINERS_ONLY = /^[\s\u200C\u200D]*$/;

/**
 * Member input as it is stored: normalised (NFC), with controls, direction overrides and
 * zero-width characters removed, fake blanks turned into spaces and tabs into spaces. Line feeds
 * are kept; the field's own rule decides what to do with them.
 */
export function cleanInput(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(ZERO_WIDTH, '')
    .replace(FAKE_BLANKS, ' ');
  return JOINERS_ONLY.test(cleaned) ? '' : cleaned;
}

/**
 * How two texts compare for "the same": cleaned, compatibility-normalised (full-width letters,
 * ligatures), joiners dropped, spacing collapsed and case folded.
 */
export function comparableText(text: string): string {
  return cleanInput(text)
    .normalize('NFKC')
    .replace(/[\u200C\u200D]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('en-US');
}

/** Every character Discord's markdown gives a meaning to inside a line of text. */
const INLINE_MARKUP = /[\\*_~`|>#[\]<]/g;

/**
 * One line of member text (a title, a name) shown exactly as typed: every markdown character is
 * escaped, so nothing becomes bold, a heading, a link, a mention or a timestamp (in Discord, and in the
 * Markdown files members export).
 */
export function escapeInline(text: string): string {
  // A leading `-` starts a list or, with `#`, small text; elsewhere it means nothing.
  return text.replace(INLINE_MARKUP, (character) => `\\${character}`).replace(/^-/, '\\-');
}

/**
 * Paragraphs of member text (a description) with the light formatting members use kept (bold,
 * italics, lists, line breaks), and what could deceive made inert: brackets (masked links), angle
 * brackets (mentions, timestamps, hidden-preview links), backticks (code fences) and line-start
 * headings and `-#` small text.
 */
export function defangBlock(text: string): string {
  return text
    .replace(/[\\[\]<`]/g, (character) => `\\${character}`)
    .replace(
      /^([ \t]*)(#{1,3}|-#)(?=\s)/gm,
      (_match, indent: string, marker: string) => `${indent}\\${marker}`,
    );
}
