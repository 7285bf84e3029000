import type { APIEmbedField } from 'discord-api-types/v10';
import { z } from 'zod';
import { type Criterion, LEVEL_RULES, LEVELS, type PortfolioCounts } from '../assess/criteria.ts';
import { ASSESS_RANGES } from '../assess/input.ts';
import type { CriterionProgress } from '../assess/score.ts';
import { EMBED_LIMITS, truncate } from '../discord/limits.ts';
import { escapeInline } from '../discord/safe-text.ts';
import { UserError } from '../errors.ts';
import { type OptionValue, parseOptions } from '../router/options.ts';
import { type CountableItem, countsFromItems } from './counts.ts';

/** The seven counts of /assess: typed all together, or all left out to read the portfolio. */
const COUNT_OPTIONS = Object.keys(ASSESS_RANGES).filter((name) => name !== 'months_to_apply');

export type AssessSource = 'typed' | 'portfolio';

/** Which way the member asked: every count typed, none (the portfolio), or a refusal for some. */
export function assessSourceOf(values: Record<string, OptionValue>): AssessSource {
  const given = COUNT_OPTIONS.filter((name) => values[name] !== undefined);
  if (given.length === COUNT_OPTIONS.length) return 'typed';
  if (given.length === 0) return 'portfolio';
  const missing = COUNT_OPTIONS.filter((name) => values[name] === undefined);
  throw new UserError(
    `Give all seven counts, or none and /assess reads your \`/portfolio\`. Missing: ${missing.map((name) => `\`${name}\``).join(', ')}. Nothing was saved.`,
  );
}

const { min, max } = ASSESS_RANGES.months_to_apply;
const portfolioOptionsSchema = z.object({
  months_to_apply: z
    .number({ error: `\`months_to_apply\` is required and must be a whole number from ${min} to ${max}.` })
    .int({ error: `\`months_to_apply\` must be a whole number from ${min} to ${max}.` })
    .min(min, { error: `\`months_to_apply\` must be at least ${min}.` })
    .max(max, { error: `\`months_to_apply\` can be at most ${max}.` }),
  share: z.boolean({ error: '`share` must be true or false.' }).default(false),
});

export interface AssessInputFromPortfolio {
  counts: PortfolioCounts;
  monthsToApply: number;
  share: boolean;
}

/** The /assess input when the counts come from the portfolio's items; refuses an empty portfolio. */
export function assessInputFromItems(
  values: Record<string, OptionValue>,
  items: readonly CountableItem[],
): AssessInputFromPortfolio {
  const options = parseOptions(portfolioOptionsSchema, values);
  if (items.length === 0) {
    throw new UserError(
      'Your portfolio in this server is empty, so there is nothing to count. Record your work with `/portfolio add`, or give all seven counts as options. Nothing was saved.',
    );
  }
  const { counts } = countsFromItems(items);
  return { counts, monthsToApply: options.months_to_apply, share: options.share };
}

const CRITERIA_BY_ID = new Map<string, Criterion>(
  LEVELS.flatMap((level) => [...LEVEL_RULES[level].required, ...LEVEL_RULES[level].preferred]).map(
    (criterion) => [criterion.id, criterion],
  ),
);

/**
 * The items behind a criterion: those that add to what it measures on their own. That holds for
 * every criterion of the rules (sums and differences of counts), including "co-author papers".
 */
export function itemsCountedFor(criterionId: string, items: readonly CountableItem[]): CountableItem[] {
  const criterion = CRITERIA_BY_ID.get(criterionId);
  if (!criterion) return [];
  return items.filter((item) => criterion.measure(countsFromItems([item]).counts) > 0);
}

const TITLE_IN_LIST = 60;

/** The reply's field naming, for each criterion shown, the portfolio items it counted. */
export function countedItemsField(
  progress: readonly CriterionProgress[],
  items: readonly CountableItem[],
): APIEmbedField {
  const lines = progress.map((entry) => {
    const counted = itemsCountedFor(entry.id, items);
    const names = counted.map((item) => `#${item.id} ${escapeInline(truncate(item.title, TITLE_IN_LIST))}`);
    return `**${entry.label}** (${counted.length}): ${names.length > 0 ? names.join('; ') : 'none yet'}`;
  });
  return {
    name: 'Counted from your portfolio',
    value: truncate(lines.join('\n'), EMBED_LIMITS.fieldValue),
  };
}

export const TYPED_COUNTS_NOTE =
  'These are the counts you typed, not taken from your portfolio. Leave the counts out and `/assess` reads what you recorded with `/portfolio`.';
