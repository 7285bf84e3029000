import { type APIEmbed, ChannelType, InteractionResponseType } from 'discord-api-types/v10';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type GuildSettings,
  getGuildSettings,
  recordChannelProblem,
  updateGuildSettings,
} from '../src/db/queries/guild-settings.ts';
import { getOpening } from '../src/db/queries/openings.ts';
import { assessments, guildSettings, openings } from '../src/db/schema/index.ts';
import { EMBED_LIMITS, embedProblems } from '../src/discord/limits.ts';
import { POST_RETRY } from '../src/openings/retry.ts';
import type { Actor, LocalChannel } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { renderSettingsEmbed } from '../src/settings/render.ts';
import { GUILD_A, GUILD_B, member, moderator } from './helpers/actors.ts';
import { BEGINNER } from './helpers/assess-options.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { ephemeralContent, replyOf } from './helpers/responses.ts';

const OPENINGS: LocalChannel = { id: '400000000000000021', name: 'openings', type: ChannelType.GuildText };
const FORUM: LocalChannel = {
  id: '400000000000000022',
  name: 'openings-forum',
  type: ChannelType.GuildForum,
};
const ASSESSMENTS: LocalChannel = {
  id: '400000000000000023',
  name: 'portfolios',
  type: ChannelType.GuildText,
};
const CHANNELS = [OPENINGS, FORUM, ASSESSMENTS];
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const MISSING_ACCESS = { status: 403, body: { message: 'Missing Access', code: 50001 } };
const UNKNOWN_CHANNEL = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
const postsTo = (channel: LocalChannel) => new RegExp(`^/channels/${channel.id}/messages$`);

describe.each(databaseKinds())('channel problems and waiting openings (%s)', (kind) => {
  let harness: Harness;
  let authors = 0;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    await harness.db.delete(assessments);
    await harness.db.delete(guildSettings);
    harness.standIn.clear();
  });

  const tick = () => createScheduler(harness.ctx, schedulerTasks, 15_000).tick();
  const config = (subcommand: string, options: Record<string, string> = {}, actor = moderator()) =>
    harness.command('config', { subcommand, options, channels: CHANNELS }, actor);
  /** /config show as `name: value` lines, checked to fit Discord's limits. */
  const show = async (guildId = GUILD_A) => {
    const data = replyOf(await config('show', {}, moderator(undefined, guildId)));
    const embed = data.embeds?.[0] as APIEmbed;
    expect(embedProblems(embed)).toEqual([]);
    return (embed.fields ?? []).map((field) => `${field.name}: ${field.value}`).join('\n');
  };

  /** A new member posts an opening through /opening post and its form; returns the reply and the row. */
  async function postOpening(guildId = GUILD_A, title = 'Outcomes after genicular artery embolization') {
    authors += 1;
    const author: Actor = member(String(300000000000000500n + BigInt(authors)), guildId);
    const modal = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
      author,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no form');
    const reply = ephemeralContent(
      await harness.submitModal(
        modal.data.custom_id,
        {
          title,
          institution: 'Example University Hospital',
          mentor: '',
          description: 'Chart review for about 200 patients; roughly four hours a week.',
          contact: 'ir.lab@example.org',
        },
        author,
      ),
    );
    const [row] = await harness.db
      .select()
      .from(openings)
      .where(eq(openings.authorId, author.userId ?? ''));
    if (!row) throw new Error('no opening stored');
    return { reply, opening: row };
  }

  it('shows a refused opening post in /config show, stops retrying, and posts it once the channel is set again', async () => {
    await config('openings', { channel: OPENINGS.id });
    harness.standIn.on('POST', postsTo(OPENINGS), () => MISSING_ACCESS, 1);
    const { reply, opening } = await postOpening();
    expect(reply).toContain('Discord refused the post in the openings channel');
    expect(reply).toContain('`/config openings`');
    expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({
      status: 'open',
      postState: 'gone',
      messageId: null,
    });
    const shown = await show();
    expect(shown).toContain('Openings channel problem: Posting in the openings channel failed');
    expect(shown).toContain('missing a permission');
    expect(shown).not.toContain('Assessments channel problem');
    expect(shown).not.toContain('Reminders problem');

    // Retrying cannot fix a permission: hours of ticks send nothing more.
    for (let hour = 0; hour < 8; hour++) {
      harness.clock.advance(HOUR);
      await tick();
    }
    expect(harness.standIn.find('POST', postsTo(OPENINGS))).toHaveLength(1);
    // Still listed for members meanwhile.
    const list = replyOf(
      await harness.command('opening', { subcommand: 'list', options: {} }, member('300000000000000777')),
    );
    expect(list.embeds?.[0]?.fields?.[0]?.name).toContain('Outcomes after genicular');

    // The moderator fixes the permission and sets the channel again.
    const setAgain = ephemeralContent(await config('openings', { channel: OPENINGS.id }));
    expect(setAgain).toContain('The 1 open opening not posted yet will be posted there within 15 seconds.');
    expect(await show()).not.toContain('Openings channel problem');
    await tick();
    await tick();
    const posted = await getOpening(harness.db, GUILD_A, opening.id);
    expect(posted).toMatchObject({ postState: 'posted', channelId: OPENINGS.id });
    expect(posted?.messageId).toBeTruthy();
    expect(harness.standIn.find('POST', postsTo(OPENINGS))).toHaveLength(2);
    expect(await show()).not.toContain('problem');
  });

  it('clears the openings problem when a later post works without a new setting', async () => {
    await config('openings', { channel: FORUM.id });
    harness.standIn.on('POST', /^\/channels\/\d+\/threads$/, () => UNKNOWN_CHANNEL, 1);
    harness.standIn.on('GET', new RegExp(`^/channels/${FORUM.id}$`), () => ({
      body: { id: FORUM.id, type: ChannelType.GuildForum, available_tags: [] },
    }));
    const refused = await postOpening();
    expect(await show()).toContain('the channel no longer exists');
    const { reply } = await postOpening(GUILD_A, 'Case series of prostatic artery embolization');
    expect(reply).toContain('See the post');
    expect(await show()).not.toContain('Openings channel problem');
    // The refused one still waits for the moderator: nothing retries it.
    harness.clock.advance(DAY);
    await tick();
    expect((await getOpening(harness.db, GUILD_A, refused.opening.id))?.postState).toBe('gone');
    expect(harness.standIn.find('POST', /\/threads$/)).toHaveLength(2);
  });

  it('forgets a post Discord refuses to edit, without blaming the channel, and posts it anew when set', async () => {
    await config('openings', { channel: OPENINGS.id });
    const { opening } = await postOpening();
    const posted = await getOpening(harness.db, GUILD_A, opening.id);
    // Someone deleted the post: editing it answers 404.
    harness.standIn.on(
      'PATCH',
      /^\/channels\/\d+\/messages\/\d+$/,
      () => ({ status: 404, body: { message: 'Unknown Message', code: 10008 } }),
      1,
    );
    await harness.press(`opening:interest:${opening.id}`, member('300000000000000778'));
    expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({
      postState: 'gone',
      channelId: null,
      messageId: null,
    });
    harness.clock.advance(DAY);
    await tick();
    expect(harness.standIn.find('PATCH', /.*/)).toHaveLength(1);
    expect(await show()).not.toContain('problem');
    // Setting the channel again posts the still-open opening anew.
    await config('openings', { channel: OPENINGS.id });
    await tick();
    const reposted = await getOpening(harness.db, GUILD_A, opening.id);
    expect(reposted).toMatchObject({ postState: 'posted', channelId: OPENINGS.id });
    expect(reposted?.messageId).toBeTruthy();
    expect(reposted?.messageId).not.toBe(posted?.messageId);
  });

  it('keeps a transient opening failure out of /config show and retries it', async () => {
    await config('openings', { channel: OPENINGS.id });
    harness.standIn.on('POST', postsTo(OPENINGS), () => ({ status: 503, body: { message: 'down' } }), 2);
    const { reply, opening } = await postOpening();
    expect(reply).toContain('the bot will keep trying');
    expect(await show()).not.toContain('problem');
    harness.clock.advance(HOUR);
    await tick();
    expect((await getOpening(harness.db, GUILD_A, opening.id))?.postState).toBe('posted');
  });

  /** Makes Discord answer 500 to every edit of a message until the returned function is called. */
  function failEdits(): () => void {
    let down = true;
    harness.standIn.on('PATCH', /^\/channels\/\d+\/messages\/\d+$/, () =>
      down ? { status: 500, body: { message: 'Internal Server Error', code: 0 } } : undefined,
    );
    return () => {
      down = false;
    };
  }

  /** Hourly ticks until the bot has tried the post's edit as often as it retries. */
  async function tickUntilGivenUp(openingId: number) {
    for (let hour = 0; hour < POST_RETRY.maxAttempts + 1; hour++) {
      await tick();
      harness.clock.advance(HOUR);
    }
    expect((await getOpening(harness.db, GUILD_A, openingId))?.postAttempts).toBe(POST_RETRY.maxAttempts);
  }

  it('says in /config show when it gave up editing a post, and edits it after /config openings', async () => {
    await config('openings', { channel: OPENINGS.id });
    const { opening } = await postOpening();
    const recover = failEdits();
    try {
      // It expires while Discord keeps failing: the post still says it is open.
      harness.clock.set(new Date(opening.expiresAt.getTime() + HOUR));
      await tickUntilGivenUp(opening.id);
      expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({
        status: 'expired',
        postState: 'stale',
        messageId: opening.messageId,
      });
      const shown = await show();
      expect(shown).toContain(
        'Openings channel problem: Posting in the openings channel failed (Discord answered 500, 12 times in a row, so the bot stopped retrying).',
      );
      expect(shown).toContain('run `/config openings` again');
      // Given up: a day of ticks tries nothing more.
      const edits = harness.standIn.find('PATCH', /.*/).length;
      harness.clock.advance(DAY);
      await tick();
      expect(harness.standIn.find('PATCH', /.*/)).toHaveLength(edits);
    } finally {
      recover();
    }

    const setAgain = ephemeralContent(await config('openings', { channel: OPENINGS.id }));
    expect(setAgain).toContain(
      'The 1 post the bot could not bring up to date will be edited within 15 seconds.',
    );
    expect(setAgain).not.toContain('not posted yet');
    await tick();
    const lastEdit = harness.standIn.find('PATCH', /^\/channels\/\d+\/messages\/\d+$/).at(-1);
    expect(lastEdit?.path).toBe(`/channels/${OPENINGS.id}/messages/${opening.messageId}`);
    expect(JSON.stringify(lastEdit?.body)).toContain('[Expired] Outcomes after genicular');
    expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({ postState: 'posted' });
    expect(await show()).not.toContain('problem');
  });

  it('retries a given-up post in full when its opening changes again', async () => {
    await config('openings', { channel: OPENINGS.id });
    const { opening } = await postOpening();
    const recover = failEdits();
    try {
      await harness.press(`opening:interest:${opening.id}`, member('300000000000000779'));
      await tickUntilGivenUp(opening.id);
    } finally {
      recover();
    }
    // The author closes it during a short hiccup: the edit is retried later, not given up at once.
    const hiccupOver = failEdits();
    const closing = await harness.command(
      'opening',
      { subcommand: 'close', options: { opening: String(opening.id), status: 'filled' } },
      member(opening.authorId),
    );
    expect(ephemeralContent(closing)).toContain('its post says so');
    hiccupOver();
    const editsBefore = harness.standIn.find('PATCH', /.*/).length;
    harness.clock.advance(HOUR);
    await tick();
    const retried = harness.standIn.find('PATCH', /.*/).slice(editsBefore);
    expect(retried).toHaveLength(1);
    expect(JSON.stringify(retried[0]?.body)).toContain('[Filled] Outcomes after genicular');
    expect(await getOpening(harness.db, GUILD_A, opening.id)).toMatchObject({
      status: 'filled',
      postState: 'posted',
    });
  });

  it('posts the openings stored while no channel was set, after /config openings and one tick', async () => {
    const waiting = await postOpening();
    expect(waiting.reply).toContain('no openings channel yet');
    const closed = await postOpening(GUILD_A, 'Registry of uterine fibroid embolization');
    const closing = await harness.command(
      'opening',
      { subcommand: 'close', options: { opening: String(closed.opening.id), status: 'withdrawn' } },
      moderator(),
    );
    expect(ephemeralContent(closing)).toContain('Closed');
    const lapsed = await postOpening(GUILD_A, 'Review of hepatic embolization techniques');
    await harness.db
      .update(openings)
      .set({ expiresAt: new Date(harness.clock.now().getTime() - 1000) })
      .where(eq(openings.id, lapsed.opening.id));
    const elsewhere = await postOpening(GUILD_B);
    // Nothing posted anywhere; the moderator's close only looked up the server's roles.
    expect(harness.standIn.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /guilds/${GUILD_A}`,
    ]);

    // A plain member cannot set the channel, and nothing is queued.
    expect(ephemeralContent(await config('openings', { channel: OPENINGS.id }, member()))).toContain(
      'Manage Server',
    );
    await tick();
    expect(harness.standIn.find('POST', /.*/)).toEqual([]);
    expect((await getOpening(harness.db, GUILD_A, waiting.opening.id))?.postState).toBe('gone');

    const set = ephemeralContent(await config('openings', { channel: OPENINGS.id }));
    expect(set).toContain(`New research openings will be posted in <#${OPENINGS.id}>.`);
    expect(set).toContain('The 1 open opening not posted yet');
    await tick();
    const posts = harness.standIn.find('POST', /messages$/);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toMatch(postsTo(OPENINGS));
    expect(JSON.stringify(posts[0]?.body)).toContain('Outcomes after genicular');
    expect(await getOpening(harness.db, GUILD_A, waiting.opening.id)).toMatchObject({
      postState: 'posted',
      channelId: OPENINGS.id,
    });
    for (const other of [closed, lapsed]) {
      expect((await getOpening(harness.db, GUILD_A, other.opening.id))?.messageId).toBeNull();
    }
    expect((await getOpening(harness.db, GUILD_B, elsewhere.opening.id))?.postState).toBe('gone');

    // Setting it again finds nothing more to post.
    expect(ephemeralContent(await config('openings', { channel: OPENINGS.id }))).not.toContain(
      'not posted yet',
    );
    harness.clock.advance(HOUR);
    await tick();
    expect(harness.standIn.find('POST', /messages$/)).toHaveLength(1);
  });

  it('shows a refused shared assessment in /config show, keeps the check, and clears on a new setting', async () => {
    await config('assessments', { channel: ASSESSMENTS.id });
    harness.standIn.on('POST', postsTo(ASSESSMENTS), () => UNKNOWN_CHANNEL, 1);
    const data = replyOf(
      await harness.command('assess', { options: { ...BEGINNER, share: true } }, member()),
    );
    expect(data.content).toContain(
      `sharing it in <#${ASSESSMENTS.id}> failed (the channel no longer exists)`,
    );
    expect(data.content).toContain('`/config show`');
    const [stored] = await harness.db.select({ total: count() }).from(assessments);
    expect(stored?.total).toBe(1);
    const shown = await show();
    expect(shown).toContain('Assessments channel problem: A shared assessment could not be posted');
    expect(shown).toContain('the channel no longer exists');
    expect(await show(GUILD_B)).not.toContain('problem');

    await config('assessments', { channel: ASSESSMENTS.id });
    expect(await show()).not.toContain('Assessments channel problem');
  });

  it('clears the assessments problem after a share works, and records none for a failure that may pass', async () => {
    await config('assessments', { channel: ASSESSMENTS.id });
    harness.standIn.on('POST', postsTo(ASSESSMENTS), () => MISSING_ACCESS, 1);
    await harness.command('assess', { options: { ...BEGINNER, share: true } }, member());
    expect(await show()).toContain('missing a permission');
    const shared = replyOf(
      await harness.command('assess', { options: { ...BEGINNER, share: true } }, member()),
    );
    expect(shared.content).toContain(`Shared your level and counts in <#${ASSESSMENTS.id}>.`);
    expect(await show()).not.toContain('problem');

    harness.standIn.on('POST', postsTo(ASSESSMENTS), () => ({ status: 500, body: { message: 'oops' } }), 2);
    const failed = replyOf(
      await harness.command('assess', { options: { ...BEGINNER, share: true } }, member()),
    );
    expect(failed.content).toContain('Try sharing again later');
    expect(await show()).not.toContain('problem');
  });

  it('records a problem only for the channel still set', async () => {
    const now = harness.clock.now();
    await updateGuildSettings(harness.db, GUILD_A, { assessmentsChannelId: ASSESSMENTS.id }, now);
    await recordChannelProblem(
      harness.db,
      GUILD_A,
      'assessments',
      { channelId: OPENINGS.id, problem: 'the channel no longer exists' },
      now,
    );
    expect((await getGuildSettings(harness.db, GUILD_A))?.assessmentsProblem).toBeNull();
  });
});

describe('/config show with every problem at once', () => {
  it('names each problem in its own field and fits Discord’s limits even with a very long reason', () => {
    const now = new Date('2026-11-01T12:00:00Z');
    const reason = 'x'.repeat(EMBED_LIMITS.fieldValue * 2);
    const settings: GuildSettings = {
      guildId: GUILD_A,
      openingsChannelId: OPENINGS.id,
      openingsChannelType: ChannelType.GuildText,
      openingsAllowInvites: false,
      openingsMinMemberDays: 0,
      openingsApproval: false,
      openingsReviewChannelId: null,
      assessmentsChannelId: ASSESSMENTS.id,
      remindersChannelId: OPENINGS.id,
      remindersEveryHours: 24,
      remindersNextRunAt: null,
      remindersFailures: 0,
      remindersPitfallCursor: 0,
      remindersProblem: reason,
      openingsProblem: reason,
      assessmentsProblem: reason,
      updatedAt: now,
    };
    const embed = renderSettingsEmbed(settings, now);
    expect(embedProblems(embed)).toEqual([]);
    expect(embed.fields?.map((field) => field.name)).toEqual([
      'Pitfall reminders',
      'Reminders problem',
      'Openings channel',
      'Openings channel problem',
      'Discord invites in openings',
      'New members and openings',
      'Moderator approval of openings',
      'Assessments channel',
      'Assessments channel problem',
    ]);
  });
});
