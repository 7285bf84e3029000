import {
  type APIActionRowComponent,
  type APIInteractionResponseCallbackData,
  type APIStringSelectComponent,
  ComponentType,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { getFaqQuestion, listFaqGaps, type UnansweredGap } from '../db/queries/faq-questions.ts';
import { getVisibleFaq, upsertGuildFaq } from '../db/queries/faqs.ts';
import { truncate } from '../discord/limits.ts';
import { UserError } from '../errors.ts';
import type { GuildMember } from '../router/member.ts';
import { DAY_MS } from '../time.ts';
import { GAPS_DAYS } from './admin-definition.ts';
import { gapsEmbed } from './admin-render.ts';
import { faqAdminCustomId } from './custom-ids.ts';
import { FAQ_LIMITS, faqSlugSchema } from './entry.ts';
import { queryTerms } from './query-text.ts';
import { searchFaqs } from './search.ts';

/** A message holds five rows of components: one menu per missed question, the first few. */
const GAPS_WITH_MENU = 5;
const MENU_OPTIONS = 25;

/**
 * /faq-admin gaps: what the FAQ is missing, and for each of the most asked missed questions a menu
 * of the closest entries, to attach the question to one of them as this server's alias.
 */
export async function gapsMessage(
  ctx: Context,
  guildId: string,
): Promise<APIInteractionResponseCallbackData> {
  const since = new Date(ctx.clock().getTime() - GAPS_DAYS * DAY_MS);
  // Questions asked a moment ago may still be waiting to be stored.
  await ctx.faqActivity.flush();
  const gaps = await listFaqGaps(ctx.db, guildId, since);
  const menus: Array<APIActionRowComponent<APIStringSelectComponent>> = [];
  for (const gap of gaps.unanswered.slice(0, GAPS_WITH_MENU)) {
    const menu = await aliasMenu(ctx, guildId, gap);
    if (menu) menus.push({ type: ComponentType.ActionRow, components: [menu] });
  }
  return { embeds: [gapsEmbed(gaps, GAPS_DAYS)], components: menus };
}

async function aliasMenu(ctx: Context, guildId: string, gap: UnansweredGap) {
  const closest = await searchFaqs(ctx.db, guildId, gap.query, MENU_OPTIONS);
  if (closest.length === 0) return null;
  return {
    type: ComponentType.StringSelect,
    custom_id: faqAdminCustomId({ action: 'alias', questionId: gap.latestId }),
    placeholder: truncate(`Attach “${gap.query}” to…`, 150),
    options: closest.map((entry) => ({
      label: truncate(entry.question, 100),
      description: truncate(entry.slug, 100),
      value: entry.slug,
    })),
  } satisfies APIStringSelectComponent;
}

/** The alias a missed question becomes: its words as normalised, cut to the content words if long. */
export function aliasFor(normalized: string): string {
  if (normalized.length <= FAQ_LIMITS.alias) return normalized;
  const content = queryTerms(normalized)
    .filter((term) => term.typed)
    .map((term) => term.word);
  let alias = '';
  for (const word of content) {
    if (alias.length + word.length + 1 > FAQ_LIMITS.alias) break;
    alias = alias ? `${alias} ${word}` : word;
  }
  return alias;
}

/**
 * Attaches a missed question of this guild to an entry as this guild's alias: searchable at once.
 * A built-in entry gets this server's own copy holding the alias.
 */
export async function attachGapAsAlias(
  ctx: Context,
  member: GuildMember,
  questionId: number,
  chosen: string | undefined,
): Promise<string> {
  const slug = faqSlugSchema.safeParse(chosen);
  if (!slug.success) throw new UserError('Pick one of the entries in the menu.');
  // The question must be this guild's: a menu copied from elsewhere names someone else's.
  const question = await getFaqQuestion(ctx.db, member.guildId, questionId);
  if (!question) throw new UserError('That question is no longer in this server’s gaps.');
  const entry = await getVisibleFaq(ctx.db, member.guildId, slug.data);
  if (!entry) throw new UserError(`There is no entry \`${slug.data}\` in this server.`);
  const alias = aliasFor(question.normalized);
  if (!alias) throw new UserError('That question has no words to search for.');
  if (entry.aliases.some((existing) => existing.toLowerCase() === alias)) {
    return `“${alias}” already leads to \`${entry.slug}\`.`;
  }
  if (entry.aliases.length >= FAQ_LIMITS.aliases) {
    throw new UserError(
      `\`${entry.slug}\` has ${FAQ_LIMITS.aliases} aliases already. Edit it with \`/faq-admin edit\` to make room.`,
    );
  }
  const { slug: entrySlug, question: entryQuestion, answer, aliases, tags } = entry;
  await upsertGuildFaq(
    ctx.db,
    member.guildId,
    { slug: entrySlug, question: entryQuestion, answer, aliases: [...aliases, alias], tags },
    { source: entry.source, actorId: member.userId, now: ctx.clock() },
  );
  ctx.faqReads.clear();
  return entry.guildId === null
    ? `“${alias}” now leads to \`${entry.slug}\` in this server (saved as this server’s own version of the built-in entry).`
    : `“${alias}” now leads to \`${entry.slug}\` in this server.`;
}
