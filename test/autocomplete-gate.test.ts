import { REST } from '@discordjs/rest';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { buildAutocomplete, buildChatInput } from '../src/payloads/fake-interactions.ts';
import { admitAutocompletes, createAutocompleteGate } from '../src/router/autocomplete-gate.ts';
import type { Command } from '../src/router/command.ts';
import { readOptions } from '../src/router/options.ts';
import { choices, reply } from '../src/router/responses.ts';
import { createRouter } from '../src/router/router.ts';
import { member } from './helpers/actors.ts';
import { createTestContext } from './helpers/context.ts';
import { createTestDatabase } from './helpers/db.ts';

const limits = { concurrency: 1, maxWaitMs: 1000, maxWaiting: 3, maxRunMs: 3000 };
const waiting = (key: string, arrivedAt: number) => ({ key, arrivedAt });

describe('the autocomplete gate', () => {
  it('frees the slot of one that never finishes, answering it without suggestions', async () => {
    const gate = createAutocompleteGate({ ...limits, maxRunMs: 50 });
    const stuck = gate.run('a', () => new Promise<string>(() => {}), 'none');
    const next = gate.run('b', async () => 'suggestions', 'none');
    expect(await stuck).toBe('none');
    expect(await next).toBe('suggestions');
  });

  it('tells a running autocomplete when the same member’s next one arrives, and only then', async () => {
    const gate = createAutocompleteGate(limits);
    const seen: Array<[string, boolean]> = [];
    let release = () => {};
    const running = gate.run(
      'guild/a',
      async (overtaken) => {
        seen.push(['before', overtaken()]);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        seen.push(['after', overtaken()]);
        return 'first list';
      },
      'none',
    );
    await new Promise((resolve) => setImmediate(resolve));
    const other = gate.run('guild/b', async (overtaken) => String(overtaken()), 'none');
    const newer = gate.run('guild/a', async (overtaken) => String(overtaken()), 'none');
    release();
    expect(await running).toBe('first list');
    expect(seen).toEqual([
      ['before', false],
      ['after', true],
    ]);
    // The other member's keystroke overtakes nothing of theirs; the newest of each key is not overtaken.
    expect(await other).toBe('false');
    expect(await newer).toBe('false');
  });
});

describe('admitAutocompletes', () => {
  it('runs the oldest waiting ones the free slots allow and keeps the rest in order', () => {
    const queue = [waiting('a', 0), waiting('b', 1), waiting('c', 2)];
    expect(admitAutocompletes(queue, 1, 10, limits)).toEqual({
      run: [queue[0]],
      skip: [],
      keep: [queue[1], queue[2]],
    });
    expect(admitAutocompletes(queue, 0, 10, limits).run).toEqual([]);
  });

  it('skips one the same member overtook while it waited, and one that waited too long', () => {
    const queue = [waiting('a', 0), waiting('b', 500), waiting('a', 900)];
    const { run, skip, keep } = admitAutocompletes(queue, 1, 1200, limits);
    expect(skip).toEqual([queue[0]]);
    expect(run).toEqual([queue[1]]);
    expect(keep).toEqual([queue[2]]);
    expect(admitAutocompletes([waiting('a', 0)], 1, 1001, limits)).toEqual({
      run: [],
      skip: [waiting('a', 0)],
      keep: [],
    });
  });

  it('skips the oldest when too many wait', () => {
    const queue = ['a', 'b', 'c', 'd', 'e'].map((key, index) => waiting(key, index));
    const { skip, keep } = admitAutocompletes(queue, 0, 10, limits);
    expect(skip.map((entry) => entry.key)).toEqual(['a', 'b']);
    expect(keep.map((entry) => entry.key)).toEqual(['c', 'd', 'e']);
  });
});

describe('autocompletes backing up', () => {
  let database: Database;
  let context: ReturnType<typeof createTestContext>;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const searched: string[] = [];
  // An autocomplete as slow as a search can be: it holds its turn until the test lets it go.
  const typing: Command = {
    data: { name: 'typing', description: 'Suggests slowly', type: ApplicationCommandType.ChatInput },
    async execute() {
      return reply({ content: 'sent' });
    },
    async autocomplete(interaction) {
      const typed = String(readOptions(interaction).focused?.value ?? '');
      searched.push(typed);
      await held;
      return choices([{ name: `${typed}…`, value: typed }]);
    },
  };
  const help: Command = {
    data: { name: 'help', description: 'Help', type: ApplicationCommandType.ChatInput },
    async execute() {
      return reply({ content: 'what this bot can do' });
    },
  };
  const router = createRouter([typing, help]);

  beforeAll(async () => {
    database = await createTestDatabase();
    // Nothing here calls Discord: the REST client points nowhere.
    context = createTestContext({ db: database.db, rest: new REST({ api: 'http://127.0.0.1:9/api' }) });
  });
  afterAll(async () => {
    await database.close();
  });

  const suggest = (text: string, userId: string) =>
    router.route(
      buildAutocomplete(typing.data, { options: { text }, focused: 'text' }, member(userId)),
      context.ctx,
    );
  const namesOf = (response: unknown) =>
    ((response as { data: { choices: Array<{ value: string }> } }).data.choices ?? []).map(
      (choice) => choice.value,
    );

  it('answers /help while an autocomplete holds its turn, and every autocomplete, overtaken ones with no suggestions', async () => {
    const settled: string[] = [];
    const track = (name: string, response: Promise<unknown>) =>
      response.then((value) => {
        settled.push(name);
        return value;
      });
    const first = track('i', suggest('i', '300000000000000001'));
    await new Promise((resolve) => setImmediate(resolve));
    const overtaken = track('ir r', suggest('ir r', '300000000000000001'));
    const newest = track('ir research', suggest('ir research', '300000000000000001'));
    const other = track('pubs', suggest('pubs', '300000000000000002'));

    const helped = await router.route(buildChatInput(help.data, { options: {} }, member()), context.ctx);
    expect(helped).toMatchObject({ data: { content: 'what this bot can do' } });
    expect(namesOf(await overtaken)).toEqual([]);
    expect(settled).toEqual(['ir r']);
    expect(searched).toEqual(['i']);

    release();
    expect(namesOf(await first)).toEqual(['i']);
    expect(namesOf(await newest)).toEqual(['ir research']);
    expect(namesOf(await other)).toEqual(['pubs']);
    expect(searched).toEqual(['i', 'ir research', 'pubs']);
  });
});
