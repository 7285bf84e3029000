import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNAVAILABLE_MESSAGE } from '../../src/router/router.ts';
import { member } from '../helpers/actors.ts';
import { startBotProcess } from '../helpers/bot-process.ts';
import { canRunPostgres, startThrowawayPostgres } from '../helpers/throwaway-postgres.ts';

// Needs a PostgreSQL server binary to stop and start; CI installs one (.ci/run).
describe.skipIf(!canRunPostgres)('when PostgreSQL goes down and comes back', { timeout: 180_000 }, () => {
  let postgres: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  let bot: Awaited<ReturnType<typeof startBotProcess>>;

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    bot = await startBotProcess({ DATABASE_URL: postgres.url });
  }, 180_000);
  afterAll(async () => {
    await bot?.signal('SIGTERM');
    postgres?.destroy();
  });

  it('answers with "temporarily unavailable", reports 503, stays up, and recovers by itself', async () => {
    expect((await bot.send('pitfall', {}, member())).body.type).toBe(
      InteractionResponseType.ChannelMessageWithSource,
    );

    postgres.stop();
    const during = await bot.send('pitfall', {}, member());
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: UNAVAILABLE_MESSAGE, flags: MessageFlags.Ephemeral },
    });
    expect(await bot.healthz()).toBe(503);
    expect(bot.child.exitCode).toBeNull();

    postgres.start();
    let health = 0;
    for (let attempt = 0; attempt < 100 && health !== 200; attempt++) {
      health = await bot.healthz();
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(health).toBe(200);
    const after = await bot.send('pitfall', {}, member());
    expect(after.body.data?.embeds?.[0]?.title).toBeTruthy();
  });
});
