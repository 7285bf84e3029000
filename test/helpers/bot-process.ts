import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { APIEmbed } from 'discord-api-types/v10';
import { commands } from '../../commands/index.ts';
import { type Actor, buildChatInput, type CommandInput } from '../../src/payloads/fake-interactions.ts';
import { createSigner } from './signing.ts';

interface ResponseBody {
  type: number;
  data?: { content?: string; flags?: number; embeds?: APIEmbed[] };
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * The bot as its own process (`node --import tsx src/main.ts`) in HTTP mode, the way it runs in
 * production, with a client that signs requests like Discord. `viaNpm` starts it with `npm start`
 * instead, in a process group of its own (as a terminal or a supervisor would).
 */
export async function startBotProcess(env: NodeJS.ProcessEnv, { viaNpm = false } = {}) {
  const signer = createSigner();
  const port = await freePort();
  const [command, args] = viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, ['--import', 'tsx', 'src/main.ts']];
  const child: ChildProcess = spawn(command, args, {
    detached: viaNpm,
    env: {
      ...process.env,
      BOT_TRANSPORT: 'http',
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;

  const healthz = () =>
    fetch(`${base}/healthz`)
      .then((response) => response.status)
      .catch(() => 0);

  // Waits for start-up (migrations included); a slow CI machine may take a while.
  for (let attempt = 0; (await healthz()) !== 200; attempt++) {
    if (child.exitCode !== null || attempt > 600) throw new Error(`bot did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  /** Any interaction payload, signed. */
  const sendPayload = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const response = await fetch(`${base}/interactions`, {
      method: 'POST',
      body,
      headers: signer.signedHeaders(body),
    });
    return { status: response.status, body: (await response.json()) as ResponseBody };
  };

  const send = async (name: string, input: CommandInput, actor: Actor) => {
    const definition = commands.find((command) => command.data.name === name)?.data;
    if (!definition) throw new Error(`no command ${name}`);
    return sendPayload(buildChatInput(definition, input, actor));
  };

  return {
    base,
    child,
    exited,
    healthz,
    send,
    sendPayload,
    stderr: () => stderr,
    signal(signal: NodeJS.Signals) {
      child.kill(signal);
      return exited;
    },
  };
}
