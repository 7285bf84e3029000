import {
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  TextInputStyle,
} from 'discord-api-types/v10';
import type { LowRatedGap, UnansweredGap } from '../db/queries/faq-questions.ts';
import { formField } from '../discord/form-field.ts';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import { faqAdminCustomId, NONE_OF_THESE } from './custom-ids.ts';
import { FAQ_LIMITS } from './entry.ts';

// What /faq-admin shows: the add / edit form and the gaps view (the answer itself is in render.ts).

/** Room in the form for the most aliases and tags an entry may have, with their separators. */
const ALIASES_BOX_MAX = FAQ_LIMITS.aliases * (FAQ_LIMITS.alias + 1);
const TAGS_BOX_MAX = FAQ_LIMITS.tags * (FAQ_LIMITS.tag + 2);

export type EntryFormMode = 'add' | 'edit';

export const ENTRY_FORM_FIELDS = {
  question: 'question',
  answer: 'answer',
  aliases: 'aliases',
  tags: 'tags',
} as const;

/** The add / edit form: question, answer, aliases (one per line) and tags (comma-separated). */
export function faqEntryForm(
  mode: EntryFormMode,
  slug: string,
  entry?: { question: string; answer: string; aliases: readonly string[]; tags: readonly string[] },
): APIModalInteractionResponseCallbackData {
  const input = (
    id: string,
    label: string,
    style: TextInputStyle,
    min: number,
    max: number,
    value: string | undefined,
    placeholder?: string,
  ) =>
    formField({
      id,
      label,
      paragraph: style === TextInputStyle.Paragraph,
      required: min > 0,
      min,
      max,
      placeholder,
      value,
    });
  const title = truncate(`${mode === 'add' ? 'Add' : 'Edit'} FAQ entry ${slug}`, 45);
  return {
    custom_id: faqAdminCustomId({ action: mode, slug }),
    title,
    components: [
      input(
        ENTRY_FORM_FIELDS.question,
        'Question',
        TextInputStyle.Short,
        FAQ_LIMITS.questionMin,
        FAQ_LIMITS.question,
        entry?.question,
      ),
      input(
        ENTRY_FORM_FIELDS.answer,
        'Answer (Markdown)',
        TextInputStyle.Paragraph,
        FAQ_LIMITS.answerMin,
        FAQ_LIMITS.answer,
        entry?.answer,
      ),
      input(
        ENTRY_FORM_FIELDS.aliases,
        'Other ways to ask it (one per line)',
        TextInputStyle.Paragraph,
        0,
        ALIASES_BOX_MAX,
        entry?.aliases.join('\n'),
        'how many pubs do i need\nnumber of papers for the match',
      ),
      input(
        ENTRY_FORM_FIELDS.tags,
        'Tags (comma-separated)',
        TextInputStyle.Short,
        0,
        TAGS_BOX_MAX,
        entry?.tags.join(', '),
        'publications, benchmarks',
      ),
    ],
  };
}

/** Lines joined until the field is full; the rest are counted instead of cut mid-line. */
function fieldValue(lines: readonly string[], empty: string): string {
  if (lines.length === 0) return empty;
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const more = `… and ${lines.length - index} more`;
    if (length + line.length + 1 + more.length > EMBED_LIMITS.fieldValue) {
      kept.push(more);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

function wouldHaveHelped(slugs: readonly string[]): string {
  if (slugs.length === 0) return '';
  const named = slugs.map((slug) => (slug === NONE_OF_THESE ? 'none of these' : `\`${slug}\``));
  return ` · would have helped: ${named.join(', ')}`;
}

/**
 * /faq-admin gaps. Questions are shown in their normalised form (lower-case words only), which both
 * groups the same question typed differently and keeps member text from carrying any formatting.
 */
export function gapsEmbed(
  gaps: { unanswered: readonly UnansweredGap[]; lowRated: readonly LowRatedGap[] },
  days: number,
): APIEmbed {
  const unanswered = gaps.unanswered.map(
    (gap) =>
      `**${gap.count}×** ${truncate(gap.query, 120)} · last ${discordTimestamp(gap.lastAskedAt, 'd')}, first ${discordTimestamp(gap.firstAskedAt, 'd')}`,
  );
  const lowRated = gaps.lowRated.map(
    (gap) =>
      `**${gap.notHelpful}** not helpful, ${gap.helpful} helpful · \`${gap.slug}\` · ${
        gap.query ? `asked as "${truncate(gap.query, 100)}"` : 'picked from the list'
      }${wouldHaveHelped(gap.wouldHaveHelped)} · last ${discordTimestamp(gap.lastVotedAt, 'd')}`,
  );
  return {
    title: `What the FAQ is missing (last ${days} days)`,
    color: BRAND_COLOR,
    description:
      'Questions members asked that found no good answer, and answers voted not helpful more often than helpful. Attach a question to the entry that answers it with its menu below (it becomes an alias in this server), or add and edit entries with `/faq-admin add` and `/faq-admin edit`.',
    fields: [
      {
        name: 'Unanswered questions',
        value: fieldValue(unanswered, 'None. Every question found an answer.'),
      },
      { name: 'Answers rated not helpful', value: fieldValue(lowRated, 'None.') },
    ],
  };
}
