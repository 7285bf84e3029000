import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { BRAND_COLOR } from '../discord/style.ts';
import { CONFIRM_WINDOW_MS, MINUTE_MS } from '../time.ts';
import { exportNeedsFile } from './export-file.ts';
import {
  countMemberData,
  isEmpty,
  type MemberData,
  type MemberDataCounts,
  memberDataParts,
} from './member-data.ts';
import { plural } from './summary-lines.ts';

const WARNING_COLOR = 0xc0392b;

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
  const fields = memberDataParts.flatMap(([kind, definition]) => {
    const shown = definition.summaryField(data[kind]);
    return shown ? [shown] : [];
  });
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

/** What deleting does to each kind of data, one line per kind the member has. */
function effectLines(counts: MemberDataCounts): string[] {
  // Parts that share an effect (the two kinds of FAQ change) share its line.
  const totals = new Map<(count: number) => string, number>();
  for (const [kind, definition] of memberDataParts) {
    totals.set(definition.deleteEffect, (totals.get(definition.deleteEffect) ?? 0) + counts[kind]);
  }
  return [...totals].filter(([, count]) => count > 0).map(([effect, count]) => `• ${effect(count)}`);
}

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The warning of /mydata delete, with the buttons that confirm or cancel it. */
/**
 * Deleting openings must not reset the limits on posting them (3 a day, no repeat within a week):
 * the member is told that a record without the text outlives the deletion for that week.
 */
const POSTING_LIMITS_KEPT =
  'Openings you posted in the last 7 days still count toward the posting limits (3 a day, no repeats in a week) until they are 7 days old: only a record of when you posted them, without their text, is kept until then.';

export function renderDeletePrompt(
  data: MemberData,
  buttons: { confirmDeleteCustomId: string; cancelCustomId: string },
): APIInteractionResponseCallbackData {
  const minutes = Math.round(CONFIRM_WINDOW_MS / MINUTE_MS);
  const embed: APIEmbed = {
    title: 'Delete your data in this server?',
    color: WARNING_COLOR,
    description: [
      'Pressing **Delete my data** does this, and it cannot be undone:',
      ...effectLines(countMemberData(data)),
      ...(data.openings.length > 0 ? ['', POSTING_LIMITS_KEPT] : []),
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
        custom_id: buttons.confirmDeleteCustomId,
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
export function renderDeleted(
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
