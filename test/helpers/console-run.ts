import { spawnSync } from 'node:child_process';

/**
 * `npm start` as a member at a terminal runs it (no token: the local console), reading `input`;
 * `env` adds or overrides variables, such as the PGlite directory a suite uses.
 */
export function runConsole(input: string, env: NodeJS.ProcessEnv) {
  return spawnSync('npm', ['start', '--silent'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '', BOT_TRANSPORT: '', LOG_LEVEL: 'warn', ...env },
    timeout: 150_000,
  });
}
