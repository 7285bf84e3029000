import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { Context } from '../src/context.ts';
import { UserError } from '../src/errors.ts';
import { buttonRefusal } from '../src/mydata/confirmation.ts';
import {
  cancelCustomId,
  confirmDeleteCustomId,
  MYDATA_PREFIX,
  parseMydataCustomId,
} from '../src/mydata/custom-ids.ts';
import { mydataCommandData } from '../src/mydata/definition.ts';
import { EXPORT_FILE_NAME, exportJson, exportNeedsFile } from '../src/mydata/export-file.ts';
import { countMemberData, isEmpty } from '../src/mydata/member-data.ts';
import {
  NOTHING_TO_DELETE,
  renderCancelled,
  renderDeleted,
  renderDeletePrompt,
  renderExportSummary,
} from '../src/mydata/render.ts';
import { collectMemberData, deleteMemberData } from '../src/mydata/store.ts';
import { publishOpening } from '../src/openings/publisher.ts';
import { postLeaseUntil } from '../src/openings/retry.ts';
import { clearReviewMessage } from '../src/openings/review.ts';
import type { Command } from '../src/router/command.ts';
import { decodeCustomId } from '../src/router/custom-id.ts';
import { privateFileFollowUp, withFollowUp } from '../src/router/follow-up.ts';
import { type GuildMember, guildMember } from '../src/router/member.ts';
import { ephemeralText, reply, updateMessage } from '../src/router/responses.ts';

/**
 * Posts edited right away after a deletion; the rest stay queued for the retry task, so a member
 * with many openings still gets an answer before Discord's deadline.
 */
const POSTS_EDITED_AT_ONCE = 5;

export const mydataCommand: Command = {
  data: mydataCommandData,
  customIdPrefix: MYDATA_PREFIX,

  subcommands: {
    export: (interaction, ctx) => exportData(guildMember(interaction), ctx),
    delete: (interaction, ctx) => askToDelete(guildMember(interaction), ctx),
  },

  async component(interaction, ctx) {
    const member = guildMember(interaction);
    const button = parseMydataCustomId(decodeCustomId(interaction.data.custom_id).parts);
    const refusal = buttonRefusal(button, member, ctx.clock());
    if (refusal) {
      ctx.log.warn(
        { guildId: member.guildId, userId: member.userId, action: button.action },
        'mydata button refused',
      );
      throw new UserError(refusal);
    }
    if (button.action === 'cancel') return updateMessage(renderCancelled());
    return deleteData(member, ctx);
  },
};

async function exportData(member: GuildMember, ctx: Context): Promise<APIInteractionResponse> {
  const data = await collectMemberData(ctx.db, member.guildId, member.userId);
  const summary = reply({ embeds: [renderExportSummary(data)] });
  if (!exportNeedsFile(data)) return summary;
  // A response cannot carry a file on every transport; the router sends it right after the summary.
  return withFollowUp(
    summary,
    privateFileFollowUp(
      {
        name: EXPORT_FILE_NAME,
        contentType: 'application/json',
        data: Buffer.from(exportJson(data, ctx.clock()), 'utf8'),
      },
      'Everything stored about you in this server:',
    ),
  );
}

async function askToDelete(member: GuildMember, ctx: Context): Promise<APIInteractionResponse> {
  const data = await collectMemberData(ctx.db, member.guildId, member.userId);
  if (isEmpty(countMemberData(data))) return ephemeralText(NOTHING_TO_DELETE);
  return reply(
    renderDeletePrompt(data, {
      confirmDeleteCustomId: confirmDeleteCustomId(member.guildId, member.userId, ctx.clock()),
      cancelCustomId: cancelCustomId(member.guildId, member.userId),
    }),
  );
}

async function deleteData(member: GuildMember, ctx: Context): Promise<APIInteractionResponse> {
  const now = ctx.clock();
  const { counts, postsToEdit, postsEditedLater, reviewMessages } = await deleteMemberData(
    ctx.db,
    member.guildId,
    member.userId,
    { now, leaseUntil: postLeaseUntil(now) },
  );
  ctx.log.info({ guildId: member.guildId, userId: member.userId, ...counts }, 'member data deleted');
  const editedNow = postsToEdit.slice(0, POSTS_EDITED_AT_ONCE);
  // One at a time, like the retry task: they mostly go to the same channel.
  for (const opening of editedNow) await publishOpening(ctx, opening);
  for (const message of reviewMessages) await clearReviewMessage(ctx, message);
  return updateMessage(renderDeleted(counts, postsToEdit.length - editedNow.length + postsEditedLater));
}
