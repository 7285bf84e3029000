import { readdirSync, readFileSync } from 'node:fs';
import matter from 'gray-matter';
import { z } from 'zod';
import { type BuiltInFaq, builtInFaqSchema } from './entry.ts';

const contentDirectory = new URL('../content/faq/', import.meta.url);

/** Parses one Markdown file: front matter holds the fields, the body is the answer. */
export function parseFaqMarkdown(text: string, fileName: string): BuiltInFaq {
  const { data, content } = matter(text);
  const result = builtInFaqSchema.safeParse({ ...data, answer: content });
  if (!result.success) {
    throw new Error(`${fileName}: ${z.prettifyError(result.error)}`);
  }
  if (`${result.data.slug}.md` !== fileName) {
    throw new Error(`${fileName}: the slug "${result.data.slug}" must match the file name`);
  }
  return result.data;
}

let cached: readonly BuiltInFaq[] | undefined;

/** The built-in entries shipped in src/content/faq, sorted by slug; read once per process. */
export function loadBuiltInFaqs(): readonly BuiltInFaq[] {
  cached ??= readdirSync(contentDirectory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => parseFaqMarkdown(readFileSync(new URL(name, contentDirectory), 'utf8'), name));
  return cached;
}
