import {
  type APIApplicationCommandOption,
  type APIInteractionResponse,
  ApplicationCommandOptionType,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { openings } from '../../src/db/schema/index.ts';
import { embedProblems } from '../../src/discord/limits.ts';
import { interestCustomId, listPageCustomId } from '../../src/openings/custom-ids.ts';
import { buildButtonPress, buildChatInput, buildModalSubmit } from '../../src/payloads/fake-interactions.ts';
import { GUILD_A, GUILD_B, member, moderator } from '../helpers/actors.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { rowCounts } from '../helpers/row-counts.ts';

/** Discord gives up on an interaction that is not answered within 3 seconds. */
const DISCORD_DEADLINE_MS = 3000;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const ACTION_WORDS = [
  'interest',
  'page',
  'post',
  'close',
  'renew',
  'confirm',
  'cancel',
  'vote',
  'show',
  'helpful',
  'unhelpful',
];

const commandPrefixes = commands.map((command) => command.customIdPrefix ?? command.data.name);

const hugeString = fc.string({ minLength: 2000, maxLength: 6000 });
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    "'; drop table openings; --",
    '" OR 1=1 --',
    '&|!:*()<>\\',
    '@everyone <@&123456789012345678>',
    '🩻🧪💉'.repeat(50),
    '\u0000\u202e\uFEFF',
    'a'.repeat(201),
  ),
  hugeString,
);
const wrongValue = fc.oneof(
  oddString,
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const snowflakeLike = fc.oneof(
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map(String),
  fc.constantFrom(GUILD_A, GUILD_B, '0', '-1', '1e309', '99999999999999999999999'),
  oddString,
);
const anyActor = fc.oneof(
  fc.constant(member()),
  fc.constant(moderator()),
  fc.constant(member('300000000000000002', GUILD_B)),
  fc.constant(member(undefined, null)),
  fc.record({
    guildId: fc.constantFrom(GUILD_A, GUILD_B),
    userId: fc.constantFrom('300000000000000003', '300000000000000004'),
    permissions: fc.oneof(fc.bigInt({ min: 0n, max: (1n << 50n) - 1n }).map(String), oddString),
  }),
);

/** Leaf options of a command: for a chosen subcommand path, or the top level. */
function leafOptions(
  scope: readonly APIApplicationCommandOption[],
): { path: string[]; leaves: APIApplicationCommandOption[] }[] {
  const groups = scope.filter(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (groups.length === 0) return [{ path: [], leaves: [...scope] }];
  return groups.flatMap((group) =>
    leafOptions('options' in group ? (group.options ?? []) : []).map((entry) => ({
      path: [group.name, ...entry.path],
      leaves: entry.leaves,
    })),
  );
}

const shapes = commands.flatMap((command) =>
  leafOptions(command.data.options ?? []).map((shape) => ({ command, ...shape })),
);

/** A value Discord would never send for this option: the wrong type, or outside its bounds. */
function wrongValueFor(option: APIApplicationCommandOption) {
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 2 }),
        hugeString,
      );
    case ApplicationCommandOptionType.Integer:
      return fc.oneof(
        oddString,
        fc.boolean(),
        fc.double({ noInteger: true }),
        fc.integer({ min: 100_000, max: 2_000_000_000 }),
        fc.integer({ min: -2_000_000_000, max: -1 }),
      );
    case ApplicationCommandOptionType.Boolean:
      return fc.oneof(oddString, fc.integer(), fc.constant(null));
    case ApplicationCommandOptionType.Channel:
      return fc.oneof(fc.integer(), fc.boolean(), oddString);
    default:
      return wrongValue;
  }
}

/** A slash command whose every declared option has a value of the wrong type or out of bounds. */
const commandPayload = fc
  .constantFrom(...shapes.filter((shape) => shape.leaves.length > 0))
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      values: fc.tuple(...shape.leaves.map(wrongValueFor)),
      actor: anyActor,
      autocomplete: fc.boolean(),
    }),
  )
  .map(({ shape, values, actor, autocomplete }) => {
    const options = Object.fromEntries(shape.leaves.map((option, index) => [option.name, values[index]]));
    const payload = buildChatInput(
      shape.command.data,
      { ...(shape.path.length ? { subcommand: shape.path.join(' ') } : {}), options: options as never },
      actor,
    );
    if (!autocomplete) return payload;
    const focused = shape.leaves.find((option) => 'autocomplete' in option && option.autocomplete);
    if (!focused) return payload;
    return {
      ...buildChatInput(
        shape.command.data,
        {
          ...(shape.path.length ? { subcommand: shape.path.join(' ') } : {}),
          options: options as never,
          focused: focused.name,
        },
        actor,
      ),
      type: InteractionType.ApplicationCommandAutocomplete,
    };
  });

/** Ids of rows that exist in guild A, filled in before the properties run. */
const guildAIds: string[] = [];

const randomCustomId = fc
  .tuple(
    fc.constantFrom(...commandPrefixes, 'unknown'),
    fc.array(fc.oneof(snowflakeLike, fc.integer().map(String), fc.constantFrom(...ACTION_WORDS)), {
      maxLength: 8,
    }),
  )
  .map(([prefix, parts]) => [prefix, ...parts].join(':').slice(0, 120));
/** Real custom_id shapes pointing at guild A's rows, or at pages far out of range. */
const realisticCustomId = fc.oneof(
  fc.constant(0).map(() => interestCustomId(Number(guildAIds[0] ?? 1))),
  fc.integer({ min: -5, max: 1_000_000 }).map((page) => listPageCustomId(page, {})),
  fc.constantFrom(...ACTION_WORDS).map((action) => `opening:${action}:${guildAIds[0] ?? 1}`),
  fc.constant(`opening:post:case_report:ir:1:entry:30:${GUILD_A}`),
);
const forgedCustomId = fc.oneof(randomCustomId, realisticCustomId);

/** Someone outside guild A: another guild's member or moderator, or a direct message. */
const outsider = fc.constantFrom(
  member('300000000000000002', GUILD_B),
  moderator('300000000000000098', GUILD_B),
  member('300000000000000005', null),
);

const componentPayload = fc
  .tuple(forgedCustomId, outsider)
  .map(([customId, actor]) => buildButtonPress(customId, actor));
const modalPayload = fc
  .tuple(forgedCustomId, outsider, fc.dictionary(fc.string({ maxLength: 20 }), oddString, { maxKeys: 6 }))
  .map(([customId, actor, fields]) => buildModalSubmit(customId, fields, actor));

/** Envelopes broken in every way: missing fields, wrong types, unknown interaction types. */
const brokenEnvelope = fc.oneof(
  fc.anything(),
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer()),
      application_id: fc.oneof(fc.string(), fc.constant(undefined)),
      token: fc.oneof(fc.string(), fc.constant(null)),
      type: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string()),
      data: fc.oneof(
        fc.anything(),
        fc.record({
          name: fc.oneof(fc.constantFrom(...commands.map((c) => c.data.name)), fc.string()),
          options: fc.anything(),
        }),
      ),
      guild_id: fc.oneof(snowflakeLike, fc.constant(undefined)),
      member: fc.oneof(
        fc.anything(),
        fc.record({ user: fc.record({ id: snowflakeLike }), permissions: fc.anything() }),
      ),
    },
    { requiredKeys: [] },
  ),
);

function expectValidResponse(response: APIInteractionResponse) {
  expect([1, 4, 5, 6, 7, 8, 9]).toContain(response.type);
  if (
    response.type === InteractionResponseType.ChannelMessageWithSource ||
    response.type === InteractionResponseType.UpdateMessage
  ) {
    const data = response.data ?? {};
    expect(Boolean(data.content) || (data.embeds?.length ?? 0) > 0).toBe(true);
    expect(data.content?.length ?? 0).toBeLessThanOrEqual(2000);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    for (const embed of data.embeds ?? []) expect(embedProblems(embed)).toEqual([]);
  }
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    expect(response.data.choices?.length ?? 0).toBeLessThanOrEqual(25);
    for (const choice of response.data.choices ?? []) {
      expect(choice.name.length).toBeGreaterThan(0);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  }
}

describe('the router under thousands of malformed and hostile interactions', { timeout: 600_000 }, () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({ router: {} });
    // Real rows in guild A, so forged ids from outside have something to aim at.
    const author = member('300000000000000077');
    const modal = await harness.command(
      'opening',
      { subcommand: 'post', options: { kind: 'case_report', focus: 'ir', remote: true, role: 'entry' } },
      author,
    );
    if (modal.type !== InteractionResponseType.Modal) throw new Error('no opening form');
    await harness.submitModal(
      modal.data.custom_id,
      {
        title: 'Case report of a rare embolization complication',
        institution: 'Example University Hospital',
        mentor: '',
        description: 'Write-up and literature review.',
        contact: 'ir.lab@example.org',
      },
      author,
    );
    const [opening] = await harness.db.select({ id: openings.id }).from(openings);
    if (!opening) throw new Error('the opening was not stored');
    guildAIds.push(String(opening.id));
  });
  afterAll(() => harness.close());

  const timed = async (payload: unknown) => {
    const started = performance.now();
    const response = await harness.send(payload);
    return { response, elapsed: performance.now() - started };
  };

  it.each<[string, fc.Arbitrary<unknown>]>([
    ['every broken envelope', brokenEnvelope],
    ['every command with wrongly typed options', commandPayload],
    ['forged buttons and forms', fc.oneof(componentPayload, modalPayload)],
  ])('answers %s in time, and stores nothing', async (_kind, payloads) => {
    const before = await rowCounts(harness.db);
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const { response, elapsed } = await timed(payload);
        expectValidResponse(response);
        expect(elapsed).toBeLessThan(DISCORD_DEADLINE_MS);
      }),
      { numRuns: RUNS },
    );
    expect(await rowCounts(harness.db)).toEqual(before);
  });
});
