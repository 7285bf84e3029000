import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { freePort } from '../../helpers/bot-process.ts';
import { sleep } from './stats.ts';

export interface TimedProcess {
  child: ChildProcess;
  base: string;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  startMs: number;
  stderr: () => string;
  stop: () => Promise<void>;
}

const HEALTH_POLL_MS = 5;
const START_TIMEOUT_MS = 120_000;

/**
 * Spawns `node <script>` (through tsx for TypeScript) and polls /healthz tightly, so the start-up figure is the
 * process's own time, not the poll interval.
 */
export async function spawnUntilHealthy(
  script: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<TimedProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  // TypeScript through tsx; the bot's launcher (src/start.mjs) is plain JavaScript, as npm start runs it.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script], {
    env: { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  for (;;) {
    const status = await fetch(`${base}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (child.exitCode !== null || performance.now() - startedAt > START_TIMEOUT_MS) {
      await stop();
      throw new Error(`${script} did not become healthy: ${stderr.slice(-2000)}`);
    }
    await sleep(HEALTH_POLL_MS);
  }
  return { child, base, startMs: performance.now() - startedAt, stderr: () => stderr, stop };
}

/** The V8 flags `npm start`, the systemd unit and the Dockerfile run the bot with. */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=1', '--wasm-tiering-budget=180000000'];

/**
 * The bot in HTTP mode, as `npm start` runs it (from its build); with profileDir, under --cpu-prof
 * (written when it stops).
 */
export function startBot(env: NodeJS.ProcessEnv, profileDir?: string) {
  const nodeArgs = [...BOT_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  return spawnUntilHealthy(
    'src/start.mjs',
    {
      BOT_TRANSPORT: 'http',
      // Nothing listens there: a late reply must never reach the real Discord from a benchmark.
      DISCORD_API_BASE: 'http://127.0.0.1:9/api',
      SCHEDULER_TICK_MS: '60000',
      ...env,
    },
    nodeArgs,
  );
}

export function startFloor(publicKeyHex: string) {
  return spawnUntilHealthy('test/bench/floor-server.ts', { DISCORD_PUBLIC_KEY: publicKeyHex });
}

/** Resident set size of a process in bytes, from /proc (Linux); `VmHWM` is its peak so far. */
export async function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Spawns `node --import tsx <script> ...args` and resolves once it prints "ready". */
export async function spawnUntilReady(script: string, args: readonly string[]) {
  const startedAt = performance.now();
  // The bot's own V8 flags, so the floors differ from it only in what they load.
  const child = spawn(process.execPath, [...BOT_NODE_FLAGS, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    child.once('exit', () => reject(new Error(`${script} exited before it was ready`)));
  });
  const readyMs = performance.now() - startedAt;
  return {
    child,
    readyMs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU time (user + system) a process has used, from /proc/<pid>/stat. Unlike requests per second,
 * CPU per request hardly moves when other work shares the machine.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / CLOCK_TICKS_PER_SECOND;
}
