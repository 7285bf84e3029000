import type { OpeningFocus, OpeningKind } from './catalog.ts';
import { FOCUS_TAG_NAMES, KIND_TAG_NAMES } from './catalog.ts';

interface ForumTag {
  id: string;
  name: string;
  /** Only members with Manage Threads may apply it; the bot does not assume it has that permission. */
  moderated?: boolean;
}

/** Discord accepts at most this many tags on a forum post. */
const MAX_APPLIED_TAGS = 5;

function tagKey(name: string): string {
  return name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A tag such as "Systematic review / meta-analysis" names each of its parts as well as the whole. */
function tagKeys(name: string): string[] {
  return [name, ...name.split(/[/,&|+]|\bor\b|\band\b/i)].map(tagKey).filter((key) => key.length > 0);
}

/** The ids of the forum's tags that name the opening's kind or focus, kind first. */
export function matchForumTags(
  available: readonly ForumTag[],
  kind: OpeningKind,
  focus: OpeningFocus,
): string[] {
  const usable = available.filter((tag) => !tag.moderated);
  const matching = (names: readonly string[]) => {
    const wanted = new Set(names.map(tagKey));
    return usable.filter((tag) => tagKeys(tag.name).some((key) => wanted.has(key))).map((tag) => tag.id);
  };
  return [...new Set([...matching(KIND_TAG_NAMES[kind]), ...matching(FOCUS_TAG_NAMES[focus])])].slice(
    0,
    MAX_APPLIED_TAGS,
  );
}
