import type { DiscordStandIn } from './discord-stand-in.ts';

/** A DM channel of its own per member, as Discord gives: its id is the member's with a 6 in front. */
export const dmChannelOf = (userId: string) => `6${userId.slice(1)}`;

/** Answers the bot's requests to open a DM channel as Discord does. */
export function answerDmChannels(standIn: DiscordStandIn): void {
  standIn.on('POST', /^\/users\/@me\/channels$/, (request) => {
    const recipient = (request.body as { recipient_id: string }).recipient_id;
    return { body: { id: dmChannelOf(recipient), type: 1, recipients: [{ id: recipient }] } };
  });
}
