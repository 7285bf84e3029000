import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { meetingLevels, portfolioKinds, portfolioRoles, portfolioStatuses } from '../db/schema/portfolio.ts';
import { defineCommand } from '../router/command.ts';
import {
  KIND_LABELS,
  MEETING_LEVEL_EXAMPLES,
  MEETING_LEVEL_LABELS,
  ROLE_DESCRIPTIONS,
  ROLE_LABELS,
  STATUS_LABELS,
} from './catalog.ts';

function choicesOf<T extends string>(
  values: readonly T[],
  name: (value: T) => string,
): APIApplicationCommandOptionChoice<string>[] {
  return values.map((value) => ({ name: name(value).slice(0, 100), value }));
}

const kindChoices = choicesOf(portfolioKinds, (kind) => KIND_LABELS[kind]);
const statusChoices = choicesOf(portfolioStatuses, (status) => STATUS_LABELS[status]);

const string = (name: string, description: string, extra: Partial<APIApplicationCommandBasicOption> = {}) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    description,
    ...extra,
  }) as APIApplicationCommandBasicOption;
const flag = (name: string, description: string) =>
  ({ type: ApplicationCommandOptionType.Boolean, name, description }) as APIApplicationCommandBasicOption;

const itemOption = (description: string) =>
  string('item', description, { required: true, autocomplete: true, max_length: 100 });

/** The options that describe an item, shared by add (where the first three are required) and update. */
function itemOptions(required: boolean): APIApplicationCommandBasicOption[] {
  return [
    string('status', 'Where it stands (suggestions fit the kind)', {
      required,
      autocomplete: true,
      max_length: 40,
    }),
    string('role', 'Your rung on the ladder of involvement', {
      required,
      choices: choicesOf(portfolioRoles, (role) => `${ROLE_LABELS[role]}: ${ROLE_DESCRIPTIONS[role]}`),
    }),
    flag('ir_related', 'Is it IR- or radiology-related?'),
    flag('first_author', 'Are you the first author?'),
    string('meeting_level', 'For abstracts and presentations: the meeting’s reach', {
      choices: choicesOf(
        meetingLevels,
        (level) => `${MEETING_LEVEL_LABELS[level]} (${MEETING_LEVEL_EXAMPLES[level]})`,
      ),
    }),
    flag('being_written', 'For papers in preparation: is it actively being written?'),
  ];
}

export const portfolioCommandData = defineCommand({
  name: 'portfolio',
  description: 'Record your research once; /assess, the ERAS list and the reminders read it',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add a paper, abstract, presentation or project (a form asks for the details)',
      options: [
        string('kind', 'What kind of work', { required: true, choices: kindChoices }),
        ...itemOptions(true),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'Your items in this server (only you see them)',
      options: [
        string('kind', 'Only this kind of work', { choices: kindChoices }),
        string('status', 'Only items with this status', { choices: statusChoices }),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'update',
      description: 'Change an item: its status here, the rest in the form',
      options: [itemOption('The item to change'), ...itemOptions(false)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove an item (you confirm first)',
      options: [itemOption('The item to remove')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'eras',
      description: 'Your items arranged for the ERAS application, with a Markdown file to paste from',
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'reminders',
      description: 'Direct messages about items that have not moved in a while',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'on',
          description:
            'At most one DM a week about items stuck in one status for 8 weeks (12 once submitted)',
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'No more reminder DMs' },
      ],
    },
  ],
});
