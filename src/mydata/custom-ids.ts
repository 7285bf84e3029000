import { z } from 'zod';
import { snowflakeSchema } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { encodeCustomId } from '../router/custom-id.ts';

/** The custom_id prefix of /mydata's buttons. */
export const MYDATA_PREFIX = 'mydata';

/**
 * custom_id layouts (checked again on every press, since a client can send any string):
 *   mydata:delete:<guild id>:<member id>:<issued at, seconds, base 36>   "Delete my data"
 *   mydata:cancel:<guild id>:<member id>                                "Keep my data"
 * A confirmation spelled `erase` (before the bot said delete everywhere) is refused as out of date:
 * it would have expired within CONFIRM_WINDOW_MS anyway.
 */
export type MydataButton =
  | { action: 'delete'; guildId: string; userId: string; issuedAt: Date }
  | { action: 'cancel'; guildId: string; userId: string };

const snowflake = snowflakeSchema();
// Ten base-36 digits reach past the last date JavaScript can hold: such a time is no time at all.
const base36Seconds = z
  .string()
  .regex(/^[0-9a-z]{1,10}$/)
  .transform((text) => new Date(Number.parseInt(text, 36) * 1000))
  .refine((date) => Number.isFinite(date.getTime()));

const buttonSchema = z.union([
  z.tuple([z.literal('delete'), snowflake, snowflake, base36Seconds]),
  z.tuple([z.literal('cancel'), snowflake, snowflake]),
]);

export function confirmDeleteCustomId(guildId: string, userId: string, issuedAt: Date): string {
  return encodeCustomId(
    MYDATA_PREFIX,
    'delete',
    guildId,
    userId,
    Math.floor(issuedAt.getTime() / 1000).toString(36),
  );
}

export function cancelCustomId(guildId: string, userId: string): string {
  return encodeCustomId(MYDATA_PREFIX, 'cancel', guildId, userId);
}

export function parseMydataCustomId(parts: readonly string[]): MydataButton {
  const parsed = buttonSchema.safeParse(parts);
  if (!parsed.success) throw new UserError('That button is out of date. Run `/mydata delete` again.');
  const button = parsed.data;
  return button[0] === 'delete'
    ? { action: 'delete', guildId: button[1], userId: button[2], issuedAt: button[3] }
    : { action: 'cancel', guildId: button[1], userId: button[2] };
}
