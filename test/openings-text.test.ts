import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { truncate } from '../src/discord/limits.ts';
import { channelPermissions } from '../src/discord/permissions.ts';
import { cleanInput, comparableText, defangBlock, escapeInline } from '../src/discord/safe-text.ts';
import { UserError } from '../src/errors.ts';
import { forumThreadName, renderInterestReply, renderOpeningPost } from '../src/openings/render.ts';
import { duplicateKey } from '../src/openings/rules.ts';
import { parseContact, parseOpeningForm } from '../src/openings/validation.ts';
import { openingRow } from './helpers/opening-row.ts';

const validForm = {
  title: 'Outcomes after GAE',
  institution: 'Example University',
  mentor: '',
  description: 'Chart review for about 200 patients, four hours a week.',
  contact: 'lab@example.org',
};

describe('cleaning member input', () => {
  it('removes NUL and other controls, keeping line breaks', () => {
    expect(cleanInput('a\u0000b\u0007c\nd\u009fe')).toBe('abc\nde');
  });

  it('removes direction overrides, so "gnp.exe" cannot pass for "exe.png"', () => {
    expect(cleanInput('photo\u202Egnp.exe')).toBe('photognp.exe');
    expect(cleanInput('\u2066a\u2069\u200Fb\u061C')).toBe('ab');
  });

  it('counts a field made only of invisible characters as empty', () => {
    for (const invisible of [
      '\u200B'.repeat(5),
      '\u3164\u3164',
      '\u2800 \u2800',
      '\u200D\u200C',
      '\uFEFF\u2060',
    ]) {
      expect(cleanInput(invisible).trim()).toBe('');
    }
  });

  it('keeps emoji built with joiners', () => {
    expect(cleanInput('team 👩‍⚕️')).toBe('team 👩‍⚕️');
  });

  it('compares text as a reader sees it: case, spacing, zero-width and full-width forms ignored', () => {
    expect(comparableText('Outcomes\u200B after  GAE')).toBe(comparableText('outcomes after gae'));
    expect(comparableText('ＧＡＥ')).toBe('gae');
    expect(duplicateKey({ title: 'GAE\u200B', institution: 'Uni' })).toBe(
      duplicateKey({ title: 'gae', institution: ' uni ' }),
    );
    expect(duplicateKey({ title: 'GAE', institution: 'Uni' })).not.toBe(
      duplicateKey({ title: 'GAE', institution: 'Other' }),
    );
  });
});

describe('showing member text', () => {
  it('escapes every markdown character in a line, so nothing becomes a link, mention or heading', () => {
    expect(escapeInline('[https://good.org](https://evil.example)')).toBe(
      '\\[https://good.org\\](https://evil.example)',
    );
    expect(escapeInline('# HEADER')).toBe('\\# HEADER');
    expect(escapeInline('-# small')).toBe('\\-\\# small');
    expect(escapeInline('<@123456789012345678> **bold** `code` ||spoiler||')).toBe(
      '\\<@123456789012345678\\> \\*\\*bold\\*\\* \\`code\\` \\|\\|spoiler\\|\\|',
    );
  });

  it('keeps bold and lists in a description but makes links, mentions, fences and headings inert', () => {
    const text =
      '# Apply now\n-# fine print\n**Four hours** a week\n- charts\n[Verify here](https://evil.example)\n```js\nx\n```\n<@&1234>';
    expect(defangBlock(text)).toBe(
      '\\# Apply now\n\\-# fine print\n**Four hours** a week\n- charts\n\\[Verify here\\](https://evil.example)\n\\`\\`\\`js\nx\n\\`\\`\\`\n\\<@&1234>',
    );
  });

  it('renders the post with the member text escaped', () => {
    const post = renderOpeningPost(
      openingRow({
        title: '[https://good.org](https://evil.example/phish)',
        institution: '# Big',
        mentor: '<@300000000000000009>',
        description: '[See the post](https://evil.example) and apply',
      }),
    );
    const [embed] = post.embeds;
    expect(embed?.title).toBe('\\[https://good.org\\](https://evil.example/phish)');
    expect(embed?.description).toBe('\\[See the post\\](https://evil.example) and apply');
    expect(embed?.fields?.find((field) => field.name === 'Institution')?.value).toBe('\\# Big');
    expect(embed?.fields?.find((field) => field.name === 'Mentor')?.value).toBe('\\<@300000000000000009\\>');
  });

  it('shows a link contact in angle brackets, so its text is its target', () => {
    expect(renderInterestReply(openingRow({ contact: 'https://example.org/apply' }), true)).toContain(
      'contact the author: <https://example.org/apply>',
    );
  });
});

describe('truncation', () => {
  it('never splits an emoji, a flag or an accented letter', () => {
    const title = `${'a'.repeat(97)}😀😀`;
    const cut = truncate(title, 99);
    expect(cut).toBe(`${'a'.repeat(97)}…`);
    expect(truncate(`${'b'.repeat(95)}🇪🇬🇪🇬`, 99)).toBe(`${'b'.repeat(95)}…`);
    expect(truncate(`${'c'.repeat(96)}e\u0301e\u0301`, 99)).toBe(`${'c'.repeat(96)}e\u0301…`);
  });

  it('gives a forum thread name without a lone surrogate', () => {
    const name = forumThreadName({ title: `${'x'.repeat(98)}😀 more`, status: 'open' });
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('contacts', () => {
  it.each([
    'https://evil.example/)[https://good.org](https://evil.example/x',
    'https://example.org/<script>',
    'https://example.org/a`b',
    'https://example.org/**x**',
  ])('refuses a link with markup in it: %s', (raw) => {
    expect(parseContact(raw)).toEqual({ problem: 'invalid' });
  });

  it('cleans a direction override or zero-width space out of a contact', () => {
    expect(parseContact('lab\u200B@example.org\u202E')).toEqual({ contact: 'lab@example.org' });
    expect(parseContact('https://exam\u0000ple.org')).toEqual({ contact: 'https://example.org/' });
  });

  it.each([
    'https://discord.gg/abc123',
    'https://www.discord.gg/abc123',
    'https://discord.com/invite/abc123',
    'https://discordapp.com/invite/abc123',
    'https://DISCORD.GG/abc',
  ])('refuses the invite %s unless the server allows invites', (raw) => {
    expect(parseContact(raw)).toEqual({ problem: 'invite' });
    expect(parseContact(raw, { allowInvites: true })).toHaveProperty('contact');
  });

  it('does not take a discord.com page that is not an invite for one', () => {
    expect(parseContact('https://discord.com/developers')).toEqual({
      contact: 'https://discord.com/developers',
    });
  });
});

describe('the opening form', () => {
  it('refuses a title of zero-width spaces as too short, with the form message, not an error', () => {
    expect(() => parseOpeningForm({ ...validForm, title: '\u200B'.repeat(10) })).toThrow(
      /The title needs at least 5 characters/,
    );
    expect(() => parseOpeningForm({ ...validForm, institution: '\u3164\u3164\u3164' })).toThrow(UserError);
  });

  it('stores text with a NUL or a direction override cleaned', () => {
    const form = parseOpeningForm({
      ...validForm,
      title: 'Outcomes\u0000 after\u202E GAE',
      description: 'Chart review\u0000 for about 200 patients,\u2066 four hours a week.',
    });
    expect(form.title).toBe('Outcomes after GAE');
    expect(form.description).toBe('Chart review for about 200 patients, four hours a week.');
  });

  it('names the problem with an invite contact', () => {
    expect(() => parseOpeningForm({ ...validForm, contact: 'https://discord.gg/abc' })).toThrow(
      /cannot be a Discord server invite/,
    );
    expect(
      parseOpeningForm({ ...validForm, contact: 'https://discord.gg/abc' }, { allowInvites: true }).contact,
    ).toBe('https://discord.gg/abc');
  });
});

describe('permissions in a channel', () => {
  const guild = {
    guildId: '200000000000000001',
    ownerId: '300000000000000000',
    roles: [
      { id: '200000000000000001', permissions: String(PermissionFlagsBits.ViewChannel) },
      { id: '500000000000000001', permissions: String(PermissionFlagsBits.ManageMessages) },
      { id: '500000000000000002', permissions: String(PermissionFlagsBits.Administrator) },
    ],
  };
  const manages = (permissions: bigint) =>
    (permissions & PermissionFlagsBits.ManageMessages) === PermissionFlagsBits.ManageMessages;

  it('follows the roles, then the overwrites for everyone, the roles and the member', () => {
    const plain = { userId: '300000000000000001', roleIds: [] };
    const moderator = { userId: '300000000000000002', roleIds: ['500000000000000001'] };
    expect(manages(channelPermissions(plain, guild, []))).toBe(false);
    expect(manages(channelPermissions(moderator, guild, []))).toBe(true);
    const denyModerators = [
      { id: '500000000000000001', type: 1, allow: '0', deny: String(PermissionFlagsBits.ManageMessages) },
    ];
    expect(manages(channelPermissions(moderator, guild, denyModerators))).toBe(false);
    const allowMember = [
      { id: plain.userId, type: 1, allow: String(PermissionFlagsBits.ManageMessages), deny: '0' },
    ];
    expect(manages(channelPermissions(plain, guild, allowMember))).toBe(true);
  });

  it('gives everything to the owner and to an Administrator, whatever the overwrites', () => {
    const denyAll = [
      {
        id: guild.guildId,
        type: 0,
        allow: '0',
        deny: String(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ViewChannel),
      },
    ];
    expect(manages(channelPermissions({ userId: guild.ownerId, roleIds: [] }, guild, denyAll))).toBe(true);
    const admin = { userId: '300000000000000003', roleIds: ['500000000000000002'] };
    expect(manages(channelPermissions(admin, guild, denyAll))).toBe(true);
  });
});
