import { setTimeout as sleep } from 'node:timers/promises';
import { type CacheWithLimitsOptions, Client, Events, GatewayIntentBits, Options } from 'discord.js';
import { GatewayDispatchEvents, Routes } from 'discord-api-types/v10';
import type { Transport, TransportDeps } from './transport.ts';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The bot reads nothing from discord.js's caches (handlers get raw payloads), so everything that
 * can be limited is kept at zero. Guilds and channels stay: discord.js needs them to work at all.
 */
const BOUNDED_CACHES: CacheWithLimitsOptions = {
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  AutoModerationRuleManager: 0,
  BaseGuildEmojiManager: 0,
  DMMessageManager: 0,
  EntitlementManager: 0,
  GuildBanManager: 0,
  GuildEmojiManager: 0,
  GuildInviteManager: 0,
  GuildMemberManager: 0,
  GuildMessageManager: 0,
  GuildScheduledEventManager: 0,
  GuildStickerManager: 0,
  MessageManager: 0,
  PresenceManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  StageInstanceManager: 0,
  ThreadMemberManager: 0,
  UserManager: 0,
  VoiceStateManager: 0,
};

/**
 * Connects to Discord's gateway with discord.js, takes raw INTERACTION_CREATE payloads to the
 * router and answers each through the interaction callback route.
 */
export async function startGatewayTransport(deps: TransportDeps): Promise<Transport> {
  const { config, ctx, router } = deps;
  if (!config.discordToken) throw new Error('the gateway transport needs DISCORD_TOKEN');

  const client = new Client({
    // Slash commands arrive on the gateway with no privileged intents; Guilds gives the guild count.
    intents: [GatewayIntentBits.Guilds],
    makeCache: Options.cacheWithLimits(BOUNDED_CACHES),
    // Archived threads still enter the channel cache; sweep them like discord.js recommends.
    sweepers: Options.DefaultSweeperSettings,
    rest: { api: config.apiBase },
    ...(config.shards ? { shards: config.shards } : {}),
    ...(config.shardCount ? { shardCount: config.shardCount } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const answer = async (raw: unknown) => {
    const ids = interactionIds(raw);
    if (!ids) {
      ctx.log.warn('gateway sent an interaction without an id and token; ignored');
      return;
    }
    try {
      const response = await router.route(raw, ctx);
      await ctx.rest.post(Routes.interactionCallback(ids.id, ids.token), { body: response, auth: false });
    } catch (error) {
      ctx.log.error({ interactionId: ids.id, err: error }, 'interaction response not delivered');
    }
  };

  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: unknown) => {
    if (!accepting) {
      ctx.log.warn(
        { interactionId: interactionIds(raw)?.id },
        'interaction arrived while stopping; not answered',
      );
      return;
    }
    const work = answer(raw).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.once(Events.ClientReady, (ready) => {
    ctx.log.info(
      { guilds: ready.guilds.cache.size, botUserId: ready.user.id },
      'connected to the Discord gateway',
    );
  });
  client.on(Events.ShardReconnecting, (shardId) => ctx.log.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId) => ctx.log.info({ shardId }, 'gateway session resumed'));
  // discord.js gives up reconnecting after a close it cannot recover from (a reset token, say):
  // the process then ends instead of running on without answering anyone.
  let lost: (reason: Error) => void = () => {};
  const done = new Promise<void>((_resolve, reject) => {
    lost = reject;
  });
  // Marked as handled here; main still sees the rejection through `done`.
  done.catch(() => {});
  client.on(Events.ShardDisconnect, ({ code }, shardId) => {
    ctx.log.error({ shardId, closeCode: code }, 'gateway closed the connection for good');
    if (accepting) lost(new Error(`Discord closed the gateway connection for good (close code ${code})`));
  });
  client.on(Events.ShardError, (error, shardId) =>
    ctx.log.warn({ err: error, shardId }, 'gateway connection error'),
  );
  // An 'error' event without a listener would throw and end the process.
  client.on(Events.Error, (error) => ctx.log.error({ err: error }, 'discord.js client error'));
  client.on(Events.Debug, (message) => ctx.log.debug({ source: 'discord.js' }, message));

  await client.login(config.discordToken);

  return {
    done,
    async stop() {
      accepting = false;
      const drained = (async () => {
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await router.idle();
        return true;
      })();
      const finished = await Promise.race([drained, sleep(SHUTDOWN_GRACE_MS, false, { ref: false })]);
      if (!finished)
        ctx.log.warn({ inFlight: inFlight.size }, 'stopped before every interaction was answered');
      await client.destroy();
    },
  };
}

function interactionIds(raw: unknown): { id: string; token: string } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { id, token } = raw as { id?: unknown; token?: unknown };
  return typeof id === 'string' && typeof token === 'string' ? { id, token } : undefined;
}
