import {
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  type APISelectMenuOption,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { defangBlock, escapeInline } from '../discord/safe-text.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { faqCustomId, NONE_OF_THESE } from './custom-ids.ts';
import { GUILD_ENTRY_SOURCE } from './entry.ts';
import type { Suggestion } from './suggest.ts';

/** Autocomplete choice values name the entry, so a picked choice shows exactly that entry. */
export const CHOICE_PREFIX = 'slug:';

const BUTTON_LABEL_MAX = 80;
const SELECT_LABEL_MAX = 100;
const MENU_OPTIONS_MAX = 25;
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
      custom_id: faqCustomId({ action: 'open', slug: entry.slug }),
    }),
  );
}

function row<T extends APIComponentInMessageActionRow>(components: T[]): APIActionRowComponent<T> {
  return { type: ComponentType.ActionRow, components };
}

function voteButtons(slug: string, questionId: number | null) {
  const vote = (helpful: boolean): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: helpful ? ButtonStyle.Success : ButtonStyle.Secondary,
    label: helpful ? 'Helpful' : 'Not helpful',
    custom_id: faqCustomId({ action: 'vote', slug, questionId, helpful }),
  });
  return row([vote(true), vote(false)]);
}

/**
 * The answer message: the entry as an embed, Helpful / Not helpful buttons (carrying the id of the
 * typed question that led here, 0 when it was picked or opened), and up to three related entries.
 */
export function faqAnswerMessage(
  entry: FaqView,
  related: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>,
  questionId: number | null,
): APIInteractionResponseCallbackData {
  const rows = [voteButtons(entry.slug, questionId)];
  if (related.length > 0) rows.push(row(openButtons(related)));
  return { embeds: [faqEmbed(entry)], components: rows };
}

/**
 * A weak match to an on-topic question: the closest entry, said plainly to be the closest, with
 * the vote buttons and the next two closest as buttons.
 */
export function closestEntryMessage(
  entry: FaqView,
  nextClosest: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>,
  questionId: number | null,
): APIInteractionResponseCallbackData {
  return {
    ...faqAnswerMessage(entry, nextClosest.slice(0, 2), questionId),
    content: [
      'No entry answers exactly that; this is the closest one.',
      nextClosest.length > 0 ? 'The next closest are on the buttons below.' : '',
      'Your question was noted so moderators can see what the FAQ is missing.',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

/** A question off the FAQ's topic: no entry, and nothing offered. */
export function noMatchMessage({ recorded }: { recorded: boolean }): APIInteractionResponseCallbackData {
  const lines = [
    "I couldn't find an entry about that. The FAQ covers research, careers and applying for IR residency.",
  ];
  if (recorded) lines.push('Your question was noted so moderators can see what the FAQ is missing.');
  return { content: lines.join('\n') };
}

/** After Not helpful: which entry would have helped? The choice is kept with the vote. */
export function betterEntryMessage(
  votedSlug: string,
  questionId: number | null,
  candidates: ReadonlyArray<Pick<FaqView, 'slug' | 'question'>>,
  confirmation: string,
): APIInteractionResponseCallbackData {
  const options: APISelectMenuOption[] = [
    ...candidates
      .filter((candidate) => candidate.slug !== votedSlug)
      .slice(0, MENU_OPTIONS_MAX - 1)
      .map((candidate) => ({
        label: truncate(candidate.question, SELECT_LABEL_MAX),
        value: candidate.slug,
      })),
    { label: 'None of these', value: NONE_OF_THESE },
  ];
  return {
    content: `${confirmation}\nWhich entry would have helped? Your choice helps moderators improve the FAQ.`,
    components: [
      row([
        {
          type: ComponentType.StringSelect,
          custom_id: faqCustomId({ action: 'better', slug: votedSlug, questionId }),
          placeholder: 'Which entry would have helped?',
          options,
        },
      ]),
    ],
  };
}

export function voteConfirmation(helpful: boolean, previous: boolean | null): string {
  const label = helpful ? 'helpful' : 'not helpful';
  if (previous === helpful) return `You had already marked this answer as ${label}.`;
  if (previous === null) return `Thanks! Your vote (${label}) was recorded. You can change it any time.`;
  return `Your vote was changed to ${label}.`;
}
