import { randomBytes } from 'node:crypto';
import {
  type APIInteraction,
  type APIInteractionResponse,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { UserError } from '../errors.ts';
import { AUTOCOMPLETE_GATE_LIMITS, createAutocompleteGate } from './autocomplete-gate.ts';
import type { ChatInputInteraction, Command, MessageCommand, MessageCommandInteraction } from './command.ts';
import { decodeCustomId } from './custom-id.ts';
import {
  chatInputHandler,
  isInstalledWhereUsed,
  mayUseCommand,
  NOT_INSTALLED_MESSAGE,
  requireCommandPermissions,
  requireGuildUnlessAllowed,
} from './dispatch.ts';
import { sendFollowUp, takeFollowUp } from './follow-up.ts';
import { wantsPublicReply } from './options.ts';
import { choices, ephemeralText, NO_MENTIONS } from './responses.ts';

/** Discord drops an interaction not answered within 3 s; defer comfortably before that. */
export const DEFER_AFTER_MS = 2500;

export const UNAVAILABLE_MESSAGE =
  'The bot is temporarily unavailable (its database is not answering). Please try again in a minute.';

export interface RouterOptions {
  /** Infinity turns deferral off (the console has no deadline). */
  deferAfterMs?: number;
  /**
   * Autocompletes running at once (AUTOCOMPLETE_GATE_LIMITS unless given): one on PGlite, whose
   * queries hold the thread; more on PostgreSQL, whose queries leave it free.
   */
  autocompleteConcurrency?: number;
  /** Message commands (type 3), found by name like slash commands. */
  messageCommands?: readonly MessageCommand[];
}

export interface RouteOptions {
  /**
   * The caller delivers the follow-up of the response it gets (see `takeFollowUp`) itself: the
   * console, which shows messages locally. One of a deferred response is still sent to Discord.
   */
  keepFollowUp?: boolean;
}

export interface Router {
  route(interaction: unknown, ctx: Context, options?: RouteOptions): Promise<APIInteractionResponse>;
  /** Resolves once every deferred reply has been delivered (used by shutdown and tests). */
  idle(): Promise<void>;
}

export function createRouter(commands: readonly Command[], options: RouterOptions = {}): Router {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const byPrefix = new Map(commands.map((command) => [command.customIdPrefix ?? command.data.name, command]));
  const messageCommands = new Map(
    (options.messageCommands ?? []).map((command) => [command.data.name, command]),
  );
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const autocompletes = createAutocompleteGate({
    ...AUTOCOMPLETE_GATE_LIMITS,
    concurrency: options.autocompleteConcurrency ?? AUTOCOMPLETE_GATE_LIMITS.concurrency,
  });
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  /** Starts a response's follow-up (a file, say) while the transport delivers the response itself. */
  const withItsFollowUp = (
    response: APIInteractionResponse,
    interaction: APIInteraction,
    ctx: Context,
    options: RouteOptions,
  ) => {
    if (options.keepFollowUp) return response;
    const message = takeFollowUp(response);
    if (message) track(sendFollowUp(ctx, interaction, message));
    return response;
  };

  const route = async (
    raw: unknown,
    ctx: Context,
    options: RouteOptions,
  ): Promise<APIInteractionResponse> => {
    if (!isInteractionEnvelope(raw)) return ephemeralText('That interaction was not understood.');
    const interaction = raw as APIInteraction;
    if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };

    const owner = findOwner(interaction);
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      const { userId, guildId, command } = describe(interaction);
      return autocompletes.run(
        `${guildId}/${userId}/${command}`,
        (overtaken) => answerAutocomplete(interaction, owner, ctx, overtaken),
        choices([]),
      );
    }
    if (!isInstalledWhereUsed(interaction)) return ephemeralText(NOT_INSTALLED_MESSAGE);
    const work = runHandler(interaction, owner, ctx, messageCommands).catch((error) =>
      errorResponse(error, interaction, ctx),
    );
    if (!Number.isFinite(deferAfterMs)) return withItsFollowUp(await work, interaction, ctx, options);

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deferred'>((resolve) => {
      timer = setTimeout(() => resolve('deferred'), deferAfterMs);
    });
    const first = await Promise.race([work, deadline]);
    clearTimeout(timer);
    if (first !== 'deferred') return withItsFollowUp(first, interaction, ctx, options);

    const deferral = deferredResponse(interaction, owner);
    const delivery = work
      .then(async (response) => {
        await deliverLate(response, interaction, ctx, isEphemeral(deferral));
        const message = takeFollowUp(response);
        if (message) await sendFollowUp(ctx, interaction, message);
      })
      .catch((error) =>
        ctx.log.error({ err: error, interactionId: interaction.id }, 'late reply not delivered'),
      );
    track(delivery);
    return deferral;
  };

  const findOwner = (interaction: APIInteraction): Command | undefined => {
    switch (interaction.type) {
      case InteractionType.ApplicationCommand:
      case InteractionType.ApplicationCommandAutocomplete:
        return byName.get(String(interaction.data?.name));
      case InteractionType.MessageComponent:
      case InteractionType.ModalSubmit: {
        const customId = (interaction.data as { custom_id?: unknown } | undefined)?.custom_id;
        if (typeof customId !== 'string') return undefined;
        return byPrefix.get(decodeCustomId(customId).prefix);
      }
      default:
        return undefined;
    }
  };

  return {
    route: async (raw, ctx, options = {}) => {
      try {
        return await route(raw, ctx, options);
      } catch (error) {
        // Only reachable by a malformed envelope that got past the shape check.
        return errorResponse(error, raw as APIInteraction, ctx);
      }
    },
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

async function runHandler(
  interaction: APIInteraction,
  command: Command | undefined,
  ctx: Context,
  messageCommands: ReadonlyMap<string, MessageCommand>,
): Promise<APIInteractionResponse> {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand: {
      if (interaction.data.type === ApplicationCommandType.Message) {
        const messageCommand = messageCommands.get(interaction.data.name);
        if (!messageCommand)
          throw new UserError('That command is not one this bot knows. It may have been removed.');
        if (!interaction.guild_id)
          throw new UserError('This only works inside a server, not in direct messages.');
        return messageCommand.execute(interaction as MessageCommandInteraction, ctx);
      }
      if (!command) throw new UserError('That command is not one this bot knows. It may have been removed.');
      if (interaction.data.type !== ApplicationCommandType.ChatInput) {
        throw new UserError('Only slash commands are supported.');
      }
      requireGuildUnlessAllowed(interaction, command);
      requireCommandPermissions(interaction, command);
      const chatInput = interaction as ChatInputInteraction;
      return chatInputHandler(command, chatInput)(chatInput, ctx);
    }
    case InteractionType.MessageComponent:
      if (!command?.component)
        throw new UserError('That button is not one this bot knows. It may be outdated.');
      requireCommandPermissions(interaction, command);
      return command.component(interaction, ctx);
    case InteractionType.ModalSubmit:
      if (!command?.modal) throw new UserError('That form is not one this bot knows. It may be outdated.');
      requireCommandPermissions(interaction, command);
      return command.modal(interaction, ctx);
    default:
      throw new UserError('That kind of interaction is not supported.');
  }
}

async function answerAutocomplete(
  interaction: APIInteraction,
  command: Command | undefined,
  ctx: Context,
  overtaken: () => boolean,
) {
  if (
    !isInstalledWhereUsed(interaction) ||
    !command?.autocomplete ||
    interaction.type !== InteractionType.ApplicationCommandAutocomplete ||
    !mayUseCommand(interaction, command)
  ) {
    return choices([]);
  }
  try {
    return await command.autocomplete(interaction, ctx, overtaken);
  } catch (error) {
    // A failing suggestion list must never show an error: the member can still send the command.
    ctx.log.warn({ err: error, ...describe(interaction) }, 'autocomplete failed');
    return choices([]);
  }
}

/** A bad `public` value is the handler's to report: the deferred reply stays private meanwhile. */
function answersInPublic(interaction: APIInteraction): boolean {
  try {
    return wantsPublicReply(interaction as ChatInputInteraction);
  } catch {
    return false;
  }
}

function deferredResponse(interaction: APIInteraction, command: Command | undefined): APIInteractionResponse {
  if (interaction.type === InteractionType.MessageComponent) {
    return { type: InteractionResponseType.DeferredMessageUpdate };
  }
  const ephemeral =
    interaction.type !== InteractionType.ApplicationCommand || !command || !answersInPublic(interaction);
  return {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
  };
}

function isEphemeral(response: APIInteractionResponse): boolean {
  const flags = 'data' in response ? (response.data as { flags?: number } | undefined)?.flags : undefined;
  return ((flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** Shown privately in place of the "thinking…" of a deferral whose answer turned out public. */
export const ANSWERED_BELOW = 'Answered in the channel below.';

/** Delivers a response that missed the deadline by editing the deferred original message. */
async function deliverLate(
  response: APIInteractionResponse,
  interaction: APIInteraction,
  ctx: Context,
  deferredPrivately: boolean,
) {
  if (
    interaction.type === InteractionType.MessageComponent &&
    response.type === InteractionResponseType.ChannelMessageWithSource
  ) {
    // A button deferred as an update of its own message, but answered with a new message: editing
    // the original would overwrite the (often public) message the button is on.
    await sendFollowUp(ctx, interaction, { body: response.data ?? {}, files: [] });
    return;
  }
  if (
    deferredPrivately &&
    response.type === InteractionResponseType.ChannelMessageWithSource &&
    !isEphemeral(response)
  ) {
    // An edit keeps the deferral's privacy (so does a first follow-up, which Discord treats as that
    // edit), so a public answer to a private deferral is posted as a second message.
    await ctx.rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), {
      body: { content: ANSWERED_BELOW, allowed_mentions: NO_MENTIONS },
      auth: false,
    });
    await sendFollowUp(ctx, interaction, { body: response.data ?? {}, files: [] });
    return;
  }
  let body: object;
  if (
    response.type === InteractionResponseType.ChannelMessageWithSource ||
    response.type === InteractionResponseType.UpdateMessage
  ) {
    const { flags: _flags, ...data } = response.data ?? {};
    body = { allowed_mentions: NO_MENTIONS, ...data };
  } else {
    ctx.log.error(
      { ...describe(interaction), responseType: response.type },
      'a slow handler returned a response that cannot follow a deferral',
    );
    body = { content: 'Sorry, that took too long. Please try again.', allowed_mentions: NO_MENTIONS };
  }
  await ctx.rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), {
    body,
    auth: false,
  });
}

function errorResponse(error: unknown, interaction: APIInteraction, ctx: Context): APIInteractionResponse {
  if (error instanceof UserError) return ephemeralText(error.message);
  if (isDatabaseUnavailable(error)) {
    ctx.log.warn({ err: error, ...describe(interaction) }, 'database unavailable');
    return ephemeralText(UNAVAILABLE_MESSAGE);
  }
  const reference = randomBytes(4).toString('hex');
  ctx.log.error({ err: error, reference, ...describe(interaction) }, 'interaction failed');
  return ephemeralText(
    `Something went wrong on our side. If it keeps happening, tell a moderator the reference \`${reference}\`.`,
  );
}

/** Ids only: logs never carry what members typed. */
function describe(interaction: APIInteraction) {
  const data = interaction?.data as { name?: unknown; custom_id?: unknown } | undefined;
  return {
    interactionId: interaction?.id,
    interactionType: interaction?.type,
    command: typeof data?.name === 'string' ? data.name : undefined,
    customIdPrefix: typeof data?.custom_id === 'string' ? data.custom_id.split(':')[0] : undefined,
    guildId: interaction?.guild_id,
    userId: interaction?.member?.user?.id ?? interaction?.user?.id,
  };
}

function isInteractionEnvelope(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const candidate = raw as Record<string, unknown>;
  return (
    typeof candidate.type === 'number' &&
    typeof candidate.id === 'string' &&
    typeof candidate.token === 'string' &&
    typeof candidate.application_id === 'string' &&
    (candidate.type === InteractionType.Ping ||
      (typeof candidate.data === 'object' && candidate.data !== null))
  );
}
