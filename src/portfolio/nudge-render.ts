import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { PortfolioItem } from '../db/queries/portfolio-items.ts';
import { truncate } from '../discord/limits.ts';
import { STATUS_LABELS, statusesFor } from './catalog.ts';
import { nudgeCustomId } from './custom-ids.ts';
import { STALE_AFTER_WEEKS } from './nudges.ts';
import { itemLine } from './render.ts';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The direct message about items that have not moved: a row of buttons per item. */
export function renderNudge(guildId: string, items: readonly PortfolioItem[]) {
  const lines = items.map((item) => {
    const weeks = STALE_AFTER_WEEKS[item.status] ?? 0;
    return `• ${itemLine(item)}: ${STATUS_LABELS[item.status].toLowerCase()} for more than ${weeks} weeks`;
  });
  return {
    content: truncate(
      [
        'A look at the research portfolio you keep with `/portfolio`: these items have stayed in one status for a while.',
        'Work that sits as "ongoing" for months is easy to lose sight of. Has anything moved?',
        ...lines,
        'Turn these messages off with `/portfolio reminders off` in the server where you recorded them.',
      ].join('\n'),
      2000,
    ),
    components: items.map(
      (item): Row => ({
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: truncate(`Update #${item.id}`, 80),
            custom_id: nudgeCustomId('nudge-status', guildId, item.id),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: `Snooze #${item.id} for 4 weeks`,
            custom_id: nudgeCustomId('nudge-snooze', guildId, item.id),
          },
        ],
      }),
    ),
  };
}

export function renderStatusMenu(guildId: string, item: PortfolioItem): APIInteractionResponseCallbackData {
  return {
    content: `New status for ${itemLine(item)}`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: nudgeCustomId('nudge-set', guildId, item.id),
            placeholder: 'Pick where it stands now',
            options: statusesFor(item).map((status) => ({
              label: STATUS_LABELS[status],
              value: status,
              default: status === item.status,
            })),
          },
        ],
      },
    ],
  };
}

export const REMINDERS_ON =
  'Reminders are on. When an item has sat in preparation, data collection or writing for 8 weeks, or stayed submitted for 12, the bot sends you a direct message, at most one a week. Allow direct messages from this server\u2019s members so they reach you.';
export const REMINDERS_OFF =
  'Reminders are off: the bot will not send you direct messages about your portfolio.';

/** Shown once, on the first /portfolio reply after the bot had to turn reminders off. */
export function remindersOffNotice(reason: string): string {
  return `Your portfolio reminders were turned off: ${reason || 'Discord refused the direct message'}. Allow direct messages from this server, then run \`/portfolio reminders on\` to get them again.`;
}
