import type { OpeningWithInterest } from '../../src/db/queries/openings.ts';

/** A stored opening as the queries return it, for tests of what renders or summarises it. */
export function openingRow(overrides: Partial<OpeningWithInterest> = {}): OpeningWithInterest {
  const now = new Date('2026-11-01T12:00:00Z');
  return {
    id: 7,
    guildId: '200000000000000001',
    authorId: '300000000000000001',
    title: 'Outcomes after GAE',
    institution: 'Example University',
    mentor: null,
    kind: 'retrospective',
    focus: 'ir',
    remote: true,
    role: 'entry',
    description: 'Chart review for about 200 patients, four hours a week.',
    contact: 'lab@example.org',
    status: 'open',
    expiresAt: now,
    channelId: null,
    messageId: null,
    threadId: null,
    reviewChannelId: null,
    reviewMessageId: null,
    rejectionReason: null,
    postState: 'gone',
    postAttempts: 0,
    postLeaseUntil: null,
    postRetryAt: null,
    contentVersion: 1,
    postedVersion: null,
    postGeneration: 0,
    authorToldAt: null,
    expiryWarnedAt: null,
    createdAt: now,
    openedAt: now,
    updatedAt: now,
    interestCount: 0,
    ...overrides,
  };
}
