import { type APIEmbed, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { member } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

describe('/help', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });
  afterAll(() => harness.close());

  it('lists every command with its description, only to the member who asked', async () => {
    const response = await harness.command('help', {}, member());
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    const embed = response.data.embeds?.[0] as APIEmbed;
    expect(embedProblems(embed)).toEqual([]);
    for (const command of commands) {
      const field = embed.fields?.find((candidate) => candidate.name === `/${command.data.name}`);
      expect(field?.value).toContain(command.data.description);
    }
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    const roadmap = embed.fields?.find((candidate) => candidate.name === '/roadmap');
    expect(roadmap?.value).toContain('12–24 month research roadmap');
    expect(JSON.stringify(embed)).not.toMatch(/\b24-month/);
  });

  it('works in direct messages too', async () => {
    const response = await harness.command('help', {}, member(undefined, null));
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return;
    expect(response.data.embeds?.[0]?.title).toBe('What this bot can do');
  });
});
