import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createInterface } from 'node:readline';
import { commands } from '../../commands/index.ts';
import { buildChatInput } from '../../src/payloads/fake-interactions.ts';
import { member } from '../helpers/actors.ts';
import { benchGuild, faqAutocompletePayload } from './lib/interactions.ts';
import type { BenchOptions } from './lib/options.ts';
import { type Answered, sendPaced, signedRequest } from './lib/paced-requests.ts';
import { startBot } from './lib/processes.ts';
import { randomText } from './lib/queries.ts';
import { ms, type SectionResult } from './lib/report.ts';
import { percentile, seededRandom } from './lib/stats.ts';

const AUTOCOMPLETES_PER_SECOND = 100;
const HELPS_PER_SECOND = 10;
const TYPING_MEMBERS = 20;
const TARGET_HELP_P99_MS = 100;
/** Discord drops an interaction not answered within 3 s. */
const DISCORD_DEADLINE_MS = 3000;

/** Spawns the autocomplete sender (lib/autocomplete-load.ts) and waits until its requests are signed. */
async function startAutocompleteLoad(config: object) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/lib/autocomplete-load.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const output = createInterface({ input: child.stdout });
  const lines = output[Symbol.asyncIterator]();
  child.stdin.write(`${JSON.stringify(config)}\n`);
  const ready = await lines.next();
  if (ready.value !== 'ready') throw new Error('the autocomplete sender did not start');
  return {
    async run(): Promise<Answered[]> {
      child.stdin.write('go\n');
      const answered = await lines.next();
      output.close();
      return JSON.parse(String(answered.value)) as Answered[];
    },
  };
}

/**
 * /help while autocompletes of random long strings arrive at 100 a second from 20 members each
 * typing (every member's keystrokes overtaking the previous ones), on PGlite over HTTP: the load
 * that used to hold /help for seconds. The autocompletes come from a process of their own and every
 * request is signed beforehand, so the figures are the bot's, not the sender's.
 */
export async function faqUnderLoad(options: BenchOptions): Promise<SectionResult> {
  const seconds = options.quick ? 5 : 15;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const bot = await startBot({ DISCORD_PUBLIC_KEY: publicKeyHex, PGLITE_DATA_DIR: 'memory://' });
  const help = commands.find((command) => command.data.name === 'help')?.data;
  if (!help) throw new Error('no /help command');
  const url = `${bot.base}/interactions`;
  const helpPayload = () => buildChatInput(help, { options: {} }, member('300000000000000777', benchGuild));
  let helpAnswers: Answered[];
  let autocompleteAnswers: Answered[];
  try {
    const load = await startAutocompleteLoad({
      url,
      privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
      seconds,
      perSecond: AUTOCOMPLETES_PER_SECOND,
      members: TYPING_MEMBERS,
    });
    // Once, untimed: the bot's first search reads the vocabulary and plans its statements.
    const warmUp = [
      ...Array.from({ length: 5 }, (_, index) =>
        faqAutocompletePayload(randomText(seededRandom(index).next), index),
      ),
      helpPayload(),
    ];
    for (const payload of warmUp) await sendPaced(url, [signedRequest(privateKey, payload, 0)]);
    const helps = Array.from({ length: seconds * HELPS_PER_SECOND }, (_, index) =>
      signedRequest(privateKey, helpPayload(), (index * 1000) / HELPS_PER_SECOND),
    );
    [autocompleteAnswers, helpAnswers] = await Promise.all([load.run(), sendPaced(url, helps)]);
  } finally {
    await bot.stop();
  }
  const helpTimes = helpAnswers.map((answer) => answer.ms);
  const autocompleteTimes = autocompleteAnswers.map((answer) => answer.ms);
  const failures = [...helpAnswers, ...autocompleteAnswers].filter(
    (answer) => !answer.ok || answer.ms > DISCORD_DEADLINE_MS,
  ).length;
  const helpP99 = percentile(helpTimes, 99);
  return {
    tables: [
      {
        title: '1e. /help while autocompletes of random long strings arrive (PGlite, HTTP)',
        note:
          `${AUTOCOMPLETES_PER_SECOND} /faq autocompletes a second of random 200-character strings of made-up words ` +
          `(20 members typing, each keystroke overtaking the last) and ${HELPS_PER_SECOND} /help a second, for ` +
          `${seconds} s, signed beforehand and sent over loopback (the autocompletes from a process of their own) to the ` +
          `bot in production mode. Failed: answers that were not ` +
          `200 or came after Discord's 3 s.`,
        headers: ['request', 'count', 'p50', 'p99', 'max', 'failed'],
        rows: [
          [
            '/help',
            String(helpTimes.length),
            ms(percentile(helpTimes, 50)),
            ms(helpP99),
            ms(Math.max(...helpTimes)),
            '',
          ],
          [
            '/faq autocomplete',
            String(autocompleteTimes.length),
            ms(percentile(autocompleteTimes, 50)),
            ms(percentile(autocompleteTimes, 99)),
            ms(Math.max(...autocompleteTimes)),
            String(failures),
          ],
        ],
      },
    ],
    targets: [
      {
        target: `/help p99 < ${TARGET_HELP_P99_MS} ms while ${AUTOCOMPLETES_PER_SECOND} autocompletes a second arrive`,
        measured: `${ms(helpP99)} (${failures} failed of ${helpTimes.length + autocompleteTimes.length})`,
        pass: helpP99 < TARGET_HELP_P99_MS && failures === 0,
      },
    ],
  };
}
