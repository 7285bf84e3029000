import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import { STATUS_LABELS } from '../openings/catalog.ts';
import { postLink } from '../openings/render.ts';
import { MINUTE_MS } from '../time.ts';
import { CONFIRM_WINDOW_MS } from './confirmation.ts';
import { countMemberData, isEmpty, type MemberData, type MemberDataCounts } from './member-data.ts';

/** Items of each kind the summary lists; the rest (and the text of openings) are in the file. */
export const SHOWN_PER_LIST = 5;
export const EXPORT_FILE_NAME = 'my-data.json';
const WARNING_COLOR = 0xc0392b;
const TITLE_MAX = 80;

function field(name: string, value: string): APIEmbedField {
  return { name: truncate(name, EMBED_LIMITS.fieldName), value: truncate(value, EMBED_LIMITS.fieldValue) };
}

/** The most recent items as lines, and how many more there are. */
function listLines<T>(items: readonly T[], line: (item: T) => string): string {
  if (items.length === 0) return 'None';
  const lines = items.slice(0, SHOWN_PER_LIST).map(line);
  const more = items.length - SHOWN_PER_LIST;
  if (more > 0) lines.push(`…and ${more} more (in the file)`);
  return lines.join('\n');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Whether the summary leaves something out, so the member also gets everything as a JSON file:
 * more items than it lists, or openings (it shows their titles, not the text the member wrote).
 */
export function exportNeedsFile(data: MemberData): boolean {
  const counts = countMemberData(data);
  return counts.openings > 0 || Object.values(counts).some((count) => count > SHOWN_PER_LIST);
}

/** The ephemeral summary of /mydata export: counts and the most recent items of each kind. */
export function renderExportSummary(data: MemberData): APIEmbed {
  const counts = countMemberData(data);
  if (isEmpty(counts)) {
    return {
      title: 'Your data in this server',
      color: BRAND_COLOR,
      description: 'Nothing is stored about you in this server.',
    };
  }
  const fields = [
    field(
      `Openings you posted (${counts.openings})`,
      listLines(
        data.openings,
        (opening) =>
          `#${opening.id} ${truncate(opening.title, TITLE_MAX)} · ${STATUS_LABELS[opening.status]} · posted ${discordTimestamp(opening.createdAt)}`,
      ),
    ),
    field(
      `Openings you showed interest in (${counts.interests})`,
      listLines(
        data.interests,
        (interest) =>
          `#${interest.openingId} ${truncate(interest.openingTitle, TITLE_MAX)} · ${discordTimestamp(interest.createdAt)}`,
      ),
    ),
    field(
      `Portfolio checks with /assess (${counts.assessments})`,
      listLines(
        data.assessments,
        (check) =>
          `${discordTimestamp(check.createdAt)} · ${check.level} · ${plural(check.publications, 'publication')} (${check.irPublications} IR, ${check.firstAuthor} first author), ${plural(check.abstracts, 'abstract')} (${check.presentations} presented), ${plural(check.irProjects, 'IR project')}, ${check.ongoing} ongoing, ${check.monthsToApply} months to apply`,
      ),
    ),
    field(
      `FAQ votes (${counts.faqVotes})`,
      listLines(
        data.faqVotes,
        (vote) =>
          `\`${vote.slug}\`: ${vote.helpful ? 'helpful' : 'not helpful'} · ${discordTimestamp(vote.votedAt)}`,
      ),
    ),
    field(
      'Progress through /pitfall',
      data.pitfallProgress
        ? `Seen ${plural(data.pitfallProgress.shown, 'pitfall')}, the last one on ${discordTimestamp(data.pitfallProgress.updatedAt)}`
        : 'None',
    ),
  ];
  if (counts.faqEntriesWritten > 0) {
    fields.push(
      field(
        `FAQ entries you last edited as a moderator (${counts.faqEntriesWritten})`,
        listLines(
          data.faqEntriesWritten,
          (entry) =>
            `\`${entry.slug}\` ${truncate(entry.question, TITLE_MAX)} · ${discordTimestamp(entry.updatedAt)}`,
        ),
      ),
    );
  }
  if (counts.faqHidden > 0) {
    fields.push(
      field(
        `Built-in FAQ entries you hid as a moderator (${counts.faqHidden})`,
        listLines(data.faqHidden, (hidden) => `\`${hidden.slug}\` · ${discordTimestamp(hidden.hiddenAt)}`),
      ),
    );
  }
  const fileNote = exportNeedsFile(data)
    ? '\nEverything, with the full text of your openings, follows as a JSON file.'
    : '';
  return {
    title: 'Your data in this server',
    color: BRAND_COLOR,
    description: `Only you can see this. It covers this server only; \`/mydata delete\` removes it.${fileNote}`,
    fields,
  };
}

/** Everything stored about the member in this guild, as the JSON file of /mydata export. */
export function exportJson(data: MemberData, now: Date): string {
  return JSON.stringify(
    {
      exportedAt: now,
      guildId: data.guildId,
      userId: data.userId,
      openings: data.openings.map((opening) => ({
        id: opening.id,
        title: opening.title,
        institution: opening.institution,
        mentor: opening.mentor,
        kind: opening.kind,
        focus: opening.focus,
        remote: opening.remote,
        role: opening.role,
        description: opening.description,
        contact: opening.contact,
        status: opening.status,
        createdAt: opening.createdAt,
        openedAt: opening.openedAt,
        expiresAt: opening.expiresAt,
        post: postLink(opening),
      })),
      openingInterests: data.interests,
      assessments: data.assessments.map((check) => ({
        createdAt: check.createdAt,
        level: check.level,
        publications: check.publications,
        irPublications: check.irPublications,
        firstAuthor: check.firstAuthor,
        abstracts: check.abstracts,
        presentations: check.presentations,
        irProjects: check.irProjects,
        ongoing: check.ongoing,
        monthsToApply: check.monthsToApply,
      })),
      faqVotes: data.faqVotes,
      pitfallProgress: data.pitfallProgress,
      faqEntriesWrittenAsModerator: data.faqEntriesWritten,
      faqBuiltInsHiddenAsModerator: data.faqHidden,
    },
    null,
    2,
  );
}

/** What deleting does to each kind of data, one line per kind the member has. */
function effectLines(counts: MemberDataCounts): string[] {
  const lines = [
    counts.assessments > 0 && `${plural(counts.assessments, '/assess check')}: deleted`,
    counts.interests > 0 && `${plural(counts.interests, 'interest')} in openings: deleted`,
    counts.faqVotes > 0 && `${plural(counts.faqVotes, 'FAQ vote')}: deleted`,
    counts.pitfallProgress > 0 && 'Your progress through /pitfall: deleted',
    counts.openings > 0 &&
      `${plural(counts.openings, 'opening')} you posted: withdrawn, with your name and everything you wrote removed; posts edited to match`,
    counts.faqEntriesWritten + counts.faqHidden > 0 &&
      `${plural(counts.faqEntriesWritten + counts.faqHidden, 'FAQ change')} you made as a moderator: kept for the server, no longer linked to you`,
  ];
  return lines.filter((line): line is string => typeof line === 'string').map((line) => `• ${line}`);
}

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The warning of /mydata delete, with the buttons that confirm or cancel it. */
export function renderDeletePrompt(
  data: MemberData,
  buttons: { eraseCustomId: string; cancelCustomId: string },
): APIInteractionResponseCallbackData {
  const minutes = Math.round(CONFIRM_WINDOW_MS / MINUTE_MS);
  const embed: APIEmbed = {
    title: 'Delete your data in this server?',
    color: WARNING_COLOR,
    description: [
      'Pressing **Delete my data** does this, and it cannot be undone:',
      ...effectLines(countMemberData(data)),
      '',
      `Other servers are not affected. The button works for ${minutes} minutes. To keep a copy first, use \`/mydata export\`.`,
    ].join('\n'),
  };
  const row: ButtonRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Danger,
        label: 'Delete my data',
        custom_id: buttons.eraseCustomId,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Keep my data',
        custom_id: buttons.cancelCustomId,
      },
    ],
  };
  return { embeds: [embed], components: [row] };
}

export const NOTHING_TO_DELETE = 'Nothing is stored about you in this server, so there is nothing to delete.';

/** What was removed, replacing the warning. `postsLater` posts are edited by the retry task. */
export function renderErased(
  counts: MemberDataCounts,
  postsLater: number,
): APIInteractionResponseCallbackData {
  const lines = isEmpty(counts) ? ['Nothing was left to delete.'] : effectLines(counts);
  if (postsLater > 0)
    lines.push('', `${plural(postsLater, 'post')} of your openings will be edited within a few minutes.`);
  return {
    embeds: [
      { title: 'Your data in this server was deleted', color: BRAND_COLOR, description: lines.join('\n') },
    ],
    components: [],
  };
}

export function renderCancelled(): APIInteractionResponseCallbackData {
  return { content: 'Nothing was deleted. Your data is as it was.', embeds: [], components: [] };
}
