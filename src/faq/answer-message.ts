import {
  type APIInteractionResponse,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context.ts';
import { UserError } from '../errors.ts';
import type { MessageCommandInteraction } from '../router/command.ts';
import { guildMember } from '../router/member.ts';
import { reply } from '../router/responses.ts';
import { MINUTE_MS } from '../time.ts';
import { askFaq } from './ask.ts';
import { faqCustomId } from './custom-ids.ts';
import { faqEmbed } from './render.ts';

export const ANSWER_WITH_FAQ = 'Answer with FAQ';

export const answerWithFaqData = {
  name: ANSWER_WITH_FAQ,
  type: ApplicationCommandType.Message,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** The same entry is not posted twice in a channel within this time: the invoker gets it privately. */
export const REPEAT_WINDOW_MS = MINUTE_MS;
const CHANNELS_REMEMBERED = 10_000;

/**
 * Answer with FAQ: answers the target message's text with the best entry, publicly, naming the
 * asker (the one user the post may ping). The text is only searched; it is stored only when it
 * finds no good answer, as a gap for moderators.
 */
export function createAnswerWithFaq() {
  // Which entry went to which channel when, in this process: enough to stop a burst of repeats.
  const recentPosts = new LRUCache<string, number>({ max: CHANNELS_REMEMBERED });

  return async function answerWithFaq(
    interaction: MessageCommandInteraction,
    ctx: Context,
  ): Promise<APIInteractionResponse> {
    const { guildId, userId } = guildMember(interaction);
    const target = interaction.data.resolved.messages[interaction.data.target_id];
    const text = (target?.content ?? '').replaceAll('\u0000', '').trim();
    if (!target || text === '') throw new UserError('That message has no text to answer.');
    const outcome = await askFaq(ctx, guildId, text, { votable: false });
    if (outcome.kind === 'off-topic') {
      throw new UserError(
        outcome.recorded
          ? 'No FAQ entry fits that message. It was noted so moderators can see what the FAQ is missing.'
          : 'That message has no words to search the FAQ for.',
      );
    }
    const { entry } = outcome;
    ctx.faqActivity.recordView(guildId, entry.slug, ctx.clock());
    const channelId = interaction.channel?.id ?? interaction.channel_id ?? '';
    const key = `${guildId}/${channelId}/${entry.slug}`;
    const now = ctx.clock().getTime();
    const postedAt = recentPosts.get(key);
    if (postedAt !== undefined && now - postedAt < REPEAT_WINDOW_MS) {
      return reply({
        content: 'That entry was posted in this channel less than a minute ago, so here it is just for you.',
        embeds: [faqEmbed(entry)],
      });
    }
    recentPosts.set(key, now);
    const askerId = target.author.id;
    const lead =
      outcome.kind === 'answer'
        ? `<@${askerId}>, this FAQ entry answers your question:`
        : `<@${askerId}>, no FAQ entry answers exactly that; this is the closest one:`;
    return reply(
      {
        content: lead,
        embeds: [faqEmbed(entry)],
        // The asker is the one user this post may ping; nothing the message says can ping anyone.
        allowed_mentions: { parse: [], users: [askerId] },
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.Button,
                style: ButtonStyle.Secondary,
                label: 'Delete',
                custom_id: faqCustomId({ action: 'delete', invokerId: userId }),
              },
            ],
          },
        ],
      },
      { ephemeral: false },
    );
  };
}
