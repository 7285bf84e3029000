import { type APIInteractionResponse, ComponentType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Context } from '../src/context.ts';
import { listHiddenFaqSlugs } from '../src/db/queries/faq-hidden.ts';
import { getVisibleFaq, listFaqsByQuestionStart } from '../src/db/queries/faqs.ts';
import { UserError } from '../src/errors.ts';
import { faqAdminCommandData } from '../src/faq/admin-definition.ts';
import { faqEntryForm } from '../src/faq/admin-render.ts';
import { removeEntry, restoreBuiltInEntry, saveEntryForm } from '../src/faq/admin-service.ts';
import { decodeFaqAdminCustomId, FAQ_ADMIN_PREFIX } from '../src/faq/custom-ids.ts';
import { faqSlugSchema } from '../src/faq/entry.ts';
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
import { guildMember } from '../src/router/member.ts';
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
  const slug = readSlug(readOptions(interaction).values);
  return ephemeralText(await restoreBuiltInEntry(ctx, guildMember(interaction), slug));
}

async function gaps(interaction: ChatInputInteraction, ctx: Context): Promise<APIInteractionResponse> {
  return reply(await gapsMessage(ctx, guildMember(interaction).guildId));
}

async function modal(interaction: ModalInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const member = guildMember(interaction);
  const form = decodeFaqAdminCustomId(interaction.data.custom_id);
  if (form.action === 'alias')
    throw new UserError('That form is not one this bot knows. It may be outdated.');
  const { action: mode, slug } = form;
  const saved = await saveEntryForm(ctx, member, mode, slug, readModalFields(interaction));
  return reply({ content: saved.content, embeds: [faqEmbed(saved.entry)] });
}

/** The gaps menus: attach a missed question to an entry as this server's alias (the router checks Manage Server). */
async function component(interaction: ComponentInteraction, ctx: Context): Promise<APIInteractionResponse> {
  const action = decodeFaqAdminCustomId(interaction.data.custom_id);
  if (action.action !== 'alias' || interaction.data.component_type !== ComponentType.StringSelect) {
    throw new UserError('That menu is not one this bot knows. It may be outdated.');
  }
  const member = guildMember(interaction);
  return ephemeralText(await attachGapAsAlias(ctx, member, action.questionId, interaction.data.values[0]));
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
    remove: async (interaction, ctx) =>
      ephemeralText(
        await removeEntry(ctx, guildMember(interaction), readSlug(readOptions(interaction).values)),
      ),
    restore,
    gaps,
  },
  modal,
  component,
  autocomplete,
};
