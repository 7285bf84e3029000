import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortfolioItem, listAllMemberItems } from '../src/db/queries/portfolio-items.ts';
import { getNudgeState, setNudgesEnabled } from '../src/db/queries/portfolio-nudges.ts';
import { GUILD_A, GUILD_B, member } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { multipartOf } from './helpers/multipart.ts';
import { buttonsOf, expectEphemeral, messageOf, visibleText } from './helpers/responses.ts';

const ALICE = member('300000000000000021');
const BOB = member('300000000000000022');
const ALICE_ELSEWHERE = member(ALICE.userId, GUILD_B);

describe('/mydata and the portfolio', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    for (const actor of [ALICE, BOB, ALICE_ELSEWHERE]) {
      const owner = { guildId: actor.guildId ?? '', userId: actor.userId };
      for (const title of ['Private draft on embolization', 'Second item', 'Third item']) {
        await createPortfolioItem(
          harness.db,
          owner,
          {
            kind: 'project',
            role: 'entry',
            status: 'writing',
            statusSince: '2026-01-01',
            title,
            link: 'https://doi.org/10.1/secret',
          },
          { now: harness.clock.now(), limit: 200 },
        );
      }
      await setNudgesEnabled(harness.db, owner.guildId, owner.userId, true, harness.clock.now());
    }
  });
  afterAll(() => harness.close());

  it('export lists the member’s items and reminder settings here, and the file holds all of them', async () => {
    harness.standIn.clear();
    const summary = visibleText(
      expectEphemeral(await harness.command('mydata', { subcommand: 'export' }, ALICE)),
    );
    expect(summary).toContain('Your /portfolio (3)');
    expect(summary).toContain('Private draft on embolization · Project · Writing');
    expect(summary).toContain('Portfolio reminders');
    await harness.router.idle();
    const [file] = harness.standIn.find('POST', /^\/webhooks\//).map(multipartOf);
    const exported = JSON.parse(file?.files[0]?.data.toString('utf8') ?? '{}');
    expect(exported.portfolioItems).toHaveLength(3);
    expect(exported.portfolioItems[0]).toMatchObject({
      title: 'Private draft on embolization',
      link: 'https://doi.org/10.1/secret',
    });
    expect(exported.portfolioReminders).toMatchObject({ enabled: true });
  });

  it('delete removes the member’s items and reminder settings here, and nobody else’s', async () => {
    const prompt = expectEphemeral(await harness.command('mydata', { subcommand: 'delete' }, ALICE));
    expect(visibleText(prompt)).toContain('3 portfolio items: deleted');
    const [confirm] = buttonsOf(prompt);
    const done = messageOf(await harness.press(confirm?.custom_id ?? '', ALICE));
    expect(visibleText(done)).toContain('3 portfolio items: deleted');
    expect(await listAllMemberItems(harness.db, GUILD_A, ALICE.userId)).toEqual([]);
    expect(await getNudgeState(harness.db, GUILD_A, ALICE.userId)).toBeNull();
    expect(await listAllMemberItems(harness.db, GUILD_A, BOB.userId)).toHaveLength(3);
    expect(await listAllMemberItems(harness.db, GUILD_B, ALICE.userId)).toHaveLength(3);
    expect(await getNudgeState(harness.db, GUILD_B, ALICE.userId)).not.toBeNull();
  });
});
