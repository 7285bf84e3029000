import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const KEY = 'a'.repeat(64);

describe('configuration', () => {
  it('works with no configuration at all: the local console on embedded PGlite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      transport: 'console',
      pgliteDataDir: './data/pglite',
      port: 8787,
      host: '127.0.0.1',
      apiBase: 'https://discord.com/api',
      schedulerTickMs: 15000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('chooses the gateway when a token is set, unless BOT_TRANSPORT says otherwise', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't' }).transport).toBe('gateway');
    expect(loadConfig({ DISCORD_TOKEN: 't', BOT_TRANSPORT: 'console' }).transport).toBe('console');
    expect(loadConfig({ BOT_TRANSPORT: 'http', DISCORD_PUBLIC_KEY: KEY }).transport).toBe('http');
  });

  it.each([
    [{ DISCORD_PUBLIC_KEY: 'abc' }, 'DISCORD_PUBLIC_KEY must be 64 hex characters'],
    [{ DISCORD_PUBLIC_KEY: 'g'.repeat(64) }, 'DISCORD_PUBLIC_KEY must be 64 hex characters'],
    [{ BOT_TRANSPORT: 'http' }, 'BOT_TRANSPORT=http needs DISCORD_PUBLIC_KEY'],
    [{ BOT_TRANSPORT: 'gateway' }, 'BOT_TRANSPORT=gateway needs DISCORD_TOKEN'],
    [{ BOT_TRANSPORT: 'carrier-pigeon' }, 'BOT_TRANSPORT must be gateway, http or console'],
    [{ PORT: '0' }, 'PORT must be a number from 1 to 65535'],
    [{ PORT: '70000' }, 'PORT must be a number from 1 to 65535'],
    [{ PORT: 'eighty' }, 'PORT must be a number from 1 to 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DISCORD_API_BASE: 'not a url' }, 'DISCORD_API_BASE must be a URL'],
    [{ DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID must be a Discord id'],
    [{ SCHEDULER_TICK_MS: '10' }, 'SCHEDULER_TICK_MS must be a whole number of milliseconds'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('exits with status 1 and one line, no stack trace, when started with a bad value', () => {
    const result = spawnSync('npx', ['tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'abc', BOT_TRANSPORT: 'console' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be a number from 1 to 65535');
  });
});
