import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { commands } from '../../../commands/index.ts';
import { buildAutocomplete, buildChatInput, buildPing } from '../../../src/payloads/fake-interactions.ts';
import { GUILD_A, member } from '../../helpers/actors.ts';

/** Members with distinct ids, so per-member rows (views, queries) look like a real guild's. */
export const benchGuild = GUILD_A;
const members = Array.from({ length: 50 }, (_, index) =>
  member(`3000000000000${String(index).padStart(5, '0')}`, benchGuild),
);

function faqDefinition() {
  const definition = commands.find((command) => command.data.name === 'faq')?.data;
  if (!definition) throw new Error('no /faq command in commands/index.ts yet');
  return definition;
}

/** The free-text option of /faq that autocompletes (found from the definition, not assumed). */
export function faqQueryOption(): string {
  const option = (faqDefinition().options ?? []).find(
    (candidate) =>
      candidate.type === ApplicationCommandOptionType.String &&
      'autocomplete' in candidate &&
      candidate.autocomplete,
  );
  if (!option) throw new Error('/faq has no autocompleting string option');
  return option.name;
}

export const hasFaqCommand = () => commands.some((command) => command.data.name === 'faq');

export function pingPayload() {
  return buildPing();
}

export function faqCommandPayload(query: string, index = 0) {
  return buildChatInput(
    faqDefinition(),
    { options: { [faqQueryOption()]: query } },
    members[index % members.length] ?? member(),
  );
}

export function faqAutocompletePayload(partial: string, index = 0) {
  const option = faqQueryOption();
  return buildAutocomplete(
    faqDefinition(),
    { options: { [option]: partial }, focused: option },
    members[index % members.length] ?? member(),
  );
}
