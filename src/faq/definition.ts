import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { defineCommand } from '../router/command.ts';
import { publicOption } from '../router/options.ts';
import { MAX_QUESTION_LENGTH } from './query-text.ts';

export const faqCommandData = defineCommand({
  name: 'faq',
  description: 'Ask a question about building an IR research profile and get the FAQ answer',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question in your own words, or pick one of the suggestions',
      required: true,
      autocomplete: true,
      min_length: 1,
      max_length: MAX_QUESTION_LENGTH,
    },
    publicOption('Post the answer for everyone in the channel (default: only you see it)'),
  ],
});
