import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand } from '../router/command.ts';
import { OPTION_DESCRIPTIONS } from './content.ts';
import { ASSESS_RANGES } from './input.ts';

// The counts are optional (left out, /assess reads the member's /portfolio); Discord wants the
// required option, months_to_apply, before them.
const countOptions: APIApplicationCommandBasicOption[] = Object.entries(ASSESS_RANGES)
  .map(
    ([name, range]): APIApplicationCommandBasicOption => ({
      type: ApplicationCommandOptionType.Integer,
      name,
      description: OPTION_DESCRIPTIONS[name as keyof typeof OPTION_DESCRIPTIONS],
      required: name === 'months_to_apply',
      min_value: range.min,
      max_value: range.max,
    }),
  )
  .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));

export const assessCommandData = defineCommand({
  name: 'assess',
  description: "Check your research portfolio against the guide's benchmarks for IR",
  options: [
    ...countOptions,
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'share',
      description: 'Also post your level and counts (not your gaps) to the assessments channel',
    },
  ],
});
