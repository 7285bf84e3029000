import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { CommandData } from '../router/command.ts';
import { MODERATOR_ONLY } from '../router/member.ts';
import { FAQ_LIMITS } from './entry.ts';

/** How far back /faq-admin gaps looks. */
export const GAPS_DAYS = 30;

const slugOption = (description: string, autocomplete: boolean): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'slug',
  description,
  required: true,
  autocomplete,
  min_length: 3,
  max_length: FAQ_LIMITS.slug,
});

export const faqAdminCommandData = {
  name: 'faq-admin',
  description: "Manage this server's FAQ: add, edit, remove entries and see what is missing",
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  default_member_permissions: MODERATOR_ONLY,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Add an entry of this server (opens a form)',
      options: [slugOption('Short id of the new entry, e.g. visa-timing', false)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: "Edit an entry; editing a built-in one makes this server's own version",
      options: [slugOption('The entry to edit', true)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: "Delete this server's entry, or hide a built-in one in this server",
      options: [slugOption('The entry to remove', true)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'restore',
      description: 'Show a hidden built-in entry again',
      options: [slugOption('The hidden entry', true)],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'gaps',
      description: `Most asked questions without a good answer, and answers rated not helpful (${GAPS_DAYS} days)`,
    },
  ],
} satisfies CommandData;
