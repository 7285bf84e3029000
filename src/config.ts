import { z } from 'zod';
import { isSnowflake } from './discord/snowflake.ts';
import { DAY_MS } from './time.ts';

/** A configuration mistake: main prints its message as one line and exits 1, no stack trace. */
export class ConfigError extends Error {}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const snowflake = (name: string) =>
  optionalText.refine((value) => value === undefined || isSnowflake(value), {
    error: `${name} must be a Discord id (17 to 20 digits)`,
  });

const wholeNumber = (error: string, min: number, max: number, fallback: string) =>
  optionalText
    .default(fallback)
    .pipe(z.coerce.number<string>({ error }).int({ error }).min(min, { error }).max(max, { error }));

const envSchema = z
  .object({
    BOT_TRANSPORT: optionalText.pipe(
      z
        .enum(['gateway', 'http', 'console'], { error: 'BOT_TRANSPORT must be gateway, http or console' })
        .optional(),
    ),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
    DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID'),
    DISCORD_PUBLIC_KEY: optionalText.refine(
      (value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value),
      {
        error: 'DISCORD_PUBLIC_KEY must be 64 hex characters',
      },
    ),
    DISCORD_API_BASE: optionalText
      .default('https://discord.com/api')
      .refine((value) => value === undefined || URL.canParse(value), {
        error: 'DISCORD_API_BASE must be a URL such as https://discord.com/api',
      }),
    HOST: optionalText.default('127.0.0.1'),
    PORT: wholeNumber('PORT must be a number from 1 to 65535', 1, 65535, '8787'),
    DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), {
      error: 'DATABASE_URL must start with postgres:// or postgresql://',
    }),
    PGLITE_DATA_DIR: optionalText.default('./data/pglite'),
    SCHEDULER_TICK_MS: wholeNumber(
      'SCHEDULER_TICK_MS must be a whole number of milliseconds from 100 to 86400000',
      100,
      DAY_MS,
      '15000',
    ),
    SCHEDULER_IN_CONSOLE: optionalText.pipe(
      z.enum(['true', 'false'], { error: 'SCHEDULER_IN_CONSOLE must be true or false' }).optional(),
    ),
    LOG_LEVEL: optionalText.default('info').pipe(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      }),
    ),
  })
  .transform((env) => {
    const transport = env.BOT_TRANSPORT ?? (env.DISCORD_TOKEN ? 'gateway' : 'console');
    return {
      transport,
      discordToken: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      guildId: env.DISCORD_GUILD_ID,
      publicKey: env.DISCORD_PUBLIC_KEY?.toLowerCase(),
      apiBase: env.DISCORD_API_BASE.replace(/\/+$/, ''),
      host: env.HOST,
      port: env.PORT,
      databaseUrl: env.DATABASE_URL,
      pgliteDataDir: env.PGLITE_DATA_DIR,
      schedulerTickMs: env.SCHEDULER_TICK_MS,
      schedulerInConsole: env.SCHEDULER_IN_CONSOLE === 'true',
      logLevel: env.LOG_LEVEL,
    } as const;
  })
  .superRefine((config, issues) => {
    if (config.transport === 'http' && !config.publicKey) {
      issues.addIssue({ code: 'custom', message: 'BOT_TRANSPORT=http needs DISCORD_PUBLIC_KEY' });
    }
    if (config.transport === 'gateway' && !config.discordToken) {
      issues.addIssue({ code: 'custom', message: 'BOT_TRANSPORT=gateway needs DISCORD_TOKEN' });
    }
  });

export type Config = Readonly<z.output<typeof envSchema>>;

/** Parses the environment once; throws a ConfigError whose message names the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path[0];
    const message = issue?.message ?? 'invalid configuration';
    throw new ConfigError(
      typeof variable === 'string' && !message.includes(variable) ? `${variable}: ${message}` : message,
    );
  }
  return Object.freeze(result.data);
}
