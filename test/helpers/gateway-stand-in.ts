import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayReceivePayload,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer } from 'ws';
import { DiscordStandIn } from './discord-stand-in.ts';

export interface GatewayStandInOptions {
  /** The bot token IDENTIFY must carry; anything else is closed with 4004 like Discord does. */
  token?: string;
  /** Guilds the bot is in: listed as unavailable in READY, then sent as GUILD_CREATE. */
  guildIds?: readonly string[];
  heartbeatIntervalMs?: number;
  applicationId?: string;
}

interface Session {
  socket: WebSocket;
  /** Query of the URL the client connected to (`v`, `encoding`, `compress`). */
  query: URLSearchParams;
  identified: boolean;
  sequence: number;
  closed: Promise<number>;
}

const AUTHENTICATION_FAILED = 4004;
const UNKNOWN_OPCODE = 4001;
const NOT_AUTHENTICATED = 4003;

/**
 * Discord's REST stand-in plus a WebSocket gateway on loopback that speaks just enough of the
 * protocol (HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeat ACKs, dispatches) for the real
 * discord.js Client to log in. `GET /gateway/bot` points the client at it, as Discord does.
 */
export class GatewayStandIn extends DiscordStandIn {
  readonly token: string;
  readonly guildIds: readonly string[];
  readonly applicationId: string;
  readonly botUserId = '100000000000000099';
  readonly identifies: GatewayIdentifyData[] = [];
  heartbeats = 0;
  gatewayUrl = '';
  private readonly heartbeatIntervalMs: number;
  private readonly sessions: Session[] = [];
  private wsHttp: Server | undefined;
  private wss: WebSocketServer | undefined;

  constructor(options: GatewayStandInOptions = {}) {
    super();
    // Shaped like a real token (id.timestamp.hmac): discord.js masks only the last part in its logs.
    this.token = options.token ?? 'MTAwMDAwMDAwMDAwMDAwMDk5.Z0aaaa.stand-in-gateway-secret';
    this.guildIds = options.guildIds ?? [];
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.applicationId = options.applicationId ?? '100000000000000001';
  }

  override async start(): Promise<this> {
    await super.start();
    this.wsHttp = createServer();
    this.wss = new WebSocketServer({ server: this.wsHttp });
    this.wss.on('connection', (socket, request) => this.accept(socket, request.url ?? '/'));
    await new Promise<void>((resolve) => this.wsHttp?.listen(0, '127.0.0.1', resolve));
    const { port } = this.wsHttp.address() as AddressInfo;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.on('GET', /^\/gateway\/bot$/, () => ({
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }));
    return this;
  }

  override async stop(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.wsHttp?.closeAllConnections();
      this.wsHttp?.close(() => resolve());
    });
    await super.stop();
  }

  /** How many gateway connections are open right now. */
  get openConnections(): number {
    return this.sessions.filter((session) => session.socket.readyState === WebSocket.OPEN).length;
  }

  /** The URL query of the latest connection, to check the encoding the client asked for. */
  get lastConnectionQuery(): URLSearchParams | undefined {
    return this.sessions.at(-1)?.query;
  }

  /** Resolves with the close code of the latest connection once it is closed. */
  latestConnectionClosed(): Promise<number> {
    const session = this.sessions.at(-1);
    if (!session) throw new Error('no gateway connection yet');
    return session.closed;
  }

  /** Closes the latest connection with a close code, as Discord does when it ends a session. */
  closeLatestConnection(code: number): void {
    this.sessions.at(-1)?.socket.close(code);
  }

  /** Sends an INTERACTION_CREATE dispatch on the identified connection, as Discord does. */
  dispatchInteraction(payload: unknown): void {
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
  }

  dispatch(event: GatewayDispatchEvents, data: unknown): void {
    const session = this.sessions.find(
      (candidate) => candidate.identified && candidate.socket.readyState === WebSocket.OPEN,
    );
    if (!session) throw new Error('no identified gateway connection');
    this.sendDispatch(session, event, data);
  }

  private accept(socket: WebSocket, url: string) {
    const session: Session = {
      socket,
      query: new URL(url, 'ws://localhost').searchParams,
      identified: false,
      sequence: 0,
      closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))),
    };
    this.sessions.push(session);
    socket.on('message', (data) => this.receive(session, JSON.parse(String(data))));
    this.send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private receive(session: Session, payload: { op: number; d: unknown }) {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        this.send(session, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.identify(session, payload.d as GatewayIdentifyData);
        return;
      default:
        session.socket.close(session.identified ? UNKNOWN_OPCODE : NOT_AUTHENTICATED);
    }
  }

  private identify(session: Session, identify: GatewayIdentifyData) {
    this.identifies.push(identify);
    if (identify.token !== this.token) {
      session.socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
      return;
    }
    session.identified = true;
    this.sendDispatch(session, GatewayDispatchEvents.Ready, {
      v: 10,
      user: {
        id: this.botUserId,
        username: 'stand-in-bot',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
        verified: true,
        flags: 0,
        mfa_enabled: false,
      },
      guilds: this.guildIds.map((id) => ({ id, unavailable: true })),
      session_id: `session-${this.sessions.length}`,
      resume_gateway_url: this.gatewayUrl,
      shard: identify.shard ?? [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const id of this.guildIds) this.sendDispatch(session, GatewayDispatchEvents.GuildCreate, guild(id));
  }

  private sendDispatch(session: Session, event: GatewayDispatchEvents, data: unknown) {
    session.sequence += 1;
    this.send(session, { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data });
  }

  private send(session: Session, payload: Pick<GatewayReceivePayload, 'op'> & Record<string, unknown>) {
    session.socket.send(JSON.stringify(payload));
  }
}

/** A small but complete GUILD_CREATE body: the fields discord.js reads when it builds a Guild. */
function guild(id: string) {
  return {
    id,
    name: `Guild ${id.slice(-4)}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '300000000000000000',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: '1024',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
