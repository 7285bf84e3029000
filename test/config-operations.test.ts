import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const gateway = { DISCORD_TOKEN: 'token' };

describe('settings for running the bot', () => {
  it('takes gateway shards as discord.js does: auto, or ids with the total', () => {
    expect(loadConfig({ ...gateway, SHARDS: 'auto' }).shards).toBe('auto');
    expect(loadConfig({ ...gateway, SHARDS: '0, 1', SHARD_COUNT: '4' })).toMatchObject({
      shards: [0, 1],
      shardCount: 4,
    });
    expect(loadConfig(gateway).shards).toBeUndefined();
    expect(() => loadConfig({ ...gateway, SHARDS: '0,1' })).toThrow(/SHARDS with ids needs SHARD_COUNT/);
    expect(() => loadConfig({ ...gateway, SHARDS: 'two' })).toThrow(ConfigError);
  });

  it('runs the scheduler in the console unless told not to, and can log to a file', () => {
    expect(loadConfig({}).schedulerInConsole).toBe(true);
    expect(loadConfig({ SCHEDULER_IN_CONSOLE: 'false' }).schedulerInConsole).toBe(false);
    expect(loadConfig({ LOG_FILE: 'data/bot.log' }).logFile).toBe('data/bot.log');
  });
});
