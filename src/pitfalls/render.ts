import type { APIEmbed } from 'discord-api-types/v10';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { BRAND_COLOR } from '../discord/style.ts';
import type { RotationEntry } from './rotation.ts';

type PitfallAudience = 'member' | 'channel';

/** The embed for one pitfall; the footer says where it sits in the rotation and how to see more. */
export function renderPitfallEmbed(entry: RotationEntry, audience: PitfallAudience): APIEmbed {
  const { pitfall, index, total } = entry;
  const label = audience === 'channel' ? 'Pitfall reminder' : 'Pitfall';
  return {
    title: truncate(`${label}: ${pitfall.title}`, EMBED_LIMITS.title),
    color: BRAND_COLOR,
    description: truncate(pitfall.pitfall, EMBED_LIMITS.description),
    fields: [{ name: 'Do this instead', value: truncate(pitfall.instead, EMBED_LIMITS.fieldValue) }],
    footer: { text: `${index + 1} of ${total} · /pitfall shows you the next one` },
  };
}
