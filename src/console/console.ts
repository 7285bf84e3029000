import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
  ChannelType,
  ComponentType,
  InteractionResponseType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import {
  type Actor,
  buildAutocomplete,
  buildButtonPress,
  buildChatInput,
  buildModalSubmit,
  type LocalChannel,
  localSnowflake,
} from '../interactions/build.ts';
import type { Command } from '../router/command.ts';
import { takeFollowUp } from '../router/follow-up.ts';
import { modalRowContents } from '../router/options.ts';
import type { RouteOptions } from '../router/router.ts';
import type { Transport, TransportDeps } from '../transports/transport.ts';
import { createFollowUpSaver } from './follow-up-files.ts';
import { parseCommandLine } from './parse.ts';
import { buttonsOf, type RenderedButton, renderResponse } from './render.ts';

/** The offline stand-ins for a server: a guild, an administrator, and a few channels. */
const LOCAL_ACTOR: Actor = {
  guildId: '100000000000000100',
  userId: '100000000000000200',
  username: 'you',
  permissions: PermissionFlagsBits.Administrator.toString(),
  channelId: '100000000000000301',
};

const LOCAL_CHANNELS: readonly LocalChannel[] = [
  { id: '100000000000000301', name: 'general', type: ChannelType.GuildText },
  { id: '100000000000000302', name: 'research-openings', type: ChannelType.GuildForum },
  { id: '100000000000000303', name: 'announcements', type: ChannelType.GuildAnnouncement },
  { id: '100000000000000304', name: 'portfolio-checks', type: ChannelType.GuildText },
  { id: '100000000000000305', name: 'voice-lounge', type: ChannelType.GuildVoice },
];

interface ConsoleOptions {
  input: Readable;
  output: Writable;
  commands: readonly Command[];
}

/**
 * A local console that drives the same router with realistic payloads: no Discord, no token.
 * Reads commands line by line; at the end of input it finishes (so it can be scripted).
 */
export function startConsole(deps: TransportDeps, options: ConsoleOptions): Transport {
  const { output, commands } = options;
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input: options.input, terminal: interactive });
  const iterator = lines[Symbol.asyncIterator]();
  const write = (text: string) => output.write(`${text}\n`);
  const prompt = (text: string) => interactive && output.write(text);
  const definitions = commands.map((command) => command.data);
  let buttons: RenderedButton[] = [];
  let stopped = false;
  const saveFollowUp = createFollowUpSaver();
  // There is no Discord to send a follow-up (a file, say) to: it is shown here after its response.
  const routeOptions: RouteOptions = { keepFollowUp: true };
  const route = (payload: unknown) => deps.router.route(payload, deps.ctx, routeOptions);

  const nextLine = async (): Promise<string | undefined> => {
    const next = await iterator.next();
    return next.done ? undefined : next.value;
  };

  const show = async (response: APIInteractionResponse): Promise<void> => {
    if (response.type === InteractionResponseType.Modal) {
      await fillModal(response.data);
      return;
    }
    write(renderResponse(response));
    const followUp = takeFollowUp(response);
    if (followUp) write(await saveFollowUp(followUp));
    if (
      response.type === InteractionResponseType.ChannelMessageWithSource ||
      response.type === InteractionResponseType.UpdateMessage
    ) {
      const shown = buttonsOf(response.data);
      if (shown.some((button) => button.customId)) buttons = shown;
    }
  };

  const fillModal = async (modal: APIModalInteractionResponseCallbackData) => {
    write(`== ${modal.title} ==  (a form: answer each field; an empty line leaves an optional one blank)`);
    const fields: Record<string, string> = {};
    for (const { row, content: input } of modalRowContents(modal.components)) {
      if (input.type !== ComponentType.TextInput) continue;
      const label =
        'label' in row && typeof row.label === 'string' ? row.label : (input.label ?? input.custom_id);
      const limits = input.max_length ? ` (up to ${input.max_length} characters)` : '';
      const optional = input.required === false ? ' [optional]' : '';
      prompt(`${label}${optional}${limits}: `);
      const value = await nextLine();
      if (value === undefined) return;
      fields[input.custom_id] = value.replace(/\\n/g, '\n');
    }
    await show(await route(buildModalSubmit(modal.custom_id, fields, LOCAL_ACTOR)));
  };

  const pressButton = async (number: number) => {
    const button = buttons[number - 1];
    if (!button?.customId) {
      write(`There is no button ${number} on the last message.`);
      return;
    }
    if (button.disabled) {
      write('That button is disabled.');
      return;
    }
    const message = { id: localSnowflake(), channel_id: LOCAL_ACTOR.channelId, components: [] };
    await show(await route(buildButtonPress(button.customId, LOCAL_ACTOR, message)));
  };

  /** An option with autocomplete takes the suggestion whose name matches what was typed. */
  const resolveAutocomplete = async (name: string, parsed: ReturnType<typeof parseCommandLine>) => {
    const command = commands.find((candidate) => candidate.data.name === name);
    if (!command?.autocomplete) return;
    for (const [key, typed] of Object.entries(parsed.input.options ?? {})) {
      if (typeof typed !== 'string') continue;
      const payload = buildAutocomplete(command.data, { ...parsed.input, focused: key }, LOCAL_ACTOR);
      const response = await route(payload);
      if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) continue;
      const match = (response.data.choices ?? []).find(
        (choice) => choice.name.toLowerCase() === typed.toLowerCase() || String(choice.value) === typed,
      );
      if (match && parsed.input.options) parsed.input.options[key] = match.value;
    }
  };

  const handleLine = async (line: string) => {
    const text = line.trim();
    if (!text) return;
    if (/^(exit|quit|\.exit)$/i.test(text)) {
      stopped = true;
      return;
    }
    if (/^\d+$/.test(text)) return pressButton(Number(text));
    if (!text.startsWith('/')) {
      write('Type a slash command such as /help, a button number, or exit.');
      return;
    }
    let parsed: ReturnType<typeof parseCommandLine>;
    try {
      parsed = parseCommandLine(text, definitions, LOCAL_CHANNELS);
    } catch (error) {
      write((error as Error).message);
      return;
    }
    await resolveAutocomplete(parsed.name, parsed);
    const definition = definitions.find((candidate) => candidate.name === parsed.name);
    if (!definition) return;
    await show(await route(buildChatInput(definition, parsed.input, LOCAL_ACTOR)));
  };

  const done = (async () => {
    write(
      'Offline: running locally on the embedded database, not connected to Discord. ' +
        'To connect, set DISCORD_TOKEN (see README: "Connecting to Discord"). Type /help, or exit.',
    );
    while (!stopped) {
      prompt('> ');
      const line = await nextLine();
      if (line === undefined) break;
      try {
        await handleLine(line);
      } catch (error) {
        deps.ctx.log.error({ err: error }, 'console line failed');
        write('That did not work; see the log above.');
      }
    }
    lines.close();
  })();

  return {
    done,
    async stop() {
      stopped = true;
      lines.close();
      await done;
    },
  };
}
