import {
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIInteractionResponse,
  ChannelType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { count, desc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOpening } from '../src/db/queries/openings.ts';
import { deletedOpeningTraces, guildSettings, openingInterests, openings } from '../src/db/schema/index.ts';
import type { Actor } from '../src/payloads/fake-interactions.ts';
import { createScheduler } from '../src/scheduler/scheduler.ts';
import { schedulerTasks } from '../src/scheduler/tasks.ts';
import { BASIC, GUILD_A, MODERATOR_ROLE, member, moderator } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { OPENINGS_TEXT_CHANNEL, useOpeningsTextChannel } from './helpers/openings-channel.ts';

const author = member('300000000000000021');
const helper = member('300000000000000022');
const postPath = new RegExp(`^/channels/${OPENINGS_TEXT_CHANNEL}/messages$`);

function form(overrides: Record<string, string> = {}) {
  return {
    title: 'Outcomes after genicular artery embolization',
    institution: 'Example University Hospital',
    mentor: '',
    description: 'Chart review and data entry for about 200 patients; roughly four hours a week.',
    contact: 'ir.lab@example.org',
    ...overrides,
  };
}

function message(response: APIInteractionResponse) {
  if (
    response.type !== InteractionResponseType.ChannelMessageWithSource &&
    response.type !== InteractionResponseType.UpdateMessage
  ) {
    throw new Error(`expected a message, got ${JSON.stringify(response)}`);
  }
  expect(response.data?.allowed_mentions).toEqual({ parse: [] });
  return response.data ?? {};
}

function ephemeral(response: APIInteractionResponse): string {
  const data = message(response);
  expect(data.flags).toBe(MessageFlags.Ephemeral);
  return data.content ?? '';
}

function visibleText(response: APIInteractionResponse): string {
  const data = message(response);
  return [
    data.content ?? '',
    ...(data.embeds ?? []).flatMap((embed) => [
      embed.description ?? '',
      ...(embed.fields ?? []).map((field) => field.value),
    ]),
  ].join('\n');
}

function buttons(response: APIInteractionResponse): APIButtonComponentWithCustomId[] {
  return (
    (message(response).components ?? []) as Array<{ components: APIButtonComponentWithCustomId[] }>
  ).flatMap((row) => row.components);
}

async function post(harness: Harness, actor: Actor, fields = form()) {
  const modal = await harness.command(
    'opening',
    { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
    actor,
  );
  if (modal.type !== InteractionResponseType.Modal) return ephemeral(modal);
  return ephemeral(await harness.submitModal(modal.data.custom_id, fields, actor));
}

async function latest(harness: Harness) {
  const [row] = await harness.db.select().from(openings).orderBy(desc(openings.id)).limit(1);
  if (!row) throw new Error('no opening stored');
  return row;
}

async function countOpenings(harness: Harness) {
  const [row] = await harness.db.select({ total: count() }).from(openings);
  return row?.total ?? 0;
}

const tick = (harness: Harness) => createScheduler(harness.ctx, schedulerTasks, 60_000).tick();

describe.each(databaseKinds())('openings against deceiving input (%s)', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(openings);
    await harness.db.delete(guildSettings);
    await useOpeningsTextChannel(harness);
    harness.standIn.clear();
    harness.clock.advance(8 * 24 * 60 * 60 * 1000);
  });

  it('posts member text as text: no masked link, heading, mention or code fence renders', async () => {
    await post(
      harness,
      author,
      form({
        title: '[https://good.org](https://evil.example/phish)',
        institution: '# HEADER',
        mentor: '<@300000000000000009>',
        description:
          '[Verify here](https://evil.example)\n# Big\n```\nfence\n```\n-# small print, and more text.',
      }),
    );
    const [sent] = harness.standIn.find('POST', postPath);
    const embed = (sent?.body as { embeds: APIEmbed[] } | undefined)?.embeds[0];
    expect(embed?.title).toBe('\\[https://good.org\\](https://evil.example/phish)');
    expect(embed?.description).toBe(
      '\\[Verify here\\](https://evil.example)\n\\# Big\n\\`\\`\\`\nfence\n\\`\\`\\`\n\\-# small print, and more text.',
    );
    const fields = Object.fromEntries((embed?.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields.Institution).toBe('\\# HEADER');
    expect(fields.Mentor).toBe('\\<@300000000000000009\\>');

    const list = visibleText(await harness.command('opening', { subcommand: 'list', options: {} }, helper));
    expect(list).not.toMatch(/(?<!\\)\[https:\/\/good/);
  });

  it('refuses a contact that hides another link, saying why, and stores nothing', async () => {
    const before = await countOpenings(harness);
    const reply = await post(
      harness,
      author,
      form({ contact: 'https://evil.example/)[https://good.org](https://evil.example/x' }),
    );
    expect(reply).toMatch(/Contact must be an email address .* no brackets or other markup/);
    expect(await countOpenings(harness)).toBe(before);
    expect(harness.standIn.find('POST', postPath)).toEqual([]);
  });

  it('cleans NUL, controls and direction overrides instead of failing, and refuses invisible titles', async () => {
    const saved = await post(
      harness,
      author,
      form({ title: 'Dose\u0000 audit\u202E in UFE', description: `${form().description}\u0007` }),
    );
    expect(saved).toContain('is saved');
    expect((await latest(harness)).title).toBe('Dose audit in UFE');
    const invisible = await post(harness, author, form({ title: '\u200B'.repeat(8) }));
    expect(invisible).toMatch(/The title needs at least 5 characters/);

    const list = message(
      await harness.command('opening', { subcommand: 'list', options: { query: 'dose\u0000' } }, helper),
    );
    expect(list.embeds?.[0]?.description).toMatch(/^1 open · /);
    const page = message(await harness.press('opening:page:0:-:-:-:-:dose\u0000\u202E', helper));
    expect(page.embeds?.[0]?.description).toMatch(/^1 open · /);
  });

  it('refuses a Discord invite as contact until a moderator allows invites', async () => {
    const refused = await post(harness, author, form({ contact: 'https://discord.gg/abcdef' }));
    expect(refused).toMatch(/cannot be a Discord server invite/);
    const configured = ephemeral(
      await harness.command(
        'config',
        {
          subcommand: 'openings',
          options: { channel: OPENINGS_TEXT_CHANNEL, allow_invites: true },
          channels: [{ id: OPENINGS_TEXT_CHANNEL, name: 'openings', type: ChannelType.GuildText }],
        },
        moderator(),
      ),
    );
    expect(configured).toContain('may give a Discord server invite');
    expect(await post(harness, author, form({ contact: 'https://discord.gg/abcdef' }))).toContain('is saved');
    const show = message(await harness.command('config', { subcommand: 'show' }, moderator()));
    expect(JSON.stringify(show.embeds)).toContain('Allowed as contacts');
  });

  it('refuses a repeat that differs only by zero-width or full-width characters', async () => {
    await post(harness, author);
    const repeat = await post(
      harness,
      author,
      form({
        title: 'Outcomes after genicular\u200B artery embolization',
        institution: 'Ｅxample University Hospital',
      }),
    );
    expect(repeat).toMatch(/already posted an opening with this title and institution/);
  });

  it('checks Manage Messages in the openings channel, not where the command runs', async () => {
    await post(harness, author);
    const opening = await latest(harness);
    const close = (actor: Actor) =>
      harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(opening.id), status: 'filled' } },
        actor,
      );
    // Manage Messages granted only in some other channel (an overwrite there): refused.
    const elsewhere: Actor = {
      ...member('300000000000000031'),
      permissions: String(BASIC | PermissionFlagsBits.ManageMessages),
    };
    expect(ephemeral(await close(elsewhere))).toMatch(/Manage Messages in the openings channel/);
    expect((await getOpening(harness.db, GUILD_A, opening.id))?.status).toBe('open');
    // The same member running it in the openings channel itself, where Discord computed the bits: allowed.
    const inChannel = { ...elsewhere, channelId: OPENINGS_TEXT_CHANNEL };
    expect(ephemeral(await close(inChannel))).toContain('Closed');
  });

  it('refuses a moderator whose role is denied Manage Messages in the openings channel', async () => {
    await post(harness, author);
    const opening = await latest(harness);
    harness.standIn.on('GET', new RegExp(`^/channels/${OPENINGS_TEXT_CHANNEL}$`), () => ({
      body: {
        id: OPENINGS_TEXT_CHANNEL,
        type: ChannelType.GuildText,
        permission_overwrites: [
          { id: MODERATOR_ROLE, type: 0, allow: '0', deny: String(PermissionFlagsBits.ManageMessages) },
        ],
      },
    }));
    const refused = ephemeral(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(opening.id), status: 'filled' } },
        moderator(),
      ),
    );
    expect(refused).toMatch(/Only the member who posted this opening/);
    expect((await getOpening(harness.db, GUILD_A, opening.id))?.status).toBe('open');
  });

  it('edits the count on a post after an interested member deletes their data', async () => {
    await post(harness, author);
    const opening = await latest(harness);
    ephemeral(await harness.press(`opening:interest:${opening.id}`, helper));
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, helper);
    const confirm = buttons(prompt)[0];
    harness.standIn.clear();
    await harness.press(confirm?.custom_id ?? '', helper);
    await tick(harness);
    const edits = harness.standIn.find(
      'PATCH',
      new RegExp(`^/channels/${OPENINGS_TEXT_CHANNEL}/messages/${opening.messageId}$`),
    );
    expect(edits).toHaveLength(1);
    const fields = (edits[0]?.body as { embeds: APIEmbed[] } | undefined)?.embeds[0]?.fields ?? [];
    expect(fields.find((field) => field.name === 'Interested')?.value).toBe('0 members');
    const [left] = await harness.db.select({ total: count() }).from(openingInterests);
    expect(left?.total).toBe(0);
  });

  it('does not call an opening deleted before the answer "saved, stays open"', async () => {
    let deleted = false;
    harness.standIn.on('POST', postPath, async () => {
      if (deleted) return undefined;
      deleted = true;
      const prompt = await harness.command('mydata', { subcommand: 'delete' }, author);
      await harness.press(buttons(prompt)[0]?.custom_id ?? '', author);
      return undefined;
    });
    const reply = await post(harness, author);
    expect(reply).not.toContain('stays open');
    expect(reply).toMatch(/was saved, but it has been withdrawn since/);
  });

  it('keeps the posting limits after /mydata delete, and previews each opening under its status', async () => {
    await post(harness, author, form({ title: 'First project of three' }));
    await post(harness, author, form({ title: 'Second project of three' }));
    await post(harness, author, form({ title: 'Third project of three' }));
    const filled = await latest(harness);
    ephemeral(
      await harness.command(
        'opening',
        { subcommand: 'close', options: { opening: String(filled.id), status: 'filled' } },
        author,
      ),
    );
    const prompt = await harness.command('mydata', { subcommand: 'delete' }, author);
    const preview = visibleText(prompt);
    expect(preview).toContain('2 openings you posted: withdrawn');
    expect(preview).toContain('1 filled opening you posted: stay filled');
    expect(preview).toContain('still count toward the posting limits');
    await harness.press(buttons(prompt)[0]?.custom_id ?? '', author);
    expect((await getOpening(harness.db, GUILD_A, filled.id))?.status).toBe('filled');

    // A fourth within 24 hours is still refused, before the form and on submit.
    const fourth = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'retrospective', focus: 'ir', remote: true, role: 'entry' } },
      author,
    );
    expect(ephemeral(fourth)).toMatch(/You have posted 3 openings in the last 24 hours/);
    // A day later the rate limit has passed, but the same opening again is still a repeat.
    harness.clock.advance(25 * 60 * 60 * 1000);
    expect(await post(harness, author, form({ title: 'First project of three' }))).toMatch(
      /already posted an opening with this title/,
    );
    expect(await post(harness, author, form({ title: 'A new project' }))).toContain('is saved');
    // After a week the traces are swept by the scheduler.
    harness.clock.advance(7 * 24 * 60 * 60 * 1000);
    await tick(harness);
    const [traces] = await harness.db.select({ total: count() }).from(deletedOpeningTraces);
    expect(traces?.total).toBe(0);
  });

  it('refuses members who joined fewer than min_member_days ago, before the form and on submit', async () => {
    const configure = (options: Record<string, string | number>) =>
      harness.command(
        'config',
        {
          subcommand: 'openings',
          options: { channel: OPENINGS_TEXT_CHANNEL, ...options },
          channels: [{ id: OPENINGS_TEXT_CHANNEL, name: 'openings', type: ChannelType.GuildText }],
        },
        moderator(),
      );
    expect(ephemeral(await configure({ min_member_days: -1 }))).toMatch(
      /`min_member_days` cannot be negative/,
    );
    expect(ephemeral(await configure({ min_member_days: 7 }))).toContain(
      'once they have been in the server 7 days',
    );
    const newcomer: Actor = {
      ...member('300000000000000061'),
      joinedAt: new Date(harness.clock.now().getTime() - 2 * 24 * 60 * 60 * 1000).toISOString(),
    };
    const before = await countOpenings(harness);
    expect(await post(harness, newcomer)).toMatch(/once they have been here 7 days/);
    // A form kept from before the setting is refused on submit too.
    const submitted = ephemeral(
      await harness.submitModal(`opening:post:retrospective:ir:1:entry:30:${GUILD_A}`, form(), newcomer),
    );
    expect(submitted).toMatch(/once they have been here 7 days/);
    expect(await countOpenings(harness)).toBe(before);
    expect(await post(harness, author)).toContain('is saved');
    const show = message(await harness.command('config', { subcommand: 'show' }, moderator()));
    expect(JSON.stringify(show.embeds)).toContain(
      'Members can post once they have been in the server 7 days',
    );
  });
});
