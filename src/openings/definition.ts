import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { openingFocuses, openingKinds, openingRoles } from '../db/schema/openings.ts';
import { formField } from '../discord/form-field.ts';
import { defineCommand } from '../router/command.ts';
import { FOCUS_LABELS, KIND_LABELS, ROLE_DESCRIPTIONS, ROLE_LABELS, STATUS_LABELS } from './catalog.ts';
import { EXPIRY_DAYS, FIELD_LIMITS, QUERY_MAX_LENGTH } from './rules.ts';

function choicesOf<T extends string>(
  values: readonly T[],
  name: (value: T) => string,
): APIApplicationCommandOptionChoice<string>[] {
  return values.map((value) => ({ name: name(value), value }));
}

const kindChoices = choicesOf(openingKinds, (kind) => KIND_LABELS[kind]);
const focusChoices = choicesOf(openingFocuses, (focus) => FOCUS_LABELS[focus]);
const roleChoices = choicesOf(openingRoles, (role) => `${ROLE_LABELS[role]}: ${ROLE_DESCRIPTIONS[role]}`);

const expiryOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.Integer,
  name: 'expires_in_days',
  description,
  min_value: EXPIRY_DAYS.min,
  max_value: EXPIRY_DAYS.max,
});

const openingOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'opening',
  description,
  required: true,
  autocomplete: true,
  max_length: 100,
});

/** The filters of /opening list and /opening alerts set: one value each, or any when left out. */
const filterOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'kind',
    description: 'Only this kind of work',
    choices: kindChoices,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'focus',
    description: 'Only this field',
    choices: focusChoices,
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'remote',
    description: 'Only remote (true) or on-site (false) ones',
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'role',
    description: 'Only this rung of the ladder',
    choices: roleChoices,
  },
] satisfies APIApplicationCommandBasicOption[];

export const openingCommandData = defineCommand({
  name: 'opening',
  description: 'Post research openings, find one that fits you, and show interest',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'post',
      description: 'Post a research opening that needs helpers (a form asks for the details)',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'Kind of work',
          required: true,
          choices: kindChoices,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'focus',
          description: 'Field of the project',
          required: true,
          choices: focusChoices,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'remote',
          description: 'Can it be done remotely?',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'role',
          description: 'Rung of the ladder the helper would work at',
          required: true,
          choices: roleChoices,
        },
        expiryOption(
          `Days it stays open (${EXPIRY_DAYS.min}-${EXPIRY_DAYS.max}, default ${EXPIRY_DAYS.default})`,
        ),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'Browse open research openings, newest first',
      options: [
        ...filterOptions,
        {
          type: ApplicationCommandOptionType.String,
          name: 'query',
          description: 'Words to look for in the title, institution, mentor or description',
          max_length: QUERY_MAX_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'mine',
          description: 'Only the openings you posted, and whether you get a message about interest',
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'close',
      description: 'Close an opening you posted (moderators: any opening)',
      options: [
        openingOption('The opening to close'),
        {
          type: ApplicationCommandOptionType.String,
          name: 'status',
          description: 'Why it closes',
          required: true,
          choices: [
            { name: `${STATUS_LABELS.filled}: found the helpers it needed`, value: 'filled' },
            { name: `${STATUS_LABELS.withdrawn}: no longer going ahead`, value: 'withdrawn' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'renew',
      description: 'Post one of your expired openings again',
      options: [
        openingOption('Your expired opening'),
        expiryOption(
          `Days it stays open this time (${EXPIRY_DAYS.min}-${EXPIRY_DAYS.max}, default ${EXPIRY_DAYS.default})`,
        ),
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'alerts',
      description: 'A direct message when a new opening you would want is posted',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          description: 'Get alerts for new openings like these (leave a filter out for any)',
          options: filterOptions,
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'off',
          description: 'Stop alerts for new openings',
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'show', description: 'Show your alert' },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'notify',
      description: 'Whether you get a direct message when members show interest in your openings',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'setting',
          description: 'on or off',
          required: true,
          choices: [
            { name: 'on: a message at most once an hour per opening', value: 'on' },
            { name: 'off: no messages', value: 'off' },
          ],
        },
      ],
    },
  ],
});

/** The form /opening post answers with; its custom_id carries the choices already made. */
export function openingFormModal(customId: string): APIModalInteractionResponseCallbackData {
  const input = (
    id: keyof typeof FIELD_LIMITS,
    label: string,
    options: { paragraph?: boolean; required?: boolean; placeholder: string },
  ) =>
    formField({
      id,
      label,
      paragraph: options.paragraph,
      required: options.required ?? true,
      min: FIELD_LIMITS[id].min,
      max: FIELD_LIMITS[id].max,
      placeholder: options.placeholder,
    });
  return {
    custom_id: customId,
    title: 'Post a research opening',
    components: [
      input('title', 'Title', { placeholder: 'e.g. Outcomes after genicular artery embolization' }),
      input('institution', 'Institution', { placeholder: 'Hospital, university or group' }),
      input('mentor', 'Mentor (optional)', { required: false, placeholder: 'Who supervises the work' }),
      input('description', 'What the helper would do', {
        paragraph: true,
        placeholder: 'Tasks, time needed each week, skills that help, what authorship or credit to expect',
      }),
      input('contact', 'Contact: email or https link', { placeholder: 'name@example.org' }),
    ],
  };
}
