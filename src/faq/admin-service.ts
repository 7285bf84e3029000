import type { Context } from '../context.ts';
import { hideBuiltInFaq, unhideBuiltInFaq } from '../db/queries/faq-hidden.ts';
import { deleteGuildFaq, describeFaqSlug, upsertGuildFaq } from '../db/queries/faqs.ts';
import { UserError } from '../errors.ts';
import type { GuildMember } from '../router/member.ts';
import { ENTRY_FORM_FIELDS, type EntryFormMode } from './admin-render.ts';
import {
  type FaqEntryInput,
  faqEntryInputSchema,
  GUILD_ENTRY_SOURCE,
  parseAliasList,
  parseTagList,
} from './entry.ts';

// The rules of /faq-admin: what a moderator's add, edit, remove and restore change, and what they are told.

/** Shows a hidden built-in entry in this server again; the answer is the moderator's confirmation. */
export async function restoreBuiltInEntry(ctx: Context, member: GuildMember, slug: string): Promise<string> {
  if (!(await unhideBuiltInFaq(ctx.db, member.guildId, slug))) {
    throw new UserError(`\`${slug}\` is not a hidden built-in entry in this server.`);
  }
  ctx.faqReads.clear();
  return `The built-in entry \`${slug}\` shows in this server again.`;
}

/** Deletes this server's own entry, or else hides the built-in one with that slug. */
export async function removeEntry(ctx: Context, member: GuildMember, slug: string): Promise<string> {
  const state = await describeFaqSlug(ctx.db, member.guildId, slug);
  if (state.hasOwn) {
    await deleteGuildFaq(ctx.db, member.guildId, slug);
    ctx.faqReads.clear();
    const builtInBack = state.hasBuiltIn && !state.builtInHidden;
    return builtInBack
      ? `Deleted this server's entry \`${slug}\`. The built-in entry with that slug shows again; run remove once more to hide it too.`
      : `Deleted this server's entry \`${slug}\`.`;
  }
  if (state.hasBuiltIn && !state.builtInHidden) {
    await hideBuiltInFaq(ctx.db, member.guildId, slug, member.userId, ctx.clock());
    ctx.faqReads.clear();
    return `The built-in entry \`${slug}\` is now hidden in this server. \`/faq-admin restore\` brings it back.`;
  }
  throw new UserError(`There is no entry \`${slug}\` in this server.`);
}

const FIELD_NAMES: Record<string, string> = {
  question: 'Question',
  answer: 'Answer',
  aliases: 'Other ways to ask it',
  tags: 'Tags',
  slug: 'Slug',
};

/** Checks and stores the add / edit form; the answer says what was saved, with the entry to show. */
export async function saveEntryForm(
  ctx: Context,
  member: GuildMember,
  mode: EntryFormMode,
  slug: string,
  fields: Record<string, string>,
): Promise<{ content: string; entry: FaqEntryInput & { source: string } }> {
  const parsed = faqEntryInputSchema.safeParse({
    slug,
    question: fields[ENTRY_FORM_FIELDS.question] ?? '',
    answer: fields[ENTRY_FORM_FIELDS.answer] ?? '',
    aliases: parseAliasList(fields[ENTRY_FORM_FIELDS.aliases] ?? ''),
    tags: parseTagList(fields[ENTRY_FORM_FIELDS.tags] ?? ''),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = FIELD_NAMES[String(issue?.path[0])] ?? 'The form';
    throw new UserError(`${field}: ${issue?.message ?? 'is invalid'}. Nothing was saved.`);
  }
  if (mode === 'add' && (await describeFaqSlug(ctx.db, member.guildId, slug)).hasOwn) {
    throw new UserError(
      `An entry \`${slug}\` was added meanwhile. Use \`/faq-admin edit\`. Nothing was saved.`,
    );
  }
  const outcome = await upsertGuildFaq(ctx.db, member.guildId, parsed.data, {
    source: GUILD_ENTRY_SOURCE,
    actorId: member.userId,
    now: ctx.clock(),
  });
  ctx.faqReads.clear();
  const content =
    mode === 'add'
      ? `Added \`${slug}\` to this server's FAQ.`
      : outcome === 'created'
        ? `Saved \`${slug}\` as this server's own version; other servers keep the built-in one.`
        : `Saved \`${slug}\` for this server.`;
  return { content, entry: { ...parsed.data, source: GUILD_ENTRY_SOURCE } };
}
