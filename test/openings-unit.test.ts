import { ButtonStyle, ChannelType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpeningWithInterest } from '../src/db/queries/openings.ts';
import { openingFocuses, openingKinds, openingRoles } from '../src/db/schema/openings.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { UserError } from '../src/errors.ts';
import {
  interestCustomId,
  type ListFilters,
  listPageCustomId,
  type PostDraft,
  parseOpeningCustomId,
  postFormCustomId,
} from '../src/openings/custom-ids.ts';
import { openingCommandData, openingFormModal } from '../src/openings/definition.ts';
import { matchForumTags } from '../src/openings/forum-tags.ts';
import { decidePostAction } from '../src/openings/post-action.ts';
import {
  forumThreadName,
  postLink,
  renderInterestReply,
  renderOpeningList,
  renderOpeningPost,
} from '../src/openings/render.ts';
import { nextPostAttemptAt, POST_RETRY } from '../src/openings/retry.ts';
import { duplicateKey, FIELD_LIMITS, postingRefusal, type RecentOpening } from '../src/openings/rules.ts';
import { parseContact, parseOpeningForm } from '../src/openings/validation.ts';

const GUILD = '200000000000000001';
const NOW = new Date('2026-11-01T12:00:00Z');
const HOUR = 60 * 60 * 1000;

function parts(customId: string): string[] {
  return customId.split(':').slice(1);
}

function sampleOpening(overrides: Partial<OpeningWithInterest> = {}): OpeningWithInterest {
  return {
    id: 42,
    guildId: GUILD,
    authorId: '300000000000000001',
    title: 'Outcomes after genicular artery embolization',
    institution: 'Example University Hospital',
    mentor: 'Dr. Example',
    kind: 'retrospective',
    focus: 'ir',
    remote: true,
    role: 'entry',
    description: 'Chart review of about 200 patients; 4 hours a week for 3 months.',
    contact: 'ir.lab@example.org',
    status: 'open',
    expiresAt: new Date('2026-12-01T12:00:00Z'),
    channelId: '400000000000000001',
    messageId: '500000000000000001',
    threadId: null,
    reviewChannelId: null,
    reviewMessageId: null,
    rejectionReason: null,
    postState: 'posted',
    postAttempts: 0,
    postLeaseUntil: null,
    postRetryAt: null,
    contentVersion: 1,
    postedVersion: 1,
    postGeneration: 0,
    authorToldAt: null,
    expiryWarnedAt: null,
    createdAt: NOW,
    openedAt: NOW,
    updatedAt: NOW,
    interestCount: 3,
    ...overrides,
  };
}

describe('contact validation', () => {
  it.each([
    ['name@example.org', 'name@example.org'],
    ['  first.last+ir@uni.edu.eg ', 'first.last+ir@uni.edu.eg'],
    ['mailto:lab@example.org', 'lab@example.org'],
    ['https://example.org/apply', 'https://example.org/apply'],
    ['https://forms.example.com/form?id=3', 'https://forms.example.com/form?id=3'],
  ])('accepts %s', (raw, expected) => {
    expect(parseContact(raw)).toEqual({ contact: expected });
  });

  it.each([
    'http://example.org',
    'javascript:alert(1)',
    'https://user:pass@example.org',
    'https://localhost/x',
    'call me on +20 100 000 0000',
    'name@',
    '@everyone',
    'name@example',
    'DM me',
    `https://example.org/${'a'.repeat(FIELD_LIMITS.contact.max)}`,
  ])('refuses %s', (raw) => {
    expect(parseContact(raw)).toEqual({ problem: 'invalid' });
  });
});

describe('opening form validation', () => {
  const valid = {
    title: '  Outcomes   after GAE ',
    institution: 'Example University',
    mentor: '',
    description: 'Collect data from charts and PACS.\r\n\r\n\r\n\r\nAbout four hours a week.',
    contact: 'lab@example.org',
  };

  it('normalises the text it keeps', () => {
    const form = parseOpeningForm(valid);
    expect(form.title).toBe('Outcomes after GAE');
    expect(form.mentor).toBeNull();
    expect(form.description).toBe('Collect data from charts and PACS.\n\nAbout four hours a week.');
  });

  it('lists every field that needs fixing', () => {
    const attempt = () =>
      parseOpeningForm({ ...valid, title: 'x', description: 'short', contact: 'http://example.org' });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/title needs at least 5/);
    expect(attempt).toThrow(/description needs at least 20/);
    expect(attempt).toThrow(/Contact must be an email address/);
  });

  it('refuses text over the limits even if the client skipped its own checks', () => {
    expect(() => parseOpeningForm({ ...valid, description: 'a'.repeat(1501) })).toThrow(/at most 1500/);
    expect(() => parseOpeningForm({ ...valid, mentor: 'm'.repeat(121) })).toThrow(/at most 120/);
  });
});

describe('custom ids', () => {
  const draft: PostDraft = {
    kind: 'quality_improvement',
    focus: 'diagnostic_radiology',
    remote: false,
    role: 'intermediate',
    expiresInDays: 90,
    guildId: '20000000000000000001',
  };

  it('round-trips every form choice within 100 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...openingKinds),
        fc.constantFrom(...openingFocuses),
        fc.boolean(),
        fc.constantFrom(...openingRoles),
        fc.integer({ min: 1, max: 90 }),
        (kind, focus, remote, role, expiresInDays) => {
          const value = { ...draft, kind, focus, remote, role, expiresInDays };
          const id = postFormCustomId(value);
          expect(id.length).toBeLessThanOrEqual(100);
          expect(parseOpeningCustomId(parts(id))).toEqual({ action: 'post', draft: value });
        },
      ),
    );
  });

  it('round-trips list pages with filters, including a query with the separator in it', () => {
    const filters: ListFilters = { kind: 'case_report', remote: true, role: 'advanced', query: 'y-90: TACE' };
    const id = listPageCustomId(12, filters);
    expect(parseOpeningCustomId(parts(id))).toEqual({
      action: 'page',
      page: 12,
      filters: { ...filters, focus: undefined },
    });
    expect(parseOpeningCustomId(parts(listPageCustomId(0, {})))).toEqual({
      action: 'page',
      page: 0,
      filters: { kind: undefined, focus: undefined, remote: undefined, role: undefined, query: undefined },
    });
    expect(listPageCustomId(999, { ...filters, query: 'q'.repeat(60) }).length).toBeLessThanOrEqual(100);
  });

  it('round-trips the interest button', () => {
    expect(parseOpeningCustomId(parts(interestCustomId(7)))).toEqual({ action: 'interest', openingId: 7 });
  });

  it.each([
    ['a forged kind', 'opening:post:grant_writing:ir:1:entry:30:200000000000000001'],
    ['an expiry over 90 days', 'opening:post:case_report:ir:1:entry:91:200000000000000001'],
    ['an expiry of 0 days', 'opening:post:case_report:ir:1:entry:0:200000000000000001'],
    ['remote that is not 0 or 1', 'opening:post:case_report:ir:yes:entry:30:200000000000000001'],
    ['a guild that is not an id', 'opening:post:case_report:ir:1:entry:30:abc'],
    ['a missing part', 'opening:post:case_report:ir:1:entry:30'],
    ['an extra part', 'opening:post:case_report:ir:1:entry:30:200000000000000001:x'],
    ['a page that is not a number', 'opening:page:-1:-:-:-:-:'],
    ['a kind index out of range', 'opening:page:0:11:-:-:-:'],
    ['a remote code that is not y or n', 'opening:page:0:-:-:x:-:'],
    ['a page id without the query part', 'opening:page:0:-:-:-:-'],
    ['an opening id that is not a number', 'opening:interest:1; drop table openings'],
    ['an unknown action', 'opening:delete:1'],
  ])('refuses %s', (_what, customId) => {
    expect(() => parseOpeningCustomId(parts(customId))).toThrow(UserError);
  });
});

describe('spam rules', () => {
  const recent = (hoursAgo: number, title = `Project ${hoursAgo}`, id = hoursAgo): RecentOpening => ({
    id,
    duplicateKey: duplicateKey({ title, institution: 'Example University' }),
    createdAt: new Date(NOW.getTime() - hoursAgo * HOUR),
  });

  it('allows three new openings per member in 24 hours, and says when the next one is allowed', () => {
    expect(postingRefusal([recent(1), recent(2)], NOW)).toBeNull();
    expect(postingRefusal([recent(1), recent(2), recent(20)], NOW)).toEqual({
      reason: 'rate_limited',
      allowedAgainAt: new Date(NOW.getTime() + 4 * HOUR),
    });
    expect(postingRefusal([recent(1), recent(2), recent(25)], NOW)).toBeNull();
  });

  it('refuses the same title and institution within 7 days, whatever the case or spacing', () => {
    const earlier = recent(100, 'Outcomes after  GAE', 9);
    expect(
      postingRefusal([earlier], NOW, { title: 'outcomes after gae', institution: ' example university' }),
    ).toEqual({ reason: 'duplicate', existingId: 9 });
    expect(
      postingRefusal([earlier], NOW, { title: 'Outcomes after GAE', institution: 'Other Hospital' }),
    ).toBeNull();
    expect(
      postingRefusal([recent(24 * 7 + 1, 'Outcomes after GAE')], NOW, {
        title: 'Outcomes after GAE',
        institution: 'Example University',
      }),
    ).toBeNull();
  });
});

describe('retry backoff', () => {
  it('doubles the wait after each failure, up to a cap, then gives up', () => {
    const waits = [1, 2, 3, 7, 11].map(
      (failures) => (nextPostAttemptAt(failures, NOW)?.getTime() ?? 0) - NOW.getTime(),
    );
    expect(waits).toEqual([60_000, 120_000, 240_000, POST_RETRY.maxDelayMs, POST_RETRY.maxDelayMs]);
    expect(nextPostAttemptAt(POST_RETRY.maxAttempts, NOW)).toBeNull();
  });
});

describe('what bringing a post up to date takes', () => {
  const text = { id: '400000000000000001', type: ChannelType.GuildText };
  const forum = { id: '400000000000000002', type: ChannelType.GuildForum };
  const created = new Date('2026-11-01T12:00:00Z');
  const times = { createdAt: created, openedAt: created };
  const unposted = { channelId: null, messageId: null, threadId: null, ...times };

  it('posts a new opening where the openings channel is, as a message or a forum post', () => {
    expect(decidePostAction({ ...unposted, status: 'open' }, text)).toEqual({
      kind: 'create-message',
      channelId: text.id,
    });
    expect(decidePostAction({ ...unposted, status: 'open' }, forum)).toEqual({
      kind: 'create-thread',
      forumId: forum.id,
    });
    expect(decidePostAction({ ...unposted, status: 'open' }, null)).toEqual({
      kind: 'none',
      reason: 'no-channel',
    });
    expect(decidePostAction({ ...unposted, status: 'filled' }, text)).toEqual({
      kind: 'none',
      reason: 'not-open',
    });
  });

  it('edits an existing post, and archives a closed forum post', () => {
    const posted = { channelId: forum.id, messageId: '9', threadId: '9', ...times };
    expect(decidePostAction({ ...posted, status: 'open' }, null)).toMatchObject({
      kind: 'edit',
      archive: false,
      reopen: false,
    });
    const renewedAt = new Date(created.getTime() + 1000);
    expect(decidePostAction({ ...posted, status: 'open', openedAt: renewedAt }, null)).toMatchObject({
      kind: 'edit',
      archive: false,
      reopen: true,
    });
    expect(decidePostAction({ ...posted, status: 'expired' }, null)).toMatchObject({
      kind: 'edit',
      archive: true,
    });
    expect(decidePostAction({ ...posted, threadId: null, status: 'withdrawn' }, null)).toMatchObject({
      kind: 'edit',
      archive: false,
    });
  });
});

describe('forum tags', () => {
  const tags = [
    { id: '1', name: 'Case Report' },
    { id: '2', name: 'IR' },
    { id: '3', name: 'Systematic review / meta-analysis' },
    { id: '4', name: 'Diagnostic' },
    { id: '5', name: 'Interventional radiology', moderated: true },
  ];

  it('applies the tags named after the kind and the focus', () => {
    expect(matchForumTags(tags, 'case_report', 'ir')).toEqual(['1', '2']);
    expect(matchForumTags(tags, 'systematic_review', 'diagnostic_radiology')).toEqual(['3', '4']);
  });

  it('applies none when the forum has no such tags, and never a moderated one', () => {
    expect(matchForumTags(tags, 'technical_note', 'other_specialty')).toEqual([]);
    expect(matchForumTags([tags[4] ?? { id: '', name: '' }], 'other', 'ir')).toEqual([]);
  });
});

describe('rendering', () => {
  it('fits the embed within Discord limits even at the longest allowed text', () => {
    const longest = sampleOpening({
      title: 'T'.repeat(FIELD_LIMITS.title.max),
      institution: 'I'.repeat(FIELD_LIMITS.institution.max),
      mentor: 'M'.repeat(FIELD_LIMITS.mentor.max),
      description: 'D'.repeat(FIELD_LIMITS.description.max),
      status: 'withdrawn',
    });
    for (const opening of [longest, { ...longest, status: 'open' as const }]) {
      const [embed] = renderOpeningPost(opening).embeds;
      expect(embed && embedProblems(embed)).toEqual([]);
    }
    expect(forumThreadName(longest).length).toBeLessThanOrEqual(100);
  });

  it('shows the count and an enabled button while open', () => {
    const post = renderOpeningPost(sampleOpening());
    expect(post.embeds[0]?.fields?.find((field) => field.name === 'Interested')?.value).toBe('3 members');
    expect(post.components[0]?.components[0]).toMatchObject({
      custom_id: 'opening:interest:42',
      style: ButtonStyle.Primary,
      disabled: false,
    });
  });

  it('shows the status and disables the button once closed', () => {
    const post = renderOpeningPost(sampleOpening({ status: 'filled' }));
    expect(post.embeds[0]?.title).toBe('[Filled] Outcomes after genicular artery embolization');
    expect(post.components[0]?.components[0]).toMatchObject({ disabled: true, label: 'Closed (filled)' });
    expect(forumThreadName({ title: 'A study', status: 'expired' })).toBe('[Expired] A study');
  });

  it('links to a message, or to a forum post by its thread', () => {
    expect(postLink(sampleOpening())).toBe(
      `https://discord.com/channels/${GUILD}/400000000000000001/500000000000000001`,
    );
    expect(postLink(sampleOpening({ threadId: '600000000000000001', messageId: '600000000000000001' }))).toBe(
      `https://discord.com/channels/${GUILD}/600000000000000001/600000000000000001`,
    );
    expect(postLink(sampleOpening({ messageId: null }))).toBeNull();
  });

  it('pages the list with Previous and Next carrying the filters', () => {
    const rows = [1, 2, 3, 4, 5].map((id) => sampleOpening({ id }));
    const filters: ListFilters = { focus: 'ir', query: 'GAE' };
    const view = renderOpeningList({ rows, total: 12, page: 1, filters });
    const [embed] = view.embeds;
    expect(embed && embedProblems(embed)).toEqual([]);
    expect(embed?.footer?.text).toBe('Page 2 of 3');
    const [previous, next] = view.components[0]?.components ?? [];
    expect(previous && parseOpeningCustomId(parts(previous.custom_id))).toMatchObject({ page: 0, filters });
    expect(next && parseOpeningCustomId(parts(next.custom_id))).toMatchObject({ page: 2, filters });
    expect(view.components[1]?.components.map((button) => button.custom_id)).toEqual(
      rows.map((row) => `opening:interest:${row.id}`),
    );
    const last = renderOpeningList({ rows: rows.slice(0, 2), total: 12, page: 2, filters });
    expect(last.components[0]?.components.map((button) => button.disabled)).toEqual([false, true]);
  });

  it('says so when nothing matches, without paging buttons', () => {
    const view = renderOpeningList({ rows: [], total: 0, page: 0, filters: { kind: 'case_series' } });
    expect(view.embeds[0]?.description).toMatch(/No open openings match \(Case series\)/);
    expect(view.components).toEqual([]);
  });

  it('shows an email contact as typed, and a link as a link', () => {
    expect(renderInterestReply(sampleOpening({ contact: 'first_last@example.org' }), true)).toContain(
      '`first_last@example.org`',
    );
    expect(renderInterestReply(sampleOpening({ contact: 'https://example.org/x' }), false)).toMatch(
      /already showed interest[\s\S]*contact the author: <https:\/\/example\.org\/x>/,
    );
  });
});

describe('command definition', () => {
  it('keeps names and descriptions within Discord limits and matches the form limits', () => {
    const texts: string[] = [];
    const walk = (options: readonly unknown[] | undefined) => {
      for (const option of (options ?? []) as Array<{
        description: string;
        choices?: Array<{ name: string }>;
        options?: unknown[];
      }>) {
        texts.push(option.description, ...(option.choices ?? []).map((choice) => choice.name));
        walk(option.options);
      }
    };
    walk(openingCommandData.options);
    expect(openingCommandData.description.length).toBeLessThanOrEqual(100);
    for (const text of texts) expect(text.length, text).toBeLessThanOrEqual(100);

    const modal = openingFormModal('opening:post:x');
    const inputs = modal.components.flatMap((row) => ('components' in row ? row.components : []));
    expect(inputs.map((input) => [input.custom_id, input.max_length])).toEqual([
      ['title', 120],
      ['institution', 120],
      ['mentor', 120],
      ['description', 1500],
      ['contact', 200],
    ]);
    for (const input of inputs) expect(input.label?.length).toBeLessThanOrEqual(45);
  });
});
