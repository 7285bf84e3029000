import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embedProblems } from '../src/discord/limits.ts';
import { loadBuiltInFaqs, parseFaqMarkdown } from '../src/faq/content.ts';
import { FAQ_LIMITS, faqEntryInputSchema } from '../src/faq/entry.ts';
import { guideSections } from '../src/faq/guide-sections.ts';
import { normalizeText } from '../src/faq/query-text.ts';
import { faqAnswerMessage, faqEmbed } from '../src/faq/render.ts';

const entries = loadBuiltInFaqs();
const labelled = JSON.parse(
  readFileSync(new URL('./fixtures/faq-labelled.json', import.meta.url), 'utf8'),
) as Array<{ query: string; slug: string; kind: string }>;

describe('built-in FAQ content', () => {
  it('has at least 35 entries, each with every field filled', () => {
    expect(entries.length).toBeGreaterThanOrEqual(35);
    for (const entry of entries) {
      for (const field of ['slug', 'question', 'answer', 'source'] as const) {
        expect(entry[field].trim(), `${entry.slug}.${field}`).not.toBe('');
      }
      expect(entry.aliases.length, `${entry.slug} aliases`).toBeGreaterThan(0);
      expect(entry.tags.length, `${entry.slug} tags`).toBeGreaterThan(0);
      expect(entry.sections.length, `${entry.slug} sections`).toBeGreaterThan(0);
      for (const alias of entry.aliases) expect(alias.trim(), `${entry.slug} alias`).not.toBe('');
    }
  });

  it('uses unique slugs, and no question or alias belongs to two entries', () => {
    const slugs = entries.map((entry) => entry.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const owner = new Map<string, string>();
    for (const entry of entries) {
      for (const phrase of [entry.question, ...entry.aliases]) {
        const key = normalizeText(phrase);
        const previous = owner.get(key);
        expect(
          previous === undefined || previous === entry.slug,
          `"${phrase}" in ${previous} and ${entry.slug}`,
        ).toBe(true);
        owner.set(key, entry.slug);
      }
    }
  });

  it('fits every answer, with its buttons, within Discord limits', () => {
    for (const entry of entries) {
      expect(entry.answer.length, entry.slug).toBeLessThanOrEqual(FAQ_LIMITS.answer);
      expect(embedProblems(faqEmbed(entry)), entry.slug).toEqual([]);
      const message = faqAnswerMessage(entry, entries.slice(0, 3), 2_147_483_647);
      for (const row of message.components ?? []) {
        for (const button of 'components' in row ? row.components : []) {
          if ('custom_id' in button) expect(button.custom_id.length).toBeLessThanOrEqual(100);
          if ('label' in button) expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
        }
      }
    }
  });

  it('covers every section of the guide and of the reference facts', () => {
    const covered = new Set(entries.flatMap((entry) => entry.sections));
    const missing = guideSections
      .filter((section) => !covered.has(section.key))
      .map((section) => section.title);
    expect(missing).toEqual([]);
  });

  it('names a source on every entry, and sources with a year on the reference figures', () => {
    for (const entry of entries) {
      const facts = entry.sections.filter((section) => section.startsWith('facts-'));
      if (facts.some((section) => section !== 'facts-meetings-journals' && section !== 'facts-icmje')) {
        expect(entry.source, entry.slug).toMatch(/(NRMP|SIR|AuntMinnie).*\d{4}/);
      } else {
        expect(entry.source, entry.slug).toMatch(/guide|ICMJE|Domain reference/);
      }
    }
  });

  it('states the guide figures the members ask about most', () => {
    const answer = (slug: string) => entries.find((entry) => entry.slug === slug)?.answer ?? '';
    expect(answer('how-many-publications')).toMatch(/2–3 peer-reviewed publications/);
    expect(answer('highly-competitive-profile')).toMatch(/4–8 publications/);
    expect(answer('outreach-response-rate')).toMatch(/30–50 faculty/);
    expect(answer('observership-research')).toMatch(/3–6 months/);
    expect(answer('pitfall-starting-late')).toMatch(/1–2 years/);
    expect(answer('nrmp-2026-research-figures')).toMatch(/n=11\).*3\.8 publications/);
    expect(answer('icmje-authorship')).toMatch(/all four/);
  });

  it('has export-shaped entries that the import schema accepts', () => {
    for (const { slug, question, answer, aliases, tags } of entries) {
      expect(faqEntryInputSchema.safeParse({ slug, question, answer, aliases, tags }).success, slug).toBe(
        true,
      );
    }
  });

  it('refuses a content file with a missing field or a slug that differs from its name', () => {
    const file =
      '---\nslug: sample-entry\nquestion: What is this sample?\ntags: [x1]\n---\nA short answer text here.';
    expect(() => parseFaqMarkdown(file, 'sample-entry.md')).toThrow(/aliases|source|sections/);
    const complete = [
      '---',
      'slug: sample-entry',
      'question: What is this sample?',
      'aliases: [sample]',
      'tags: [sample]',
      'sections: [roadmap]',
      'source: Test source',
      '---',
      'A short answer text here.',
    ].join('\n');
    expect(parseFaqMarkdown(complete, 'sample-entry.md').slug).toBe('sample-entry');
    expect(() => parseFaqMarkdown(complete, 'other-name.md')).toThrow(/file name/);
  });
});

describe('labelled questions (test/fixtures/faq-labelled.json)', () => {
  it('has at least 60 questions of every kind, each naming an existing entry', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    const slugs = new Set(entries.map((entry) => entry.slug));
    for (const item of labelled) expect(slugs.has(item.slug), item.slug).toBe(true);
    const kinds = new Set(labelled.map((item) => item.kind));
    for (const kind of ['paraphrase', 'typo', 'abbreviation', 'short', 'long']) expect(kinds).toContain(kind);
    for (const item of labelled) expect(item.query.length).toBeLessThanOrEqual(200);
  });
});
