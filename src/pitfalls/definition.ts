import { defineCommand } from '../router/command.ts';
import { publicOption } from '../router/options.ts';

export const pitfallCommandData = defineCommand({
  name: 'pitfall',
  description: 'Show the next common research pitfall for IMGs, and what to do instead',
  options: [publicOption('Post it in this channel for everyone (default: only you see it)')],
});
