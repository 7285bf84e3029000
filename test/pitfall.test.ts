import { MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PITFALLS } from '../src/content/pitfalls/pitfalls.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { GUILD_B, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { replyOf } from './helpers/responses.ts';

describe.each(databaseKinds())('/pitfall on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());

  const titleFor = async (actor = member(), options: Record<string, boolean> = {}) => {
    const data = replyOf(await harness.command('pitfall', { options }, actor));
    const embed = data.embeds?.[0];
    expect(embed && embedProblems(embed)).toEqual([]);
    return embed?.title;
  };

  it('shows the next pitfall only to the member by default, with what to do instead', async () => {
    const data = replyOf(await harness.command('pitfall', {}, member('300000000000000010')));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds?.[0]?.title).toBe(`Pitfall: ${PITFALLS[0]?.title}`);
    expect(data.embeds?.[0]?.fields?.[0]).toEqual({ name: 'Do this instead', value: PITFALLS[0]?.instead });
  });

  it('posts it for everyone with public:true', async () => {
    const data = replyOf(
      await harness.command('pitfall', { options: { public: true } }, member('300000000000000011')),
    );
    expect((data.flags ?? 0) & MessageFlags.Ephemeral).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('walks each member through every pitfall before repeating one', async () => {
    const asker = member('300000000000000012');
    const titles = [];
    for (let round = 0; round <= PITFALLS.length; round++) titles.push(await titleFor(asker));
    expect(new Set(titles.slice(0, PITFALLS.length)).size).toBe(PITFALLS.length);
    expect(titles[PITFALLS.length]).toBe(titles[0]);
  });

  it('keeps a separate place in the rotation per member and per server', async () => {
    const first = member('300000000000000013');
    await titleFor(first);
    await titleFor(first);
    expect(await titleFor(member('300000000000000014'))).toBe(`Pitfall: ${PITFALLS[0]?.title}`);
    expect(await titleFor(member('300000000000000013', GUILD_B))).toBe(`Pitfall: ${PITFALLS[0]?.title}`);
    expect(await titleFor(first)).toBe(`Pitfall: ${PITFALLS[2]?.title}`);
  });

  it('shows two different pitfalls when asked twice at the same moment', async () => {
    const asker = member('300000000000000015');
    const [one, two] = await Promise.all([titleFor(asker), titleFor(asker)]);
    expect(one).not.toBe(two);
  });

  it('only works inside a server', async () => {
    const data = replyOf(await harness.command('pitfall', {}, member(undefined, null)));
    expect(data.content).toContain('inside a server');
  });
});
