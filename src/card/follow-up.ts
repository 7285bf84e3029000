import type { RawFile } from '@discordjs/rest';
import type { RESTAPIAttachment } from 'discord-api-types/v10';
import { type FollowUpMessage, privateFileFollowUp } from '../router/follow-up.ts';
import { CARD_FILE_NAME, type Card } from './assessment-card.ts';

/** The card as a message attachment: the PNG, described for screen readers by its alt text. */
export function cardAttachment(card: Card): { attachment: RESTAPIAttachment; file: RawFile } {
  return {
    attachment: { id: 0, filename: CARD_FILE_NAME, description: card.altText },
    file: { name: CARD_FILE_NAME, contentType: 'image/png', data: card.png },
  };
}

/** The member's own card, right after their /assess reply (a response cannot carry a file everywhere). */
export function cardFollowUp(card: Card): FollowUpMessage {
  return privateFileFollowUp({
    name: CARD_FILE_NAME,
    contentType: 'image/png',
    data: card.png,
    description: card.altText,
  });
}
