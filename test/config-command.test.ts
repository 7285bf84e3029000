import { type APIEmbed, ChannelType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { getGuildSettings } from '../src/db/queries/guild-settings.ts';
import { guildSettings } from '../src/db/schema/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import type { LocalChannel } from '../src/payloads/fake-interactions.ts';
import { GUILD_A, GUILD_B, member, moderator } from './helpers/actors.ts';
import { databaseKinds } from './helpers/db.ts';
import { createHarness, type Harness } from './helpers/harness.ts';
import { replyOf } from './helpers/responses.ts';

const TEXT: LocalChannel = { id: '400000000000000001', name: 'pitfalls', type: ChannelType.GuildText };
const NEWS: LocalChannel = { id: '400000000000000002', name: 'news', type: ChannelType.GuildAnnouncement };
const FORUM: LocalChannel = { id: '400000000000000003', name: 'openings', type: ChannelType.GuildForum };
const VOICE: LocalChannel = { id: '400000000000000004', name: 'lounge', type: ChannelType.GuildVoice };
const CATEGORY: LocalChannel = { id: '400000000000000005', name: 'info', type: ChannelType.GuildCategory };
const ALL = [TEXT, NEWS, FORUM, VOICE, CATEGORY];

describe.each(databaseKinds())('/config on %s', (kind) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ kind });
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    await harness.db.delete(guildSettings);
  });

  const config = (subcommand: string, options: Record<string, string | number> = {}, actor = moderator()) =>
    harness.command('config', { subcommand, options, channels: ALL }, actor);
  const show = async (actor = moderator()) => {
    const data = replyOf(await config('show', {}, actor));
    const embed = data.embeds?.[0] as APIEmbed;
    expect(embedProblems(embed)).toEqual([]);
    return (embed.fields ?? []).map((field) => `${field.name}: ${field.value}`).join('\n');
  };

  it('is offered to Manage Server only, in servers only, with the channel kinds each setting accepts', () => {
    const definition = commands.find((command) => command.data.name === 'config')?.data;
    expect(definition?.default_member_permissions).toBe(String(1n << 5n));
    expect(definition?.contexts).toEqual([0]);
    const channelTypes = Object.fromEntries(
      (definition?.options ?? []).map((option) => [
        option.name,
        'options' in option ? option.options?.find((inner) => inner.name === 'channel') : undefined,
      ]),
    );
    expect(channelTypes.reminders).toMatchObject({
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    });
    expect(channelTypes.openings).toMatchObject({
      channel_types: [ChannelType.GuildText, ChannelType.GuildForum],
    });
    expect(channelTypes.assessments).toMatchObject({ channel_types: [ChannelType.GuildText] });
  });

  it('turns reminders on in a text channel, weekly by default, answering only the moderator', async () => {
    const data = replyOf(await config('reminders', { channel: TEXT.id }));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.content).toContain(`<#${TEXT.id}>`);
    expect(data.content).toContain('every 168 hours');
    const settings = await getGuildSettings(harness.db, GUILD_A);
    expect(settings).toMatchObject({ remindersChannelId: TEXT.id, remindersEveryHours: 168 });
    expect(settings?.remindersNextRunAt).toEqual(harness.clock.now());
  });

  it('accepts an announcement channel and a custom interval', async () => {
    await config('reminders', { channel: NEWS.id, every_hours: 24 });
    expect(await getGuildSettings(harness.db, GUILD_A)).toMatchObject({
      remindersChannelId: NEWS.id,
      remindersEveryHours: 24,
    });
    expect(await show()).toContain('every 24 hours (1 day)');
  });

  it('refuses a member without Manage Server, and nothing changes', async () => {
    for (const [subcommand, options] of [
      ['reminders', { channel: TEXT.id }],
      ['openings', { channel: FORUM.id }],
      ['assessments', { channel: TEXT.id }],
      ['reminders-off', {}],
      ['show', {}],
    ] as const) {
      const data = replyOf(await config(subcommand, options, member()));
      expect(data.flags).toBe(MessageFlags.Ephemeral);
      expect(data.content).toContain('Manage Server');
    }
    expect(await harness.db.select().from(guildSettings)).toEqual([]);
  });

  it('refuses a voice channel with a clear message, and nothing changes', async () => {
    const data = replyOf(await config('reminders', { channel: VOICE.id }));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toBe(
      'That is a voice channel. The reminders channel must be a text or announcement channel.',
    );
    const openings = replyOf(await config('openings', { channel: VOICE.id }));
    expect(openings.content).toContain('voice channel');
    expect(await harness.db.select().from(guildSettings)).toEqual([]);
  });

  it('refuses other wrong kinds of channel for each setting', async () => {
    expect(replyOf(await config('openings', { channel: CATEGORY.id })).content).toContain(
      'must be a text or forum channel',
    );
    expect(replyOf(await config('assessments', { channel: FORUM.id })).content).toContain(
      'That is a forum channel. The assessments channel must be a text channel.',
    );
    expect(replyOf(await config('reminders', { channel: FORUM.id })).content).toContain('forum channel');
    expect(await harness.db.select().from(guildSettings)).toEqual([]);
  });

  it('refuses an interval outside 1 to 720 hours, naming the option, and nothing changes', async () => {
    for (const every_hours of [0, 721, -5]) {
      const data = replyOf(await config('reminders', { channel: TEXT.id, every_hours }));
      expect(data.content).toContain('every_hours');
    }
    expect(replyOf(await config('reminders', { channel: TEXT.id, every_hours: 1.5 })).content).toContain(
      'whole number',
    );
    expect(await harness.db.select().from(guildSettings)).toEqual([]);
  });

  it('refuses a channel Discord did not resolve', async () => {
    const response = await harness.command(
      'config',
      { subcommand: 'reminders', options: { channel: '400000000000000099' } },
      moderator(),
    );
    expect(replyOf(response).content).toContain('pick it again');
    expect(await harness.db.select().from(guildSettings)).toEqual([]);
  });

  it('stores the openings channel with its type, and the assessments channel', async () => {
    expect(replyOf(await config('openings', { channel: FORUM.id })).content).toContain(`<#${FORUM.id}>`);
    await config('assessments', { channel: TEXT.id });
    expect(await getGuildSettings(harness.db, GUILD_A)).toMatchObject({
      openingsChannelId: FORUM.id,
      openingsChannelType: ChannelType.GuildForum,
      assessmentsChannelId: TEXT.id,
    });
    await config('openings', { channel: TEXT.id });
    expect(await getGuildSettings(harness.db, GUILD_A)).toMatchObject({
      openingsChannelId: TEXT.id,
      openingsChannelType: ChannelType.GuildText,
    });
    const shown = await show();
    expect(shown).toContain(`Openings channel: <#${TEXT.id}> (a text channel)`);
    expect(shown).toContain(`Assessments channel: <#${TEXT.id}>`);
  });

  it('shows the settings and the next reminder time, per guild', async () => {
    expect(await show()).toContain('Pitfall reminders: Off (never set up).');
    await config('reminders', { channel: TEXT.id, every_hours: 48 });
    expect(await show()).toContain('due now');
    harness.clock.advance(1000);
    await harness.db
      .update(guildSettings)
      .set({ remindersNextRunAt: new Date(harness.clock.now().getTime() + 3_600_000) });
    const seconds = Math.floor(harness.clock.now().getTime() / 1000) + 3600;
    expect(await show()).toContain(`Next reminder: <t:${seconds}:f>`);
    expect(await show(moderator(undefined, GUILD_B))).toContain('Off (never set up).');
  });

  it('turns reminders off and says so when they already are', async () => {
    await config('reminders', { channel: TEXT.id });
    expect(replyOf(await config('reminders-off')).content).toContain('Pitfall reminders are off');
    const settings = await getGuildSettings(harness.db, GUILD_A);
    expect(settings?.remindersNextRunAt).toBeNull();
    expect(await show()).toContain(`Off (were every 168 hours (7 days) in <#${TEXT.id}>)`);
    expect(replyOf(await config('reminders-off')).content).toBe('Pitfall reminders are already off.');
  });
});
