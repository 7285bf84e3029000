import { z } from 'zod';

/**
 * A Discord id (snowflake) as text. Ids minted since Discord's 2015 epoch have 17 to 20 digits;
 * anything shorter or longer is not an id Discord ever sent.
 */
export const SNOWFLAKE_PATTERN = /^\d{17,20}$/;

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE_PATTERN.test(value);
}

/** A snowflake in zod; `error` words the refusal for whoever typed or picked it. */
export function snowflakeSchema(error?: string) {
  return z.string(error ? { error } : undefined).regex(SNOWFLAKE_PATTERN, error ? { error } : undefined);
}
