import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, messageCommands } from '../commands/index.ts';
import { DiscordStandIn } from './helpers/discord-stand-in.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const APPLICATION = '100000000000000001';
const GUILD = '200000000000000001';
// The slash commands and the message command (Answer with FAQ) go out in one PUT.
const DEPLOYED = commands.length + messageCommands.length;

describe('npm run deploy-commands', { timeout: 120_000 }, () => {
  let standIn: DiscordStandIn;
  beforeAll(async () => {
    standIn = await new DiscordStandIn().start();
    standIn.on('PUT', /^\/applications\/\d+\/(guilds\/\d+\/)?commands$/, (request) => ({
      body: request.body,
    }));
  });
  afterAll(() => standIn.stop());

  const deploy = (args: string[], env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/deploy-commands.ts', ...args], {
      cwd: root,
      env: {
        ...process.env,
        DISCORD_TOKEN: 'test-token',
        DISCORD_APPLICATION_ID: APPLICATION,
        DISCORD_API_BASE: standIn.apiBase,
        ...env,
      },
    });

  it('registers in one server, and --clear-guild removes that server’s copy so global commands show once', async () => {
    const placed = await deploy([], { DISCORD_GUILD_ID: GUILD });
    expect(placed.stderr).toMatch(new RegExp(`Deployed ${DEPLOYED} commands to guild ${GUILD}`));
    const cleared = await deploy(['--clear-guild'], { DISCORD_GUILD_ID: GUILD });
    expect(cleared.stderr).toMatch(/Removed this bot's commands registered in guild/);
    const puts = standIn.find('PUT', new RegExp(`/applications/${APPLICATION}/guilds/${GUILD}/commands`));
    expect(puts.map((request) => (request.body as unknown[]).length)).toEqual([DEPLOYED, 0]);
    await expect(deploy(['--clear-guild'], { DISCORD_GUILD_ID: '' })).rejects.toMatchObject({
      stderr: expect.stringMatching(/--clear-guild needs DISCORD_GUILD_ID/),
    });
  });
});
