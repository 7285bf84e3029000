import { InteractionResponseType } from 'discord-api-types/v10';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOpening } from '../src/db/queries/openings.ts';
import { guildSettings, openings } from '../src/db/schema/index.ts';
import { postNonce } from '../src/openings/publisher.ts';
import { buildModalSubmit } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import type { RecordedRequest, StandInReply } from './helpers/discord-stand-in.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { OPENINGS_FORUM, useOpeningsForum, useOpeningsTextChannel } from './helpers/openings-channel.ts';

const author = member('300000000000000041');
const helper = member('300000000000000042');
const MINUTE = 60_000;

const fields = {
  title: 'Outcomes after genicular artery embolization',
  institution: 'Example University Hospital',
  mentor: '',
  description: 'Chart review and data entry for about 200 patients; roughly four hours a week.',
  contact: 'ir.lab@example.org',
};

async function post(harness: Harness) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
    author,
  );
  if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
  await harness.submitModal(modal.data.custom_id, fields, author);
  const [row] = await harness.db.select().from(openings).orderBy(desc(openings.id)).limit(1);
  if (!row) throw new Error('not stored');
  return row;
}

/** Discord makes the post, but its answer never arrives (the process died or the socket broke). */
function loseRepliesTo(harness: Harness, pattern: RegExp, times: number) {
  harness.standIn.on(
    'POST',
    pattern,
    (request: RecordedRequest): StandInReply => {
      harness.standIn.remember(request);
      return { status: 500, body: { message: 'lost on the way back', code: 0 } };
    },
    times,
  );
}

const tick = (harness: Harness) => createScheduler(harness.ctx, schedulerTasks, MINUTE).tick();

describe.each(databaseKinds())('one post per opening when a reply is lost (%s)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    await harness.db.delete(guildSettings);
    harness.standIn.clear();
    harness.standIn.forget();
  });

  it('retries a text-channel post with the same nonce, so Discord keeps the first message', async () => {
    await useOpeningsTextChannel(harness);
    // Every try of the first send (the REST client retries once) is made but not answered.
    loseRepliesTo(harness, /^\/channels\/\d+\/messages$/, 2);
    const opening = await post(harness);
    expect(opening).toMatchObject({ postState: 'retry', messageId: null });
    const creates = harness.standIn.find('POST', /^\/channels\/\d+\/messages$/);
    expect(creates.map((request) => (request.body as { nonce: string }).nonce)).toEqual([
      postNonce(opening),
      postNonce(opening),
    ]);
    expect(creates.every((request) => (request.body as { enforce_nonce: boolean }).enforce_nonce)).toBe(true);
    expect(postNonce(opening).length).toBeLessThanOrEqual(25);

    harness.clock.advance(MINUTE);
    await tick(harness);
    expect(harness.standIn.messagesByNonce.size).toBe(1);
    const [kept] = [...harness.standIn.messagesByNonce.values()] as Array<{ id: string }>;
    expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({
      postState: 'posted',
      messageId: kept?.id,
    });
  });

  it('edits the kept message when the opening changed between the lost reply and the retry', async () => {
    await useOpeningsTextChannel(harness);
    loseRepliesTo(harness, /^\/channels\/\d+\/messages$/, 2);
    const opening = await post(harness);
    await harness.press(`opening:interest:${opening.id}`, helper);
    harness.clock.advance(MINUTE);
    await tick(harness);
    const [kept] = [...harness.standIn.messagesByNonce.values()] as Array<{ id: string }>;
    const edits = harness.standIn.find('PATCH', new RegExp(`/messages/${kept?.id}$`));
    expect(JSON.stringify(edits.at(-1)?.body)).toContain('1 member');
    expect(harness.standIn.messagesByNonce.size).toBe(1);
  });

  it('finds the forum post a lost reply made instead of starting a second one', async () => {
    await useOpeningsForum(harness);
    // A forum post takes no nonce: a lost answer is only safe if the next try looks first. The
    // REST client's own immediate retry would not look, so this process makes one try per send.
    const ctx = { ...harness.ctx, rest: harness.standIn.createRest(0) };
    loseRepliesTo(harness, new RegExp(`^/channels/${OPENINGS_FORUM}/threads$`), 1);
    const modal = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
      author,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
    await harness.router.route(buildModalSubmit(modal.data.custom_id, fields, author), ctx);
    const [opening] = await harness.db.select().from(openings);
    expect(opening?.postState).toBe('retry');
    expect(harness.standIn.activeThreads).toHaveLength(1);

    harness.clock.advance(MINUTE);
    await createScheduler(ctx, schedulerTasks, MINUTE).tick();
    expect(harness.standIn.activeThreads).toHaveLength(1);
    const [thread] = harness.standIn.activeThreads;
    expect(await getOpening(harness.db, GUILD_A, opening?.id ?? 0)).toMatchObject({
      postState: 'posted',
      threadId: thread?.id,
      messageId: thread?.id,
    });
    expect(harness.standIn.find('POST', new RegExp(`^/channels/${OPENINGS_FORUM}/threads$`))).toHaveLength(1);
  });

  it('does not take another opening’s forum post with the same title for its own', async () => {
    await useOpeningsForum(harness);
    const first = await post(harness);
    // Another member's opening with the same title: its own thread.
    const other = member('300000000000000043');
    const modal = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
      other,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
    await harness.submitModal(modal.data.custom_id, fields, other);
    expect(harness.standIn.activeThreads).toHaveLength(2);
    const second = await harness.db.select().from(openings).orderBy(desc(openings.id)).limit(1);
    expect(second[0]?.threadId).not.toBe((await getOpening(harness.db, GUILD_A, first.id))?.threadId);
  });
});
