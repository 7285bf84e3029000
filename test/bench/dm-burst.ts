import { openPglite } from '../../src/db/client.ts';
import { DMS_PER_SECOND } from '../../src/discord/direct-messages.ts';
import { createTestContext } from '../helpers/context.ts';
import { DiscordStandIn } from '../helpers/discord-stand-in.ts';
import { runDmBurst } from '../helpers/dm-burst.ts';
import type { BenchOptions } from './lib/options.ts';
import type { SectionResult } from './lib/report.ts';

/** Retry-after waits allowed to come this much early (timer granularity), in ms. */
const TIMER_SLACK_MS = 50;

/**
 * The figure: alerts for 1000 members and 100 new openings (whose authors hear about 10
 * interested members each), claimed and sent by the scheduler's tasks against the REST stand-in,
 * with a 429 every 100 DMs. It takes minutes at Discord's pace, hence here and not in `npm test`
 * (test/openings-alerts.test.ts runs 30 members).
 */
export async function dmBurst(options: BenchOptions): Promise<SectionResult> {
  const size = options.quick
    ? { members: 100, openings: 10, limitEvery: 50 }
    : { members: 1000, openings: 100, limitEvery: 100 };
  const database = await openPglite('memory://');
  const standIn = await new DiscordStandIn().start();
  try {
    await database.migrate();
    const { ctx } = createTestContext({ db: database.db, rest: standIn.createRest() });
    const burst = await runDmBurst(ctx, standIn, size);
    const perSecond = burst.sent / burst.seconds;
    const waited = burst.shortestWaitAfterLimit;
    return {
      tables: [
        {
          title: 'Direct messages from the scheduler (alerts and interest news)',
          note: `${size.members} members with an alert, ${size.openings} new openings each with ${size.members / size.openings} interested members; the stand-in answers every ${size.limitEvery}th DM with a 429 (retry_after 1 s).`,
          headers: [
            'DMs sent',
            'expected',
            'most to one member',
            'time',
            'average rate',
            'most in 1 s',
            '429s',
            'shortest wait after a 429',
          ],
          rows: [
            [
              String(burst.sent),
              String(burst.expected),
              String(burst.mostToOneRecipient),
              `${burst.seconds.toFixed(0)} s`,
              `${perSecond.toFixed(2)}/s`,
              String(burst.mostInOneSecond),
              String(burst.limited),
              waited === null ? '-' : `${waited} ms`,
            ],
          ],
        },
      ],
      targets: [
        {
          target: `${size.members} alerts and ${size.openings} interest messages sent, each once`,
          measured: `${burst.sent} of ${burst.expected}, at most ${burst.mostToOneRecipient} to one member`,
          pass: burst.sent === burst.expected && burst.mostToOneRecipient === 1,
        },
        {
          target: `at most ${DMS_PER_SECOND} DMs in any second`,
          measured: `${burst.mostInOneSecond}`,
          pass: burst.mostInOneSecond <= DMS_PER_SECOND,
        },
        {
          target: "a 429's retry_after (1 s) waited out",
          measured: waited === null ? 'no 429 met' : `${waited} ms before asking again`,
          pass: waited !== null && waited >= 1000 - TIMER_SLACK_MS,
        },
      ],
    };
  } finally {
    await standIn.stop();
    await database.close();
  }
}
