import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType } from 'discord-api-types/v10';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/client.ts';
import { assessments } from '../../src/db/schema/index.ts';
import { member } from '../helpers/actors.ts';
import { BEGINNER } from '../helpers/assess-options.ts';
import { startBotProcess } from '../helpers/bot-process.ts';

const directories: string[] = [];
function dataDirectory() {
  const directory = mkdtempSync(join(tmpdir(), 'bot-shutdown-'));
  directories.push(directory);
  return directory;
}

const assessOptions = (publications: number) => ({
  options: { ...BEGINNER, publications, months_to_apply: 12 },
});

async function storedAssessments(directory: string): Promise<number> {
  const database = await openPglite(directory);
  try {
    const [row] = await database.db.select({ total: count() }).from(assessments);
    return row?.total ?? 0;
  } finally {
    await database.close();
  }
}

/** Sends checks one after another until the process stops answering; returns how many were answered. */
async function writeUntilStopped(bot: Awaited<ReturnType<typeof startBotProcess>>, limit: number) {
  let acknowledged = 0;
  for (let index = 0; index < limit; index++) {
    try {
      const response = await bot.send(
        'assess',
        assessOptions(index % 50),
        member(`3000000000000${String(index).padStart(5, '0')}`),
      );
      if (response.body.type !== InteractionResponseType.ChannelMessageWithSource) break;
      if (response.body.data?.embeds?.length !== 1) break;
      acknowledged++;
    } catch {
      break;
    }
  }
  return acknowledged;
}

describe('stopping the bot on embedded PGlite', { timeout: 240_000 }, () => {
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('finishes what it was doing on SIGTERM, exits 0, and a restart has every committed check', async () => {
    const directory = dataDirectory();
    const bot = await startBotProcess({ PGLITE_DATA_DIR: directory });
    const inFlight = Array.from({ length: 20 }, (_, index) =>
      bot
        .send('assess', assessOptions(index), member(`30000000000000${String(index).padStart(4, '0')}`))
        .then(
          (response) => response.status,
          () => 0,
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const code = await bot.signal('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(code).toBe(0);
    const answered = statuses.filter((status) => status === 200).length;
    expect(answered).toBeGreaterThan(0);
    // Every answered check is stored. On a very slow machine the 10 s grace can cut a request
    // whose row was already written: such a request is stored without having been answered.
    const cut = statuses.filter((status) => status === 0).length;
    const stored = await storedAssessments(directory);
    expect(stored).toBeGreaterThanOrEqual(answered);
    expect(stored).toBeLessThanOrEqual(answered + cut);
  });

  it('loses no acknowledged write when killed with SIGKILL in the middle of a burst', async () => {
    const directory = dataDirectory();
    const bot = await startBotProcess({ PGLITE_DATA_DIR: directory });
    const writing = writeUntilStopped(bot, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await bot.signal('SIGKILL');
    const acknowledged = await writing;
    expect(acknowledged).toBeGreaterThan(0);
    // A check answered after its row committed; the one in flight at the kill may or may not be there.
    const stored = await storedAssessments(directory);
    expect(stored).toBeGreaterThanOrEqual(acknowledged);
    expect(stored).toBeLessThanOrEqual(acknowledged + 1);
  });
});
