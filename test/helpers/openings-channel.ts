import { ChannelType } from 'discord-api-types/v10';
import { updateGuildSettings } from '../../src/db/queries/guild-settings.ts';
import { GUILD_A } from './actors.ts';
import type { Harness } from './harness.ts';

export const OPENINGS_TEXT_CHANNEL = '400000000000000001';
export const OPENINGS_FORUM = '400000000000000002';

/** Sends GUILD_A's openings to a text channel, as `/config openings` would. */
export function useOpeningsTextChannel(harness: Harness, at: Date = harness.clock.now()) {
  return updateGuildSettings(
    harness.db,
    GUILD_A,
    { openingsChannelId: OPENINGS_TEXT_CHANNEL, openingsChannelType: ChannelType.GuildText },
    at,
  );
}

/** Sends GUILD_A's openings to a forum with these tags, which the stand-in shows when asked. */
export async function useOpeningsForum(
  harness: Harness,
  availableTags: ReadonlyArray<{ id: string; name: string; moderated: boolean }> = [],
) {
  await updateGuildSettings(
    harness.db,
    GUILD_A,
    { openingsChannelId: OPENINGS_FORUM, openingsChannelType: ChannelType.GuildForum },
    harness.clock.now(),
  );
  harness.standIn.on('GET', new RegExp(`^/channels/${OPENINGS_FORUM}$`), () => ({
    body: {
      id: OPENINGS_FORUM,
      type: ChannelType.GuildForum,
      guild_id: GUILD_A,
      available_tags: availableTags,
    },
  }));
}

/** What a member types into the /opening post form, in the tests that only need some opening. */
export const OPENING_FORM_FIELDS = {
  title: 'Outcomes after prostate artery embolization',
  institution: 'Example University Hospital',
  description: 'Chart review and data entry for about 200 patients; four hours a week.',
  contact: 'ir.lab@example.org',
};
