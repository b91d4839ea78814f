/**
 * Parses the free text after a slash command (Slack, the shell) against the command's
 * declaration. Discord needs none of this: its options arrive typed.
 */
import { UserError } from '../errors.js';
import { closestMatches } from '../text/similarity.js';
import type { AnyArgs, CommandSpec, OptionSpec, SubcommandSpec } from './spec.js';

export interface ParsedInvocation {
  readonly subcommand: SubcommandSpec;
  readonly args: AnyArgs;
}

/** Splits on white space, keeping "quoted words" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"' || char === '\u201c' || char === '\u201d') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/u.test(char)) {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) tokens.push(current);
  return tokens;
}

const SLACK_CHANNEL = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/u;
const SLACK_USER = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/u;
const KEYED = /^([a-z][a-z-]*)[=:](.*)$/isu;

export function usageOf(command: CommandSpec, sub: SubcommandSpec): string {
  const parts = sub.options.map((o) => {
    const shown = o.syntax === 'keyed' ? `${o.name}=…` : o.kind === 'channel' ? '#channel' : o.kind === 'user' ? '@user' : `<${o.name}>`;
    return o.required ? shown : `[${shown}]`;
  });
  return [`/${command.name} ${sub.name}`, ...parts].join(' ');
}

export function findSubcommand(command: CommandSpec, tokens: readonly string[]): { sub: SubcommandSpec; used: number } {
  const [first = '', second = ''] = tokens.map((t) => t.toLowerCase());
  if (first === '') {
    const sub = command.subcommands.find((s) => s.name === command.defaultSubcommand);
    if (!sub) throw new Error(`default subcommand ${command.defaultSubcommand} is not declared`);
    return { sub, used: 0 };
  }
  const two = command.subcommands.find((s) => s.name === `${first} ${second}`);
  if (two) return { sub: two, used: 2 };
  const one = command.subcommands.find((s) => s.name === first);
  if (one) return { sub: one, used: 1 };
  const groups = command.subcommands.filter((s) => s.name.startsWith(`${first} `));
  if (groups.length > 0) {
    const names = groups.map((s) => `\`${s.name}\``).join(', ');
    throw new UserError('unknown-subcommand', `\`/${command.name} ${first}\` needs one more word: ${names}.`);
  }
  const names = [...new Set(command.subcommands.map((s) => s.name.split(' ')[0] ?? s.name))];
  const near = closestMatches(first, names, 2);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
  throw new UserError(
    'unknown-subcommand',
    `\`${first}\` is not a \`/${command.name}\` command.${hint} Commands: ${names.join(', ')}. Try \`/${command.name} help\`.`,
  );
}

export function parseCommandText(command: CommandSpec, text: string): ParsedInvocation {
  const tokens = tokenize(text.trim());
  const { sub, used } = findSubcommand(command, tokens);
  const args: Record<string, string | number | undefined> = {};
  const bare: string[] = [];
  const keyed = sub.options.filter((o) => o.syntax === 'keyed');
  const hasRest = sub.options.some((o) => o.syntax === 'rest');

  for (const token of tokens.slice(used)) {
    const channel = sub.options.find((o) => o.kind === 'channel');
    const user = sub.options.find((o) => o.kind === 'user');
    const slackChannel = SLACK_CHANNEL.exec(token);
    if (channel && (slackChannel || (token.startsWith('#') && token.length > 1))) {
      args[channel.name] = slackChannel ? slackChannel[1] : token.slice(1);
      continue;
    }
    const slackUser = SLACK_USER.exec(token);
    if (user && (slackUser || (token.startsWith('@') && token.length > 1))) {
      args[user.name] = slackUser ? slackUser[1] : token.slice(1);
      continue;
    }
    const pair = KEYED.exec(token);
    if (pair && keyed.length > 0) {
      const key = (pair[1] ?? '').toLowerCase();
      const option = keyed.find((o) => o.name === key);
      if (option) {
        args[option.name] = convert(option, pair[2] ?? '', command, sub);
        continue;
      }
      if (!hasRest) {
        const near = closestMatches(key, keyed.map((o) => o.name), 1);
        const hint = near.length > 0 ? ` Did you mean \`${near[0]}=\`?` : '';
        throw new UserError(
          'unknown-option',
          `\`${key}\` is not an option of \`/${command.name} ${sub.name}\`.${hint} Usage: \`${usageOf(command, sub)}\``,
        );
      }
    }
    bare.push(token);
  }

  for (const option of sub.options) {
    if (option.syntax === 'positional' && bare.length > 0) {
      args[option.name] = convert(option, bare.shift() ?? '', command, sub);
    } else if (option.syntax === 'rest' && bare.length > 0) {
      args[option.name] = convert(option, bare.splice(0).join(' '), command, sub);
    }
  }
  if (bare.length > 0) {
    throw new UserError(
      'unexpected-argument',
      `\`/${command.name} ${sub.name}\` did not expect \`${bare.join(' ')}\`. Usage: \`${usageOf(command, sub)}\``,
    );
  }
  for (const option of sub.options) {
    if (option.required && (args[option.name] === undefined || args[option.name] === '')) {
      throw new UserError(
        'missing-argument',
        `\`/${command.name} ${sub.name}\` needs ${describeOption(option)}. Usage: \`${usageOf(command, sub)}\`, for example \`${sub.examples[0] ?? usageOf(command, sub)}\`.`,
      );
    }
  }
  return { subcommand: sub, args };
}

function describeOption(option: OptionSpec): string {
  return `${option.kind === 'channel' ? 'a #channel' : option.kind === 'user' ? 'a @user' : `\`${option.name}\``} (${option.description})`;
}

function convert(option: OptionSpec, raw: string, command: CommandSpec, sub: SubcommandSpec): string | number {
  // Keyed channel and user options (`host=<@U42>`, `in=#reading`) arrive in Slack's markup: keep only the id.
  if (option.kind === 'user') return SLACK_USER.exec(raw)?.[1] ?? raw.replace(/^@/u, '');
  if (option.kind === 'channel') return SLACK_CHANNEL.exec(raw)?.[1] ?? raw.replace(/^#/u, '');
  if (option.kind !== 'integer') return raw;
  const value = /^-?\d+$/u.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  const range =
    option.min !== undefined && option.max !== undefined ? ` from ${option.min} to ${option.max}` : '';
  if (
    !Number.isSafeInteger(value) ||
    (option.min !== undefined && value < option.min) ||
    (option.max !== undefined && value > option.max)
  ) {
    throw new UserError(
      'bad-integer',
      `\`${option.name}=${raw}\` is not accepted by \`/${command.name} ${sub.name}\`: use a whole number${range}.`,
    );
  }
  return value;
}
