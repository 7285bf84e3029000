import { type APIInteractionResponse, ComponentType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { hideBuiltInFaq, listHiddenFaqSlugs, unhideBuiltInFaq } from '../src/db/queries/faq-hidden.ts';
import {
  deleteGuildFaq,
  describeFaqSlug,
  getVisibleFaq,
  listFaqsByQuestionStart,
  upsertGuildFaq,
} from '../src/db/queries/faqs.ts';
import { UserError } from '../src/errors.ts';
import { faqAdminCommandData } from '../src/faq/admin-definition.ts';
import { ENTRY_FORM_FIELDS, faqEntryForm } from '../src/faq/admin-render.ts';
import { decodeFaqAdminCustomId, FAQ_ADMIN_PREFIX } from '../src/faq/custom-ids.ts';
import {
  faqEntryInputSchema,
  faqSlugSchema,
  GUILD_ENTRY_SOURCE,
  parseAliasList,
  parseTagList,
} from '../src/faq/entry.ts';
import { attachGapAsAlias, gapsMessage } from '../src/faq/gaps.ts';
import { faqEmbed } from '../src/faq/render.ts';
import { searchFaqs } from '../src/faq/search.ts';
import type {
  AutocompleteInteraction,
  ChatInputInteraction,
  Command,
  ComponentInteraction,
  ModalInteraction,
} from '../src/router/command.ts';
import { type GuildMember, guildMember } from '../src/router/member.ts';
import { parseOptions, readModalFields, readOptions } from '../src/router/options.ts';
import { choices, ephemeralText, reply, showModal } from '../src/router/responses.ts';

const slugOptions = z.object({ slug: faqSlugSchema });

function readSlug(values: Record<string, unknown>): string {
  const { slug } = parseOptions(
    slugOptions,
    values,
    ([issue]) => `The slug option: ${issue?.message ?? 'is invalid'}.`,
  );
  return slug;
}

async function add(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const slug = readSlug(readOptions(interaction).values);
  if (await getVisibleFaq(ctx.db, member.guildId, slug)) {
    throw new UserError(`An entry \`${slug}\` already exists here. Use \`/faq-admin edit\` to change it.`);
  }
  return showModal(faqEntryForm('add', slug));
}

async function edit(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const slug = readSlug(readOptions(interaction).values);
  const entry = await getVisibleFaq(ctx.db, member.guildId, slug);
  if (!entry) throw new UserError(`There is no entry \`${slug}\` in this server.`);
  return showModal(faqEntryForm('edit', slug, entry));
}

async function restore(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const slug = readSlug(readOptions(interaction).values);
  if (!(await unhideBuiltInFaq(ctx.db, member.guildId, slug))) {
    throw new UserError(`\`${slug}\` is not a hidden built-in entry in this server.`);
  }
  ctx.faqReads.clear();
  return ephemeralText(`The built-in entry \`${slug}\` shows in this server again.`);
}

async function gaps(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  return reply(await gapsMessage(ctx, guildMember(interaction).guildId));
}

async function remove(ctx: Context, member: GuildMember, slug: string): Promise<APIInteractionResponse> {
  const state = await describeFaqSlug(ctx.db, member.guildId, slug);
  if (state.hasOwn) {
    await deleteGuildFaq(ctx.db, member.guildId, slug);
    ctx.faqReads.clear();
    const builtInBack = state.hasBuiltIn && !state.builtInHidden;
    return ephemeralText(
      builtInBack
        ? `Deleted this server's entry \`${slug}\`. The built-in entry with that slug shows again; run remove once more to hide it too.`
        : `Deleted this server's entry \`${slug}\`.`,
    );
  }
  if (state.hasBuiltIn && !state.builtInHidden) {
    await hideBuiltInFaq(ctx.db, member.guildId, slug, member.userId, ctx.clock());
    ctx.faqReads.clear();
    return ephemeralText(
      `The built-in entry \`${slug}\` is now hidden in this server. \`/faq-admin restore\` brings it back.`,
    );
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

async function modal(interaction: ModalInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const form = decodeFaqAdminCustomId(interaction.data.custom_id);
  if (form.action === 'alias')
    throw new UserError('That form is not one this bot knows. It may be outdated.');
  const { action: mode, slug } = form;
  const fields = readModalFields(interaction);
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
  return reply({
    content,
    embeds: [faqEmbed({ ...parsed.data, source: GUILD_ENTRY_SOURCE })],
  });
}

/** The gaps menus: attach a missed question to an entry as this server's alias (the router checks Manage Server). */
async function component(interaction: ComponentInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const action = decodeFaqAdminCustomId(interaction.data.custom_id);
  if (action.action !== 'alias' || interaction.data.component_type !== ComponentType.StringSelect) {
    throw new UserError('That menu is not one this bot knows. It may be outdated.');
  }
  const member = guildMember(interaction);
  return ephemeralText(await attachGapAsAlias(ctx, member, action.queryId, interaction.data.values[0]));
}

/** Suggestions list hidden slugs and this server's own entries: the router shows them to moderators only. */
async function autocomplete(interaction: AutocompleteInteraction, ctx: Context) {
  const member = guildMember(interaction);
  const { subcommand, focused } = readOptions(interaction);
  const typed = String(focused?.value ?? '').slice(0, 100);
  const slugChoice = (slug: string, question?: string) => ({
    name: (question ? `${slug} · ${question}` : slug).slice(0, 100),
    value: slug,
  });
  if (subcommand === 'restore') {
    const hidden = await listHiddenFaqSlugs(ctx.db, member.guildId);
    return choices(
      hidden.filter((slug) => slug.includes(typed.trim().toLowerCase())).map((slug) => slugChoice(slug)),
    );
  }
  const found = typed.trim()
    ? await searchFaqs(ctx.db, member.guildId, typed.replace(/-/g, ' '), 25, { prefixLastWord: true })
    : await listFaqsByQuestionStart(ctx.db, member.guildId, '', 25);
  return choices(found.map((row) => slugChoice(row.slug, row.question)));
}

export const faqAdminCommand: Command = {
  data: faqAdminCommandData,
  customIdPrefix: FAQ_ADMIN_PREFIX,
  subcommands: {
    add,
    edit,
    remove: (interaction, ctx) =>
      remove(ctx, guildMember(interaction), readSlug(readOptions(interaction).values)),
    restore,
    gaps,
  },
  modal,
  component,
  autocomplete,
};
