import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { defangBlock, escapeInline } from '../discord/safe-text.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { encodeCustomId } from '../router/custom-id.ts';
import { GUILD_ENTRY_SOURCE } from './entry.ts';
import type { Suggestion } from './suggest.ts';

/** custom_id prefix of /faq's buttons (the command's name). */
export const FAQ_PREFIX = 'faq';
/** custom_id prefix of /faq-admin's forms. */
export const FAQ_ADMIN_PREFIX = 'faq-admin';
/** Autocomplete choice values name the entry, so a picked choice shows exactly that entry. */
export const CHOICE_PREFIX = 'slug:';

const BUTTON_LABEL_MAX = 80;
const CHOICE_NAME_MAX = 100;

export interface FaqView {
  slug: string;
  question: string;
  answer: string;
  tags: readonly string[];
  source: string;
}

/** The slug a picked autocomplete choice carries, or null for free text. */
export function pickedSlug(value: string): string | null {
  return value.startsWith(CHOICE_PREFIX) ? value.slice(CHOICE_PREFIX.length) : null;
}

export function suggestionChoices(
  suggestions: ReadonlyArray<Pick<Suggestion, 'slug' | 'question'>>,
): APIApplicationCommandOptionChoice[] {
  return suggestions.map((suggestion) => ({
    name: truncate(suggestion.question, CHOICE_NAME_MAX),
    value: `${CHOICE_PREFIX}${suggestion.slug}`,
  }));
}

export function faqEmbed(entry: FaqView): APIEmbed {
  // A server's own entry is shown as its moderators typed it: no masked link, heading or mention.
  const ownEntry = entry.source === GUILD_ENTRY_SOURCE;
  return {
    title: truncate(ownEntry ? escapeInline(entry.question) : entry.question, EMBED_LIMITS.title),
    description: truncate(ownEntry ? defangBlock(entry.answer) : entry.answer, EMBED_LIMITS.description),
    color: BRAND_COLOR,
    ...(entry.tags.length > 0
      ? {
          fields: [
            {
              name: 'Tags',
              value: truncate(entry.tags.map((tag) => `\`${tag}\``).join(' '), EMBED_LIMITS.fieldValue),
            },
          ],
        }
      : {}),
    footer: { text: truncate(`Source: ${entry.source}`, EMBED_LIMITS.footerText) },
  };
}

/** Buttons that open other entries (related questions, or the closest ones when nothing fit). */
function openButtons(entries: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>) {
  return entries.slice(0, 3).map(
    (entry): APIButtonComponentWithCustomId => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncate(entry.question, BUTTON_LABEL_MAX),
      custom_id: encodeCustomId(FAQ_PREFIX, 'open', entry.slug),
    }),
  );
}

function row(
  components: APIButtonComponentWithCustomId[],
): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ComponentType.ActionRow, components };
}

/**
 * The answer message: the entry as an embed, Helpful / Not helpful buttons (carrying the id of the
 * typed question that led here, 0 when it was picked or opened), and up to three related entries.
 */
export function faqAnswerMessage(
  entry: FaqView,
  related: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>,
  queryId: number,
): APIInteractionResponseCallbackData {
  const vote = (helpful: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: helpful ? ButtonStyle.Success : ButtonStyle.Secondary,
    label: helpful ? 'Helpful' : 'Not helpful',
    custom_id: encodeCustomId(FAQ_PREFIX, 'vote', entry.slug, queryId, helpful ? 'yes' : 'no'),
  });
  const rows = [row([vote(true), vote(false)])];
  if (related.length > 0) rows.push(row(openButtons(related)));
  return { embeds: [faqEmbed(entry)], components: rows };
}

export function noMatchMessage(
  closest: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>,
  { recorded }: { recorded: boolean },
): APIInteractionResponseCallbackData {
  const lines = [
    "I couldn't find an entry that answers that well.",
    closest.length > 0
      ? 'These are the closest ones; or try other words, e.g. an abbreviation spelled out.'
      : 'Try other words, e.g. an abbreviation spelled out.',
  ];
  if (recorded) lines.push('Your question was noted so moderators can see what the FAQ is missing.');
  return {
    content: lines.join('\n'),
    ...(closest.length > 0 ? { components: [row(openButtons(closest))] } : {}),
  };
}

export function voteConfirmation(helpful: boolean, previous: boolean | null): string {
  const label = helpful ? 'helpful' : 'not helpful';
  if (previous === helpful) return `You had already marked this answer as ${label}.`;
  if (previous === null) return `Thanks! Your vote (${label}) was recorded. You can change it any time.`;
  return `Your vote was changed to ${label}.`;
}
