import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  type APIInteractionResponse,
  type APIModalInteractionResponseCallbackData,
  type APITextInputComponent,
  ComponentType,
  InteractionResponseType,
} from 'discord-api-types/v10';
import {
  buildAutocomplete,
  buildButtonPress,
  buildChatInput,
  buildModalSubmit,
  type CommandInput,
  localSnowflake,
} from '../payloads/fake-interactions.ts';
import type { Command, CommandData } from '../router/command.ts';
import { takeFollowUp } from '../router/follow-up.ts';
import { modalRowContents } from '../router/options.ts';
import type { RouteOptions } from '../router/router.ts';
import type { Transport, TransportDeps } from '../transports/transport.ts';
import { createCompleter } from './complete.ts';
import { createFollowUpSaver } from './follow-up-files.ts';
import { CONSOLE_HELP, commandHelp } from './help.ts';
import {
  type createLocalDiscord,
  LOCAL_CHANNELS,
  LOCAL_ROLES,
  type LocalMessage,
  type LocalRole,
  localActor,
} from './local-discord.ts';
import type { MarkupStyle } from './markup.ts';
import { ConsoleInputError, findDefinition, parseCommandLine } from './parse.ts';
import { buttonsOf, type RenderedButton, renderMessage, renderResponse } from './render.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable & { isTTY?: boolean; hasColors?: () => boolean };
  commands: readonly Command[];
  localDiscord: ReturnType<typeof createLocalDiscord>;
  /** Where log lines go while the console runs: above the prompt, never over it. */
  logSink?: ReturnType<typeof createConsoleLogSink>;
}

/**
 * A pino destination for the console: lines go to stderr until the console attaches, then are
 * printed above the prompt as one short line each.
 */
export function createConsoleLogSink() {
  let print: (line: string) => void = (line) => process.stderr.write(`${line}\n`);
  const LEVELS: Record<number, string> = {
    10: 'trace',
    20: 'debug',
    30: 'info',
    40: 'warn',
    50: 'error',
    60: 'fatal',
  };
  return {
    write(json: string) {
      let entry: { level?: number; msg?: string; err?: { type?: string; message?: string } } = {};
      try {
        entry = JSON.parse(json);
      } catch {
        entry = { msg: json.trim() };
      }
      const level = LEVELS[entry.level ?? 30] ?? 'log';
      const reason = entry.err
        ? ` (${entry.err.type ?? 'error'}${entry.err.message ? `: ${entry.err.message}` : ''})`
        : '';
      print(`[${level}] ${entry.msg ?? ''}${reason}`);
    },
    attach(printer: (line: string) => void) {
      print = printer;
    },
  };
}

const CANCEL = /^\/cancel$/i;

/** The console's own words and what Tab offers after them. */
const CONSOLE_COMMANDS = {
  as: ['member', 'moderator'],
  channel: LOCAL_CHANNELS.map((channel) => `#${channel.name}`),
  cancel: [],
};

/**
 * A local console that drives the same router with realistic payloads: no Discord, no token.
 * In a terminal it is a readline program (echo, history, line editing, Tab completion); piped,
 * it reads line by line, prints a transcript, and ends at the end of input.
 */
export function startConsole(deps: TransportDeps, options: ConsoleOptions): Transport {
  const { output, commands, localDiscord } = options;
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY && output.isTTY);
  const definitions: readonly CommandData[] = commands.map((command) => command.data);
  const style: MarkupStyle = {
    ansi: interactive && (output.hasColors?.() ?? false) && !process.env.NO_COLOR,
    channelName: (id) => LOCAL_CHANNELS.find((channel) => channel.id === id)?.name,
    userName: (id) => Object.values(LOCAL_ROLES).find((role) => role.userId === id)?.username ?? undefined,
    now: () => deps.ctx.clock(),
  };
  let role: LocalRole = 'moderator';
  let buttons: RenderedButton[] = [];
  // The message those buttons are on, when it is a channel post (its id matters to the handler).
  let buttonsMessage: { id: string; channel_id: string } | undefined;
  let stopped = false;
  const saveFollowUp = createFollowUpSaver(style);
  // There is no Discord to send a follow-up (a file, say) to: it is shown here after its response.
  const routeOptions: RouteOptions = { keepFollowUp: true };
  const route = (payload: unknown) => deps.router.route(payload, deps.ctx, routeOptions);
  const actor = () => localActor(role);

  const write = (text: string) => output.write(`${text}\n`);
  let waiting: ((line: string | undefined) => void) | undefined;
  /** Prints while a prompt may be showing (a post from the scheduler, a log line): above it. */
  const say = (text: string) => {
    if (!interactive || !waiting) return write(text);
    clearLine(output, 0);
    cursorTo(output, 0);
    write(text);
    lines.prompt(true);
  };

  const autocomplete = async (definition: CommandData, input: CommandInput & { focused: string }) => {
    const response = await route(
      buildAutocomplete(definition, { ...input, channels: LOCAL_CHANNELS }, actor()),
    );
    return response.type === InteractionResponseType.ApplicationCommandAutocompleteResult
      ? (response.data.choices ?? [])
      : [];
  };
  const complete = createCompleter({
    definitions,
    channels: LOCAL_CHANNELS,
    consoleCommands: CONSOLE_COMMANDS,
    autocomplete,
    showSuggestions: (suggestions) => say(suggestions.join('\n')),
  });
  let completing = false;
  const lines = createInterface({
    input: options.input,
    output,
    terminal: interactive,
    historySize: 500,
    completer: (line: string, done: (error: Error | null, result: [string[], string]) => void) => {
      // Two Tabs in one keystroke burst: readline would start a second completion over the first
      // and stop reading keys, so the second one is a no-op while the first is looked up.
      if (completing) return done(null, [[], line]);
      completing = true;
      complete(line)
        .catch((): [string[], string] => [[], line])
        .then((result) => {
          completing = false;
          done(null, result);
        });
    },
  });
  const queued: string[] = [];
  let closed = false;
  lines.on('line', (line) => {
    const resolve = waiting;
    waiting = undefined;
    if (resolve) resolve(line);
    else queued.push(line);
  });
  lines.on('close', () => {
    closed = true;
    waiting?.(undefined);
  });
  // Ctrl-C clears a half-typed line, or quits on an empty one, as shells do.
  lines.on('SIGINT', () => {
    if (lines.line) {
      lines.write(null, { ctrl: true, name: 'u' });
    } else {
      lines.close();
    }
  });

  /** The next line typed, after showing `promptText`; piped input is echoed so a transcript reads well. */
  const nextLine = (promptText: string): Promise<string | undefined> => {
    const echo = (line: string | undefined) => {
      if (!interactive && line !== undefined) write(`${promptText}${line}`);
      return line;
    };
    if (queued.length > 0) return Promise.resolve(echo(queued.shift()));
    if (closed) return Promise.resolve(undefined);
    lines.setPrompt(promptText);
    if (interactive) lines.prompt();
    return new Promise((resolve) => {
      waiting = (line) => resolve(echo(line));
    });
  };

  const show = async (response: APIInteractionResponse): Promise<void> => {
    if (response.type === InteractionResponseType.Modal) {
      await fillModal(response.data);
      return;
    }
    write(renderResponse(response, style));
    const followUp = takeFollowUp(response);
    if (followUp) write(await saveFollowUp(followUp));
    // Buttons belong to the last message shown, as only the newest one is in front of you.
    if (
      response.type === InteractionResponseType.ChannelMessageWithSource ||
      response.type === InteractionResponseType.UpdateMessage
    ) {
      buttons = buttonsOf(response.data);
      buttonsMessage = undefined;
    }
  };

  /** A current value longer than this is shown on a line of its own above the prompt. */
  const CURRENT_IN_PROMPT = 40;

  /** One field of a form: its current value is kept on Enter; limits are checked before sending. */
  const askField = async (
    label: string,
    input: APITextInputComponent,
  ): Promise<string | null | undefined> => {
    const min = input.min_length ?? 0;
    const range = min > 1 ? `${min}–${input.max_length}` : `up to ${input.max_length}`;
    const limits = input.max_length ? `${range} characters` : '';
    const optional = input.required === false;
    const current = input.value ?? '';
    // Discord shows "(optional)" in some labels; here it joins the other hints in one bracket.
    const name = label.replace(/\s*\(optional\)/i, '');
    const shownCurrent = current.replace(/\n/g, '\\n');
    const keeps =
      shownCurrent.length > CURRENT_IN_PROMPT ? 'Enter keeps it' : `Enter keeps "${shownCurrent}"`;
    const hints = [limits, optional ? 'optional' : '', current ? keeps : ''].filter(Boolean);
    if (shownCurrent.length > CURRENT_IN_PROMPT) write(`  now: ${shownCurrent}`);
    const prompt = `${name}${hints.length > 0 ? ` (${hints.join(', ')})` : ''}: `;
    for (;;) {
      const typed = await nextLine(prompt);
      if (typed === undefined) return undefined;
      if (CANCEL.test(typed.trim())) return null;
      const value = typed === '' ? current : typed.replace(/\\n/g, '\n');
      if (value === '' && optional) return '';
      if (value.length === 0) write('  This field is needed; type a value, or /cancel to leave the form.');
      else if (value.length < min) write(`  At least ${min} characters, please (that was ${value.length}).`);
      else if (input.max_length && value.length > input.max_length)
        write(`  At most ${input.max_length} characters, please (that was ${value.length}).`);
      else return value;
    }
  };

  const fillModal = async (modal: APIModalInteractionResponseCallbackData) => {
    write(`== ${modal.title} ==  (a form: one line per field; \\n starts a new line; /cancel leaves it)`);
    const fields: Record<string, string> = {};
    for (const { row, content: input } of modalRowContents(modal.components)) {
      if (input.type !== ComponentType.TextInput) continue;
      const label =
        'label' in row && typeof row.label === 'string' ? row.label : (input.label ?? input.custom_id);
      const value = await askField(label, input);
      if (value === undefined) return;
      if (value === null) {
        write('Form closed; nothing was sent.');
        return;
      }
      fields[input.custom_id] = value;
    }
    await show(await route(buildModalSubmit(modal.custom_id, fields, actor())));
  };

  const pressButton = async (number: number) => {
    const button = buttons[number - 1];
    if (!button?.customId) {
      write(
        buttons.length > 0
          ? `There is no button ${number}: the last message has buttons 1 to ${buttons.length}.`
          : `There is no button ${number}: buttons belong to the last message, and it has none.`,
      );
      return;
    }
    if (button.disabled) {
      write('That button is disabled.');
      return;
    }
    // A press uses the message up: a confirmation cannot be pressed twice.
    buttons = [];
    const message = {
      ...(buttonsMessage ?? { id: localSnowflake(), channel_id: actor().channelId }),
      components: [],
    };
    await show(await route(buildButtonPress(button.customId, actor(), message)));
  };

  /** An option with autocomplete takes the suggestion whose name or value matches what was typed. */
  const resolveAutocomplete = async (definition: CommandData, input: CommandInput) => {
    for (const [key, typed] of Object.entries(input.options ?? {})) {
      if (typeof typed !== 'string') continue;
      const choices = await autocomplete(definition, { ...input, focused: key });
      const match = choices.find(
        (choice) => choice.name.toLowerCase() === typed.toLowerCase() || String(choice.value) === typed,
      );
      if (match && input.options) input.options[key] = match.value;
    }
  };

  const showChannel = (typed: string | undefined) => {
    if (!typed) {
      const list = LOCAL_CHANNELS.map(
        (channel) => `  #${channel.name} (${localDiscord.messagesIn(channel.id).length} posts)`,
      );
      write(['Local channels:', ...list, 'Read one with /channel #name.'].join('\n'));
      return;
    }
    const name = typed.replace(/^#/, '').toLowerCase();
    const channel = LOCAL_CHANNELS.find((candidate) => candidate.name === name);
    if (!channel) {
      write(`There is no local channel ${typed}. Channels: ${CONSOLE_COMMANDS.channel.join(', ')}.`);
      return;
    }
    const posts = localDiscord.messagesIn(channel.id);
    if (posts.length === 0) {
      write(`Nothing has been posted in #${channel.name} yet.`);
      return;
    }
    for (const post of posts) write(renderPost(post));
    // The newest post's buttons can be pressed, as in Discord (I'm interested, say).
    const newest = posts[posts.length - 1];
    buttons = newest ? buttonsOf({ components: newest.components } as never) : [];
    buttonsMessage = newest ? { id: newest.id, channel_id: channel.id } : undefined;
    if (buttons.length > 0) write(renderMessage({}, buttons, style));
  };

  const renderPost = (post: LocalMessage) => {
    const seconds = Math.floor(post.at.getTime() / 1000);
    const heading = [
      post.threadName ? `Post "${post.threadName}"` : 'Message',
      `<t:${seconds}:R>`,
      post.edited ? '(edited)' : '',
      post.archived ? '(closed)' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `${renderMessage({ content: `-# ${heading}` }, [], style)}\n${renderMessage(post, [], style)}\n`;
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
    const [head = '', ...rest] = text.split(/\s+/);
    const word = head.slice(1).toLowerCase();
    if (word === 'as') {
      const wanted = rest[0]?.toLowerCase();
      if (wanted !== 'member' && wanted !== 'moderator') {
        write(`You are the ${role}. Switch with /as member or /as moderator.`);
        return;
      }
      role = wanted;
      write(
        `You are now a ${role}${role === 'member' ? ' (no Manage Server permission)' : ' (an administrator)'}.`,
      );
      return;
    }
    if (word === 'channel') return showChannel(rest[0]);
    if (word === 'cancel') {
      write('There is no form open.');
      return;
    }
    if (word === 'help' && rest.length > 0) {
      write(commandHelp(findDefinition(definitions, rest[0] ?? ''), LOCAL_CHANNELS));
      return;
    }
    const { definition, input } = parseCommandLine(text, definitions, LOCAL_CHANNELS);
    await resolveAutocomplete(definition, input);
    await show(await route(buildChatInput(definition, input, actor())));
    if (definition.name === 'help') write(`\n${CONSOLE_HELP}`);
  };

  const done = (async () => {
    write(
      'Offline: running locally on the embedded database, not connected to Discord. ' +
        'To connect, set DISCORD_TOKEN (see README: "Connecting to Discord"). ' +
        `You are a moderator; /as member to switch. Type /help, Tab to complete, or exit.`,
    );
    while (!stopped) {
      const line = await nextLine('> ');
      if (line === undefined) break;
      try {
        await handleLine(line);
      } catch (error) {
        if (error instanceof ConsoleInputError) {
          write(error.message);
          continue;
        }
        deps.ctx.log.error({ err: error }, 'console line failed');
        write('That did not work (an error in the bot; the log has the details).');
      }
    }
    lines.close();
  })();

  localDiscord.onPost((message) => {
    const channel = LOCAL_CHANNELS.find((candidate) => candidate.id === message.channelId)?.name ?? 'general';
    say(`(the bot posted in #${channel}; read it with /channel #${channel})`);
  });
  options.logSink?.attach((line) => say(line));

  return {
    done,
    async stop() {
      stopped = true;
      lines.close();
      await done;
    },
  };
}
