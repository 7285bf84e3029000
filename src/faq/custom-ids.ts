import { z } from 'zod';
import { snowflakeSchema } from '../discord/snowflake.ts';
import { UserError } from '../errors.ts';
import { decodeCustomId, encodeCustomId } from '../router/custom-id.ts';
import { faqSlugSchema } from './entry.ts';

/** custom_id prefix of /faq's buttons and menus (the command's name), and of Answer with FAQ's. */
export const FAQ_PREFIX = 'faq';
/** custom_id prefix of /faq-admin's forms and menus. */
export const FAQ_ADMIN_PREFIX = 'faq-admin';

/**
 * custom_id layouts (every part is checked again on each press, since a client can send any string):
 *   faq:open:<slug>                          open another entry (related, or the next closest)
 *   faq:vote:<slug>:<question id>:yes|no     Helpful / Not helpful
 *   faq:better:<slug>:<question id>          the menu "which entry would have helped?"
 *   faq:delete:<invoker id>                  Delete on a post of Answer with FAQ
 *   faq-admin:add|edit:<slug>                the entry form
 *   faq-admin:alias:<question id>            the gaps menu attaching a missed question to an entry
 * A question id of 0 means the entry was picked or opened, not found for a typed question.
 */
export type FaqAction =
  | { action: 'open'; slug: string }
  | { action: 'vote'; slug: string; questionId: number | null; helpful: boolean }
  | { action: 'better'; slug: string; questionId: number | null }
  | { action: 'delete'; invokerId: string };

export type FaqAdminAction =
  | { action: 'add' | 'edit'; slug: string }
  | { action: 'alias'; questionId: number };

const NO_QUESTION = 0;
const questionIdSchema = z.coerce.number().int().min(0).max(2_147_483_647);

const faqParts = z.union([
  z.tuple([z.literal('open'), faqSlugSchema]),
  z.tuple([z.literal('vote'), faqSlugSchema, questionIdSchema, z.enum(['yes', 'no'])]),
  z.tuple([z.literal('better'), faqSlugSchema, questionIdSchema]),
  z.tuple([z.literal('delete'), snowflakeSchema()]),
]);
const adminParts = z.union([
  z.tuple([z.enum(['add', 'edit']), faqSlugSchema]),
  z.tuple([z.literal('alias'), questionIdSchema.refine((id) => id > 0)]),
]);

const questionPart = (questionId: number | null) => questionId ?? NO_QUESTION;
const questionOf = (part: number) => (part === NO_QUESTION ? null : part);

export function faqCustomId(action: FaqAction): string {
  switch (action.action) {
    case 'open':
      return encodeCustomId(FAQ_PREFIX, 'open', action.slug);
    case 'vote':
      return encodeCustomId(
        FAQ_PREFIX,
        'vote',
        action.slug,
        questionPart(action.questionId),
        action.helpful ? 'yes' : 'no',
      );
    case 'better':
      return encodeCustomId(FAQ_PREFIX, 'better', action.slug, questionPart(action.questionId));
    case 'delete':
      return encodeCustomId(FAQ_PREFIX, 'delete', action.invokerId);
  }
}

export function decodeFaqCustomId(customId: unknown): FaqAction {
  const parsed = faqParts.safeParse(decodeCustomId(customId).parts);
  if (!parsed.success) throw new UserError('That button is not one this bot knows. It may be outdated.');
  const parts = parsed.data;
  switch (parts[0]) {
    case 'open':
      return { action: 'open', slug: parts[1] };
    case 'vote':
      return {
        action: 'vote',
        slug: parts[1],
        questionId: questionOf(parts[2]),
        helpful: parts[3] === 'yes',
      };
    case 'better':
      return { action: 'better', slug: parts[1], questionId: questionOf(parts[2]) };
    case 'delete':
      return { action: 'delete', invokerId: parts[1] };
  }
}

export function faqAdminCustomId(action: FaqAdminAction): string {
  return action.action === 'alias'
    ? encodeCustomId(FAQ_ADMIN_PREFIX, 'alias', action.questionId)
    : encodeCustomId(FAQ_ADMIN_PREFIX, action.action, action.slug);
}

export function decodeFaqAdminCustomId(customId: unknown): FaqAdminAction {
  const parsed = adminParts.safeParse(decodeCustomId(customId).parts);
  if (!parsed.success) throw new UserError('That form is not one this bot knows. It may be outdated.');
  const parts = parsed.data;
  return parts[0] === 'alias'
    ? { action: 'alias', questionId: parts[1] }
    : { action: parts[0], slug: parts[1] };
}

/** The value of "none of these" in the menu asking which entry would have helped. */
export const NONE_OF_THESE = '-';
