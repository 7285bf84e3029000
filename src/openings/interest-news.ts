import type { Context } from '../context.ts';
import { setInterestDms } from '../db/queries/opening-author-settings.ts';
import { claimInterestNews, type InterestNews, untellInterests } from '../db/queries/opening-interests.ts';
import { sendDirectMessage } from '../discord/direct-messages.ts';
import type { SchedulerTask } from '../scheduler/scheduler.ts';
import { HOUR_MS } from '../time.ts';
import { renderInterestNews } from './render.ts';

/** An author hears about new interest in an opening at most once an hour, in one message. */
export const INTEREST_NEWS_GAP_MS = HOUR_MS;
/** Openings claimed per tick; paced at the DM rate, one tick sends them in about five seconds. */
const INTEREST_NEWS_BATCH = 25;

export const CLOSED_DMS_REASON =
  'Discord refused a direct message to you (your DMs are closed to this server’s members or apps).';

/** Tells authors who pressed "I'm interested" on their openings since the last message. */
export const interestNewsTask: SchedulerTask = {
  name: 'opening-interest-news',
  async run(ctx) {
    const news = await claimInterestNews(ctx.db, ctx.clock(), {
      limit: INTEREST_NEWS_BATCH,
      gapMs: INTEREST_NEWS_GAP_MS,
    });
    for (const item of news) await tellAuthor(ctx, item);
  },
};

async function tellAuthor(ctx: Context, news: InterestNews): Promise<void> {
  const ids = { guildId: news.guildId, openingId: news.openingId };
  const sent = await sendDirectMessage(ctx, news.authorId, { content: renderInterestNews(news) });
  if (sent.ok) return;
  if (sent.closed) {
    // Nobody can reach them: stop trying until they turn the messages on again.
    await setInterestDms(
      ctx.db,
      news.guildId,
      news.authorId,
      { on: false, reason: CLOSED_DMS_REASON },
      ctx.clock(),
    );
    ctx.log.info(ids, 'interest messages turned off: the author’s DMs are closed');
    return;
  }
  // A failure that may pass: these members go into the next message instead.
  await untellInterests(ctx.db, news.guildId, news.openingId, news.memberIds);
  ctx.log.warn({ ...ids, problem: sent.problem }, 'interest message not sent; kept for the next one');
}
