/**
 * What the role compositions need from the chat platforms, in neutral terms. `src/main.ts`
 * (the one file in `src/` that may know the adapters) implements it by loading each adapter
 * only when a role asks for it: Bolt and discord.js are large to load.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DiscordConfig, SlackConfig } from '../config.js';
import type { Dispatcher } from '../core/dispatcher.js';
import type { DeliveryPort } from '../core/ports.js';
import type { Logger } from '../log.js';
import type { InstallationVault } from '../persistence/installation-vault.js';

/** A route on one of the process's HTTP servers (Bolt's custom routes take the same shape). */
export interface HttpRoute {
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Work a request or an interaction goes on doing after its first answer, for shutdown to wait for. */
export type Track = (work: Promise<unknown>) => void;

export interface SlackAppOptions {
  readonly config: SlackConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  readonly host?: string;
  readonly calendarFeed?: (
    token: string,
  ) => Promise<{ readonly filename: string; readonly content: string } | undefined>;
  readonly installations?: InstallationVault;
  readonly routes: readonly HttpRoute[];
  readonly track?: Track;
}

export interface RunningSlackApp {
  readonly delivery: DeliveryPort;
  readonly mode: 'socket' | 'http';
  readonly port?: number;
  /** HTTP mode: the server Bolt listens on. */
  readonly server?: Server;
  stop(): Promise<void>;
}

export interface SlackDeliveryOptions {
  readonly config: SlackConfig;
  readonly logger: Logger;
  readonly installations?: InstallationVault;
}

export interface DiscordOptions {
  readonly config: DiscordConfig;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** True: log in to the gateway (role `all`); false: REST only (web, worker). */
  readonly gateway: boolean;
  readonly track?: Track;
}

export interface RunningDiscord {
  readonly delivery: DeliveryPort;
  /** With `DISCORD_PUBLIC_KEY`: `POST /discord/interactions`, for the process's HTTP server. */
  readonly interactionsRoute?: HttpRoute;
  stop(): Promise<void>;
}

export interface RunningShell {
  readonly delivery: DeliveryPort;
  /** Reads commands until the input ends. */
  run(): Promise<void>;
}

export interface Platforms {
  /** Slack's Bolt app: commands, buttons, forms, events, OAuth routes (role `all` and `web`). */
  slackApp(options: SlackAppOptions): Promise<RunningSlackApp>;
  /** Slack's delivery port alone, with no receiver (role `worker`). */
  slackDelivery(options: SlackDeliveryOptions): Promise<{ readonly delivery: DeliveryPort }>;
  discord(options: DiscordOptions): Promise<RunningDiscord>;
  /** The terminal chat (role `all` with no platform configured). */
  shell(options: { readonly dispatcher: Dispatcher; readonly timeZone: string }): Promise<RunningShell>;
}
