import { createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import { faqAutocompletePayload } from './interactions.ts';
import { sendPaced, signedRequest } from './paced-requests.ts';
import { randomText } from './queries.ts';
import { seededRandom } from './stats.ts';

/**
 * The autocomplete load of the faq-load benchmark, in a process of its own so that sending it never
 * delays the /help requests being timed. Given on stdin as JSON: { url, privateKeyPem, seconds,
 * perSecond, members }. Signs every request first, prints "ready", starts on a line from stdin,
 * and prints the answers as JSON.
 */

async function main() {
  const lines = process.stdin.setEncoding('utf8');
  const [first] = (await once(lines, 'data')) as [string];
  const { url, privateKeyPem, seconds, perSecond, members } = JSON.parse(first) as {
    url: string;
    privateKeyPem: string;
    seconds: number;
    perSecond: number;
    members: number;
  };
  const privateKey = createPrivateKey(privateKeyPem);
  const random = seededRandom(7);
  const requests = Array.from({ length: seconds * perSecond }, (_, index) =>
    signedRequest(
      privateKey,
      faqAutocompletePayload(randomText(random.next), index % members),
      (index * 1000) / perSecond,
    ),
  );
  process.stdout.write('ready\n');
  await once(lines, 'data');
  const answered = await sendPaced(url, requests);
  process.stdout.write(`${JSON.stringify(answered)}\n`);
  process.stdin.destroy();
}

void main();
