import { advanceMemberPitfallProgress } from '../src/db/queries/member-pitfall-progress.ts';
import { pitfallCommandData } from '../src/pitfalls/definition.ts';
import { renderPitfallEmbed } from '../src/pitfalls/render.ts';
import { pitfallAt } from '../src/pitfalls/rotation.ts';
import type { Command } from '../src/router/command.ts';
import { guildMember } from '../src/router/member.ts';
import { wantsPublicReply } from '../src/router/options.ts';
import { reply } from '../src/router/responses.ts';

export const pitfallCommand: Command = {
  data: pitfallCommandData,
  async execute(interaction, ctx) {
    const member = guildMember(interaction);
    const isPublic = wantsPublicReply(interaction);
    const position = await advanceMemberPitfallProgress(ctx.db, member.guildId, member.userId, ctx.clock());
    return reply({ embeds: [renderPitfallEmbed(pitfallAt(position), 'member')] }, { ephemeral: !isPublic });
  },
};
