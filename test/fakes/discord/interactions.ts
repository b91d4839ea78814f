/**
 * INTERACTION_CREATE payloads as Discord sends them: slash commands, autocomplete,
 * button presses and modal submits, in the guild of the fake world. Each gets a fresh
 * id and token, which tests use to find the bot's answers in the records.
 */
import type { Json } from './records.js';
import { basePermissions, CHANNELS, IDS, memberJson, snowflake } from './world.js';

/** A slash-command option value; typed as Discord types it (3 string, 4 integer, 6 user, 7 channel). */
export type OptionValue = string | number | { readonly user: string } | { readonly channel: string };

export interface Invoker {
  /** User id (default: the plain member). */
  readonly user?: string;
  /** Channel id (default: #general). A thread id works if the bot made that thread. */
  readonly channel?: string;
}

function base(type: number, invoker: Invoker): Json {
  const userId = invoker.user ?? IDS.member;
  const channelId = invoker.channel ?? IDS.general;
  const known = CHANNELS.find((c) => c.id === channelId);
  return {
    id: snowflake(),
    application_id: IDS.application,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    guild_id: IDS.guild,
    channel_id: channelId,
    channel: known ?? { id: channelId, type: 0, guild_id: IDS.guild, name: 'unknown' },
    member: { ...memberJson(userId), permissions: basePermissions(userId).toString() },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2251799813685247',
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

function optionJson(name: string, value: OptionValue, focused: boolean): Json {
  const focus = focused ? { focused: true } : {};
  if (typeof value === 'number') return { type: 4, name, value, ...focus };
  if (typeof value === 'string') return { type: 3, name, value, ...focus };
  if ('user' in value) return { type: 6, name, value: value.user };
  return { type: 7, name, value: value.channel };
}

/** Options for `/command sub …` (or `/command group sub …` when `subcommand` has two words). */
function commandData(
  command: string,
  subcommand: string,
  options: Readonly<Record<string, OptionValue>>,
  focus?: string,
): Json {
  const leafOptions = Object.entries(options).map(([name, value]) => optionJson(name, value, name === focus));
  const [first = '', second] = subcommand.split(' ');
  const leaf = { type: 1, name: second ?? first, options: leafOptions };
  return {
    id: snowflake(),
    name: command,
    type: 1,
    guild_id: IDS.guild,
    options: second === undefined ? [leaf] : [{ type: 2, name: first, options: [leaf] }],
  };
}

export function chatInput(
  command: string,
  subcommand: string,
  options: Readonly<Record<string, OptionValue>> = {},
  invoker: Invoker = {},
): Json {
  return { ...base(2, invoker), data: commandData(command, subcommand, options) };
}

/** The user is typing in option `focus`; its current text is `options[focus]`. */
export function autocomplete(
  command: string,
  subcommand: string,
  options: Readonly<Record<string, OptionValue>>,
  focus: string,
  invoker: Invoker = {},
): Json {
  return { ...base(4, invoker), data: commandData(command, subcommand, options, focus) };
}

/** A press on a button with `customId`, carried by `message` (a message JSON the fake returned). */
export function buttonPress(customId: string, message: Json, invoker: Invoker = {}): Json {
  return { ...base(3, invoker), message, data: { custom_id: customId, component_type: 2 } };
}

/** A submitted modal with text fields by custom id (label components, as Discord sends them now). */
export function modalSubmit(customId: string, fields: Readonly<Record<string, string>>, invoker: Invoker = {}): Json {
  const components = Object.entries(fields).map(([id, value], i) => ({
    type: 18,
    id: i + 1,
    component: { type: 4, id: i + 10, custom_id: id, value },
  }));
  return { ...base(5, invoker), data: { custom_id: customId, components } };
}
