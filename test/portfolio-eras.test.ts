import { type APIInteractionResponse, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortfolioItem } from '../src/db/queries/portfolio-items.ts';
import { buildChatInput } from '../src/payloads/fake-interactions.ts';
import { portfolioCommandData } from '../src/portfolio/definition.ts';
import { takeFollowUp } from '../src/router/follow-up.ts';
import { GUILD_A, member } from './helpers/actors.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

const ALICE = member();

describe('/portfolio eras', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
    const add = (fields: Parameters<typeof createPortfolioItem>[2]) =>
      createPortfolioItem(harness.db, { guildId: GUILD_A, userId: ALICE.userId }, fields, {
        now: harness.clock.now(),
        limit: 200,
      });
    const paper = { kind: 'original_research', role: 'intermediate', statusSince: '2026-05-01' } as const;
    await add({ ...paper, title: 'Knee pain and diet', status: 'published', venue: 'Nutrients' });
    await add({
      ...paper,
      title: 'Prostate artery embolization outcomes',
      status: 'submitted',
      irRelated: true,
    });
    await add({
      ...paper,
      title: 'Y-90 dosimetry_review',
      status: 'published',
      irRelated: true,
      firstAuthor: true,
      link: 'https://doi.org/10.1/x_y',
    });
    await add({ ...paper, title: 'Draft on hold', status: 'in_preparation' });
    await add({ ...paper, title: 'Draft being written', status: 'in_preparation', activelyWritten: true });
    const talk = { kind: 'abstract', role: 'advanced', statusSince: '2026-04-01' } as const;
    await add({ ...talk, title: 'Hospital research day poster', status: 'presented', meetingLevel: 'local' });
    await add({
      ...talk,
      title: 'CIRSE poster',
      status: 'presented',
      meetingLevel: 'international',
      venue: 'CIRSE 2026',
    });
    await add({
      ...talk,
      title: 'SIR abstract',
      status: 'accepted',
      meetingLevel: 'national',
      irRelated: true,
    });
    await add({
      kind: 'project',
      role: 'entry',
      statusSince: '2026-01-01',
      title: 'Registry of TACE',
      status: 'data_collection',
      irRelated: true,
    });
    await add({
      kind: 'project',
      role: 'entry',
      statusSince: '2026-01-01',
      title: 'Someday idea',
      status: 'idea',
    });
  });
  afterAll(() => harness.close());

  async function eras(): Promise<APIInteractionResponse> {
    const payload = buildChatInput(portfolioCommandData, { subcommand: 'eras' }, ALICE);
    return harness.router.route(payload, harness.ctx, { keepFollowUp: true });
  }

  it('arranges IR work first, keeps statuses apart, marks roles, and puts big meetings first', async () => {
    const response = await eras();
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error('no message');
    expect(response.data.flags).toBe(MessageFlags.Ephemeral);
    const fields = response.data.embeds?.[0]?.fields ?? [];
    expect(fields.map((field) => field.name)).toEqual([
      'Publications (4)',
      'Presentations and posters (3)',
      'Research experiences (1)',
      'Kept off the list (2)',
    ]);
    const titles = (value: string) => value.split('\n').map((line) => line.slice(2).split(' · ')[0]);
    expect(titles(fields[0]?.value ?? '')).toEqual([
      'Y-90 dosimetry\\_review',
      'Prostate artery embolization outcomes',
      'Knee pain and diet',
      'Draft being written',
    ]);
    expect(fields[0]?.value).toContain(
      'Original research, published (2026-05-01) · Your part: first author, intermediate role · IR/radiology',
    );
    expect(fields[0]?.value).toContain('Original research, submitted (2026-05-01) · Your part: co-author');
    expect(titles(fields[1]?.value ?? '')).toEqual([
      'CIRSE poster',
      'SIR abstract',
      'Hospital research day poster',
    ]);
    expect(fields[3]?.value).toContain('Draft on hold: in preparation but not marked as being written now');
    expect(fields[3]?.value).toContain('Someday idea: still an idea');
  });

  it('follows with the same list as a Markdown file', async () => {
    const followUp = takeFollowUp(await eras());
    expect(followUp?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(followUp?.body.allowed_mentions).toEqual({ parse: [] });
    const [file] = followUp?.files ?? [];
    expect(file?.name).toBe('research-for-eras.md');
    const text = String(file?.data);
    expect(text).toMatch(/^# My research, arranged for ERAS\n/);
    expect(text).toContain('## Publications\n\n- Y-90 dosimetry\\_review · ');
    // Links stay usable: they are not escaped.
    expect(text).toContain('https://doi.org/10.1/x_y');
    expect(text.indexOf('## Presentations and posters')).toBeLessThan(
      text.indexOf('## Research experiences'),
    );
    expect(text).toContain('## Kept off the list');
  });
});
