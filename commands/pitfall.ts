import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { advanceMemberPitfallCursor } from '../src/db/queries/member-pitfall-cursors.ts';
import { renderPitfallEmbed } from '../src/pitfalls/render.ts';
import { pitfallAt } from '../src/pitfalls/rotation.ts';
import type { ChatInputInteraction, Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { parseOptions, readOptions } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

const data = {
  name: 'pitfall',
  description: 'Show the next common research pitfall for IMGs, and what to do instead',
  type: ApplicationCommandType.ChatInput,
  contexts: [0],
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'public',
      description: 'Post it in this channel for everyone (default: only you see it)',
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const options = z.object({
  public: z.boolean({ message: '`public` must be true or false.' }).default(false),
});

function wantsPublic(interaction: ChatInputInteraction): boolean {
  return parseOptions(options, readOptions(interaction).values).public;
}

export const pitfallCommand: Command = {
  data,
  isEphemeral: (interaction) => {
    try {
      return !wantsPublic(interaction);
    } catch {
      return true;
    }
  },
  async execute(interaction, ctx) {
    const member = guildMember(interaction);
    const isPublic = wantsPublic(interaction);
    const position = await advanceMemberPitfallCursor(ctx.db, member.guildId, member.userId, ctx.clock());
    return reply({ embeds: [renderPitfallEmbed(pitfallAt(position), 'member')] }, { ephemeral: !isPublic });
  },
};
