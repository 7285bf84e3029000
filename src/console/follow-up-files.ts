import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { RawFile } from '@discordjs/rest';
import { InteractionResponseType } from 'discord-api-types/v10';
import type { FollowUpMessage } from '../router/follow-up.ts';
import type { MarkupStyle } from './markup.ts';
import { renderResponse } from './render.ts';

/** A file name the bot chose, reduced to a plain name inside the folder. */
function safeName(name: string): string {
  return basename(name).replace(/^\.+/, '') || 'file';
}

function fileData(file: RawFile): Uint8Array | string {
  return typeof file.data === 'object' ? file.data : String(file.data);
}

/**
 * Shows follow-up messages in the console instead of sending them to Discord: their text, and
 * their files (a /mydata export, say) saved in a folder of this session's own under the system's
 * temp folder, made on first use. Returns what to print.
 */
export function createFollowUpSaver(style: MarkupStyle) {
  let folder: Promise<string> | undefined;
  return async (message: FollowUpMessage): Promise<string> => {
    const { content, embeds, flags } = message.body;
    const lines = [
      renderResponse(
        {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { content, embeds, flags },
        },
        style,
      ),
    ];
    if (message.files.length > 0) {
      folder ??= mkdtemp(join(tmpdir(), 'ir-bot-files-'));
      const directory = await folder;
      for (const file of message.files) {
        const path = join(directory, safeName(file.name));
        await writeFile(path, fileData(file));
        lines.push(`  Attached file saved as ${path}`);
      }
    }
    return lines.join('\n');
  };
}
