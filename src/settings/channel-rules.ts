import { ChannelType } from 'discord-api-types/v10';

/** Where each kind of post may go; used for the options' channel_types and checked again on the server. */
export const CHANNEL_RULES = {
  reminders: {
    types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    label: 'a text or announcement channel',
  },
  openings: { types: [ChannelType.GuildText, ChannelType.GuildForum], label: 'a text or forum channel' },
  assessments: { types: [ChannelType.GuildText], label: 'a text channel' },
  /** Where moderators approve new openings: the buttons need a plain message. */
  review: { types: [ChannelType.GuildText], label: 'a text channel' },
} as const satisfies Record<string, { types: readonly ChannelType[]; label: string }>;

export type ChannelPurpose = keyof typeof CHANNEL_RULES;

const CHANNEL_TYPE_NAMES: Partial<Record<ChannelType, string>> = {
  [ChannelType.GuildText]: 'a text channel',
  [ChannelType.GuildVoice]: 'a voice channel',
  [ChannelType.GuildCategory]: 'a category',
  [ChannelType.GuildAnnouncement]: 'an announcement channel',
  [ChannelType.AnnouncementThread]: 'a thread',
  [ChannelType.PublicThread]: 'a thread',
  [ChannelType.PrivateThread]: 'a thread',
  [ChannelType.GuildStageVoice]: 'a stage channel',
  [ChannelType.GuildDirectory]: 'a directory channel',
  [ChannelType.GuildForum]: 'a forum channel',
  [ChannelType.GuildMedia]: 'a media channel',
};

export function describeChannelType(type: number): string {
  return CHANNEL_TYPE_NAMES[type as ChannelType] ?? 'a kind of channel the bot cannot post in';
}

/** Why a channel of this type cannot hold these posts, or null when it can. */
export function channelTypeProblem(purpose: ChannelPurpose, type: number): string | null {
  const rule = CHANNEL_RULES[purpose];
  if ((rule.types as readonly number[]).includes(type)) return null;
  return `That is ${describeChannelType(type)}. The ${purpose} channel must be ${rule.label}.`;
}
