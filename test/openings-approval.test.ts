import { ChannelType, InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { getOpening } from '../src/db/queries/openings.ts';
import { deletedOpeningTraces, guildSettings, openings } from '../src/db/schema/index.ts';
import type { LocalChannel } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, GUILD_B, member, moderator } from './helpers/actors.ts';
import { answerDmChannels } from './helpers/dm-channels.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { OPENING_FORM_FIELDS } from './helpers/openings-channel.ts';
import {
  buttonsOf,
  ephemeralContent,
  messageOf,
  modalOf,
  replyOf,
  visibleText,
} from './helpers/responses.ts';

const OPENINGS: LocalChannel = { id: '400000000000000001', name: 'openings', type: ChannelType.GuildText };
const REVIEW: LocalChannel = { id: '400000000000000007', name: 'mods', type: ChannelType.GuildText };
const VOICE: LocalChannel = { id: '400000000000000004', name: 'lounge', type: ChannelType.GuildVoice };
const AUTHOR = '300000000000000081';
const author = member(AUTHOR);
/** A moderator pressing in the review channel, where Discord computed their permissions. */
const reviewer = { ...moderator(), channelId: REVIEW.id };
const plainInReview = { ...member('300000000000000082'), channelId: REVIEW.id };
const dmPath = /^\/channels\/6\d+\/messages$/;
const postsIn = (channel: LocalChannel) => new RegExp(`^/channels/${channel.id}/messages$`);

const configure = (harness: Harness, options: Record<string, string | boolean>) =>
  harness.command(
    'config',
    { subcommand: 'openings', options, channels: [OPENINGS, REVIEW, VOICE] },
    moderator(),
  );

async function post(harness: Harness, title: string) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
    author,
  );
  const confirmation = await harness.submitModal(
    modalOf(modal).custom_id,
    { ...OPENING_FORM_FIELDS, title },
    author,
  );
  const [row] = await harness.db.select().from(openings);
  if (!row) throw new Error('not stored');
  const [reviewMessage] = harness.standIn.find('POST', postsIn(REVIEW));
  return { row, confirmation: replyOf(confirmation).content ?? '', review: reviewMessage?.body };
}

describe('moderator approval of new openings', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    // The posting limits remember openings deleted by /mydata delete: each test starts with none.
    await harness.db.delete(deletedOpeningTraces);
    await harness.db.delete(guildSettings);
    harness.standIn.clear();
    answerDmChannels(harness.standIn);
    expect(
      ephemeralContent(await configure(harness, { channel: OPENINGS.id, approval: true, review: REVIEW.id })),
    ).toMatch(/wait for a moderator's approval in <#400000000000000007>/);
  });

  it('refuses a review channel that is not a text channel, or approval without one, changing nothing', async () => {
    await harness.db.delete(guildSettings);
    expect(
      ephemeralContent(await configure(harness, { channel: OPENINGS.id, approval: true, review: VOICE.id })),
    ).toMatch(/That is a voice channel\. The review channel must be a text channel\./);
    expect(ephemeralContent(await configure(harness, { channel: OPENINGS.id, approval: true }))).toMatch(
      /Approval needs a review channel/,
    );
    expect(
      ephemeralContent(
        await configure(harness, { channel: OPENINGS.id, approval: true, review: OPENINGS.id }),
      ),
    ).toMatch(/must not be the openings channel/);
    expect(await getGuildSettings(harness.db, GUILD_A)).toBeNull();
  });

  it('/config show lists approval, the review channel and min_member_days', async () => {
    const shown = visibleText(replyOf(await harness.command('config', { subcommand: 'show' }, moderator())));
    expect(shown).toContain("New openings wait for a moderator's approval in <#400000000000000007>");
    expect(shown).toContain('Members can post from the day they join.');
  });

  it('holds a new opening for review: only its author sees it; approving posts it once and tells the author', async () => {
    const { row, confirmation, review } = await post(harness, 'Outcomes after prostate artery embolization');
    expect(row.status).toBe('in_review');
    expect(confirmation).toMatch(/waits for a moderator's approval/);
    expect(harness.standIn.find('POST', postsIn(OPENINGS))).toEqual([]);
    expect(JSON.stringify(review)).toContain('Outcomes after prostate artery embolization');
    const [approve, reject] = buttonsOf(review as never);
    expect([approve?.label, reject?.label]).toEqual(['Approve', 'Reject (reason)']);

    const publicList = visibleText(
      replyOf(await harness.command('opening', { subcommand: 'list' }, member())),
    );
    expect(publicList).not.toContain('prostate artery');
    const mine = visibleText(
      replyOf(await harness.command('opening', { subcommand: 'list', options: { mine: true } }, author)),
    );
    expect(mine).toContain('[Awaiting review]');
    expect(mine).toContain('1 open or awaiting review');

    // A plain member's press, and one naming another server, are refused and change nothing.
    expect(ephemeralContent(await harness.press(approve?.custom_id ?? '', plainInReview))).toMatch(
      /Only moderators with Manage Messages in the review channel/,
    );
    const forged = (approve?.custom_id ?? '').replace(GUILD_A, GUILD_B);
    expect(ephemeralContent(await harness.press(forged, reviewer))).toMatch(/belongs to another server/);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.status).toBe('in_review');

    const approved = await harness.press(approve?.custom_id ?? '', reviewer);
    expect(approved.type).toBe(InteractionResponseType.UpdateMessage);
    const decided = messageOf(approved);
    expect(decided.components).toEqual([]);
    expect(decided.content).toMatch(/Approved by <@300000000000000099>.*\nThe author was told/s);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.status).toBe('open');
    expect(harness.standIn.find('POST', postsIn(OPENINGS))).toHaveLength(1);
    const [dm] = harness.standIn.find('POST', dmPath);
    expect((dm?.body as { content?: string } | undefined)?.content).toMatch(
      /moderators approved your opening/,
    );

    // The same button again is stale: nothing is posted twice.
    expect(ephemeralContent(await harness.press(approve?.custom_id ?? '', reviewer))).toMatch(
      /already decided: it is open now/,
    );
    expect(harness.standIn.find('POST', postsIn(OPENINGS))).toHaveLength(1);
  });

  it('rejects with a reason from a form: never posted, the author gets the reason', async () => {
    const { row, review } = await post(harness, 'Registry of uterine fibroid embolization');
    const [, reject] = buttonsOf(review as never);
    expect(ephemeralContent(await harness.press(reject?.custom_id ?? '', plainInReview))).toMatch(
      /Only moderators with Manage Messages/,
    );
    const form = modalOf(await harness.press(reject?.custom_id ?? '', reviewer));
    // A plain member cannot submit the form either, nor an empty reason.
    expect(
      ephemeralContent(await harness.submitModal(form.custom_id, { reason: 'x' }, plainInReview)),
    ).toMatch(/Only moderators/);
    expect(
      ephemeralContent(await harness.submitModal(form.custom_id, { reason: '\u200b ' }, reviewer)),
    ).toMatch(/Write a reason/);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.status).toBe('in_review');

    const decided = messageOf(
      await harness.submitModal(form.custom_id, { reason: 'Say what credit a helper can expect.' }, reviewer),
    );
    expect(decided.content).toMatch(/Rejected by <@300000000000000099>.*Reason: Say what credit/s);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.status).toBe('rejected');
    expect(harness.standIn.find('POST', postsIn(OPENINGS))).toEqual([]);
    const [dm] = harness.standIn.find('POST', dmPath);
    expect((dm?.body as { content?: string } | undefined)?.content).toMatch(
      /did not approve[\s\S]*Say what credit/,
    );
    expect(ephemeralContent(await harness.press(reject?.custom_id ?? '', reviewer))).toMatch(
      /already decided/,
    );

    // The author may post it again, improved, under the same title: it goes to review again.
    const again = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
      author,
    );
    const resubmitted = await harness.submitModal(
      modalOf(again).custom_id,
      {
        title: 'Registry of uterine fibroid embolization',
        institution: 'Example University Hospital',
        description:
          'Chart review for about 200 patients; co-authorship on the abstract for four hours a week.',
        contact: 'ir.lab@example.org',
      },
      author,
    );
    expect(replyOf(resubmitted).content).toMatch(/waits for a moderator's approval/);
  });

  it('/mydata covers an opening in review: exported with its status, withdrawn on delete', async () => {
    const { row, review } = await post(harness, 'Outcomes after genicular artery embolization');
    const summary = visibleText(replyOf(await harness.command('mydata', { subcommand: 'export' }, author)));
    expect(summary).toContain(`#${row.id} Outcomes after genicular artery embolization · Awaiting review`);
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, author);
    expect(visibleText(replyOf(prompt))).toContain('1 opening you posted: withdrawn');
    await harness.press(buttonsOf(prompt)[0]?.custom_id ?? '', author);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.status).toBe('withdrawn');
    // The review message no longer shows what they wrote.
    const [edit] = harness.standIn.find('PATCH', new RegExp(`^/channels/${REVIEW.id}/messages/\\d+$`));
    expect(JSON.stringify(edit?.body)).not.toContain('genicular');
    expect((edit?.body as { embeds?: unknown[] } | undefined)?.embeds).toEqual([]);
    const [approve] = buttonsOf(review as never);
    expect(ephemeralContent(await harness.press(approve?.custom_id ?? '', reviewer))).toMatch(
      /already decided: it is withdrawn now/,
    );
    expect(harness.standIn.find('POST', postsIn(OPENINGS))).toEqual([]);
  });

  it('sends a review Discord refused once a moderator sets the channels again', async () => {
    harness.standIn.on(
      'POST',
      postsIn(REVIEW),
      () => ({ status: 403, body: { message: 'Missing Access', code: 50001 } }),
      1,
    );
    const { row, confirmation } = await post(harness, 'Outcomes after genicular artery embolization');
    expect(confirmation).toMatch(/could not send it to the review channel/);
    expect((await getOpening(harness.db, GUILD_A, row.id))?.reviewMessageId).toBeNull();
    const reply = ephemeralContent(await configure(harness, { channel: OPENINGS.id }));
    expect(reply).toContain('1 opening awaiting review were sent to the review channel.');
    expect((await getOpening(harness.db, GUILD_A, row.id))?.reviewMessageId).not.toBeNull();
    // Sent once: setting the channels again sends nothing more.
    await configure(harness, { channel: OPENINGS.id });
    expect(harness.standIn.find('POST', postsIn(REVIEW))).toHaveLength(2);
  });

  it('tells the moderator when the author’s DMs are closed', async () => {
    const { review } = await post(harness, 'Outcomes after genicular artery embolization');
    harness.standIn.on('POST', dmPath, () => ({
      status: 403,
      body: { message: 'Cannot send', code: 50007 },
    }));
    const [approve] = buttonsOf(review as never);
    const decided = messageOf(await harness.press(approve?.custom_id ?? '', reviewer));
    expect(decided.content).toMatch(/could not be told/);
  });
});
