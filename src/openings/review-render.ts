import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import type { Opening } from '../db/queries/openings.ts';
import { formField } from '../discord/form-field.ts';
import { defangBlock, escapeInline } from '../discord/safe-text.ts';
import { discordTimestamp } from '../discord/timestamps.ts';
import { rejectionFormCustomId, reviewCustomId } from './custom-ids.ts';
import { postLink, renderOpeningPost } from './render.ts';

/** The longest rejection reason a moderator may write; it is quoted in the author's DM. */
export const REJECTION_REASON_MAX = 500;
/** The rejection form's one field. */
export const REJECTION_REASON_FIELD = 'reason';

/** A review message once the opening's author deleted their data with /mydata delete. */
export const REVIEW_MESSAGE_DELETED =
  'The member who posted this opening deleted their data; its text was removed.';

/** The opening as it would be posted, for moderators to judge. */
function reviewEmbed(opening: Opening): APIEmbed {
  const [embed] = renderOpeningPost({ ...opening, status: 'open', interestCount: 0 }).embeds;
  return { ...embed, footer: { text: `Opening #${opening.id} · awaiting review` } };
}

/** The message in the review channel: the opening, with Approve and Reject for Manage Messages. */
export function renderReviewMessage(opening: Opening): RESTPostAPIChannelMessageJSONBody {
  const button = (
    choice: 'approve' | 'reject',
    label: string,
    style: ButtonStyle.Success | ButtonStyle.Danger,
  ): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button as const,
    style,
    label,
    custom_id: reviewCustomId(choice, opening),
  });
  const row: APIActionRowComponent<APIButtonComponentWithCustomId> = {
    type: ComponentType.ActionRow,
    components: [
      button('approve', 'Approve', ButtonStyle.Success),
      button('reject', 'Reject (reason)', ButtonStyle.Danger),
    ],
  };
  return {
    content: `New opening from <@${opening.authorId}> awaiting review. Moderators with Manage Messages here can approve it (it is then posted in the openings channel) or reject it with a reason for the author.`,
    embeds: [reviewEmbed(opening)],
    components: [row],
  };
}

/** The review message once decided: the buttons are gone and it says who decided, and whether the author knows. */
export function renderReviewDecided(
  decision: { opening: Opening; at: Date; authorTold: boolean },
  moderatorId: string,
): APIInteractionResponseCallbackData {
  const { opening } = decision;
  const when = discordTimestamp(decision.at, 'R');
  const link = postLink(opening);
  const verdict =
    opening.status === 'rejected'
      ? `Rejected by <@${moderatorId}> ${when}. Reason: ${escapeInline(opening.rejectionReason ?? '')}`
      : `Approved by <@${moderatorId}> ${when}. ${link ? `Posted: ${link}` : 'It is posted in the openings channel as soon as Discord takes it.'}`;
  const told = decision.authorTold
    ? 'The author was told by direct message.'
    : 'The author could not be told: Discord refused a direct message to them.';
  return { content: `${verdict}\n${told}`, embeds: [reviewEmbed(opening)], components: [] };
}

/** The form a moderator fills in to reject: the reason goes to the author. */
export function rejectionModal(
  opening: Pick<Opening, 'guildId' | 'id'>,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: rejectionFormCustomId(opening),
    title: `Reject opening #${opening.id}`,
    components: [
      formField({
        id: REJECTION_REASON_FIELD,
        label: 'Reason (sent to the author)',
        paragraph: true,
        required: true,
        min: 1,
        max: REJECTION_REASON_MAX,
        placeholder: 'e.g. Please say what the helper would do each week and what credit to expect.',
      }),
    ],
  };
}

/** The direct message telling the author what the moderators decided. */
export function renderReviewVerdictDm(opening: Opening): string {
  const which = `your opening “${escapeInline(opening.title)}” (#${opening.id})`;
  const server = `https://discord.com/channels/${opening.guildId}`;
  if (opening.status === 'rejected') {
    return [
      `The moderators did not approve ${which} in ${server}.`,
      'You can post a changed version with `/opening post` there. Their reason:',
      `>>> ${defangBlock(opening.rejectionReason ?? '')}`,
    ].join('\n');
  }
  const link = postLink(opening);
  return `The moderators approved ${which} in ${server}: it is open until ${discordTimestamp(opening.expiresAt)}${link ? `. See the post: ${link}` : ', and is posted in the openings channel shortly.'}`;
}
