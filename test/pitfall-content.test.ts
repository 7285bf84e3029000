import { describe, expect, it } from 'vitest';
import { PITFALLS } from '../src/content/pitfalls/pitfalls.ts';
import { embedProblems } from '../src/discord/limits.ts';
import { renderPitfallEmbed } from '../src/pitfalls/render.ts';
import { pitfallAt, rotationIndex } from '../src/pitfalls/rotation.ts';

describe('pitfall content', () => {
  it('has at least ten pitfalls', () => {
    expect(PITFALLS.length).toBeGreaterThanOrEqual(10);
  });

  it('gives every pitfall a unique kebab-case slug and a unique title', () => {
    const slugs = PITFALLS.map((pitfall) => pitfall.slug);
    const titles = PITFALLS.map((pitfall) => pitfall.title.toLowerCase());
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(titles).size).toBe(titles.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('fills in the title, the pitfall and what to do instead, each different', () => {
    for (const { title, pitfall, instead } of PITFALLS) {
      expect(title.trim().length).toBeGreaterThan(10);
      expect(pitfall.trim().length).toBeGreaterThan(80);
      expect(instead.trim().length).toBeGreaterThan(80);
      expect(new Set([title, pitfall, instead]).size).toBe(3);
    }
  });

  it('fits every pitfall in an embed without cutting anything, for members and for the channel', () => {
    PITFALLS.forEach((pitfall, index) => {
      for (const audience of ['member', 'channel'] as const) {
        const embed = renderPitfallEmbed(pitfallAt(index), audience);
        expect(embedProblems(embed), pitfall.slug).toEqual([]);
        expect(embed.description).toBe(pitfall.pitfall);
        expect(embed.fields?.[0]).toEqual({ name: 'Do this instead', value: pitfall.instead });
        expect(embed.title).toContain(pitfall.title);
      }
    });
  });

  it('covers the pitfalls the guide names, with all four ICMJE criteria', () => {
    const slugs = PITFALLS.map((pitfall) => pitfall.slug);
    for (const slug of [
      'quantity-over-meaning',
      'overclaiming-your-role',
      'ignoring-ethics-and-authorship',
      'starting-too-late',
      'ghosting-a-project',
      'ongoing-limbo',
      'in-preparation-that-is-not',
      'fast-acceptance-outlets',
      'going-quiet-with-your-mentor',
      'generic-mass-outreach',
    ]) {
      expect(slugs).toContain(slug);
    }
    const ethics = PITFALLS.find((pitfall) => pitfall.slug === 'ignoring-ethics-and-authorship');
    expect(ethics?.pitfall).toMatch(/ICMJE/);
    expect(ethics?.pitfall).toMatch(/all four/);
    for (const criterion of [/design/, /drafting/, /approving the final version/, /accountable/]) {
      expect(ethics?.pitfall).toMatch(criterion);
    }
  });
});

describe('rotation', () => {
  it('shows every pitfall once before any repeats, then starts over', () => {
    const count = PITFALLS.length;
    const firstRound = Array.from({ length: count }, (_, cursor) => pitfallAt(cursor).pitfall.slug);
    expect(new Set(firstRound).size).toBe(count);
    const secondRound = Array.from({ length: count }, (_, cursor) => pitfallAt(count + cursor).pitfall.slug);
    expect(secondRound).toEqual(firstRound);
  });

  it('numbers the footer from 1 to the number of pitfalls', () => {
    expect(renderPitfallEmbed(pitfallAt(0), 'member').footer?.text).toMatch(`1 of ${PITFALLS.length}`);
    expect(renderPitfallEmbed(pitfallAt(PITFALLS.length - 1), 'member').footer?.text).toMatch(
      `${PITFALLS.length} of ${PITFALLS.length}`,
    );
  });

  it('maps any cursor into range and refuses an empty rotation', () => {
    expect(rotationIndex(7, 3)).toBe(1);
    expect(rotationIndex(-1, 3)).toBe(2);
    expect(() => rotationIndex(0, 0)).toThrow(RangeError);
  });
});
