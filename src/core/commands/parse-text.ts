/**
 * Parses the free text after a slash command (Slack, the shell) against the command's
 * declaration. Discord needs none of this: its options arrive typed.
 *
 * The core knows no platform's markup for people and channels: each adapter turns its
 * own (`<@U…>` on Slack, `@name` in the shell) into a `Reference` token before calling
 * the core. A reference fills the subcommand's user or channel option and nothing else;
 * bare words never fill those options, so a word after a mention cannot replace it.
 */
import { UserError } from '../errors.js';
import { closestMatches } from '../text/similarity.js';
import type { AnyArgs, CommandSpec, OptionSpec, SubcommandSpec } from './spec.js';

export interface ParsedInvocation {
  readonly subcommand: SubcommandSpec;
  readonly args: AnyArgs;
}

/**
 * A person or channel the adapter recognised in the typed text, as a platform id. `text`
 * is what was typed: it stands as a plain word where the subcommand takes no such reference.
 */
export type Reference =
  { readonly user: string; readonly text: string } | { readonly channel: string; readonly text: string };

/** What an adapter hands the parser: plain words and references, in the order typed. */
export type CommandToken = string | Reference;

/** A word of typed text; `quoted` when any of it was inside quotes (adapters leave those words alone). */
export interface TypedWord {
  readonly text: string;
  readonly quoted: boolean;
}

/** Splits on white space, keeping "quoted words" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  return typedWords(text).map((w) => w.text);
}

const QUOTE = /["\u201c\u201d]/u;
const WHITE_SPACE = /\s+/u;

/** `tokenize`, also saying which words were quoted. */
export function typedWords(text: string): TypedWord[] {
  // Most commands have no quotes: their words are the runs between white space, found without
  // testing and appending one character at a time (a few µs of every Slack command).
  if (QUOTE.test(text)) return quotedWords(text);
  const words: TypedWord[] = [];
  for (const word of text.split(WHITE_SPACE)) if (word !== '') words.push({ text: word, quoted: false });
  return words;
}

/** Words one character at a time, quotes toggling whether white space splits. */
function quotedWords(text: string): TypedWord[] {
  const words: TypedWord[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"' || char === '\u201c' || char === '\u201d') {
      quoted = !quoted;
      started = true;
      wasQuoted = true;
    } else if (!quoted && /\s/u.test(char)) {
      if (started) words.push({ text: current, quoted: wasQuoted });
      current = '';
      started = false;
      wasQuoted = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push({ text: current, quoted: wasQuoted });
  return words;
}

function kindOf(reference: Reference): 'user' | 'channel' {
  return 'user' in reference ? 'user' : 'channel';
}

function idOf(reference: Reference): string {
  return 'user' in reference ? reference.user : reference.channel;
}

const KEYED = /^([a-z][a-z-]*)[=:](.*)$/isu;

export function usageOf(command: CommandSpec, sub: SubcommandSpec): string {
  const parts = sub.options.map((o) => {
    const shown =
      o.syntax === 'keyed'
        ? `${o.name}=…`
        : o.kind === 'channel'
          ? '#channel'
          : o.kind === 'user'
            ? '@user'
            : `<${o.name}>`;
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

/** Plain text, with no references (a Share button's value, tests). */
export function parseCommandText(command: CommandSpec, text: string): ParsedInvocation {
  return parseCommandTokens(command, tokenize(text.trim()));
}

export function parseCommandTokens(command: CommandSpec, tokens: readonly CommandToken[]): ParsedInvocation {
  const words = tokens.map((t) => (typeof t === 'string' ? t : t.text));
  const { sub, used } = findSubcommand(command, words);
  const args: MutableArgs = {};
  const bare: string[] = [];
  for (let i = used; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (typeof token !== 'string') {
      const option = sub.options.find((o) => o.kind === kindOf(token) && o.syntax !== 'keyed');
      if (!option) bare.push(token.text);
      else if (args[option.name] === undefined) args[option.name] = idOf(token);
      else throw unexpected(command, sub, [token.text]);
      continue;
    }
    const keyed = keyedValue(command, sub, token, tokens[i + 1]);
    if (keyed === undefined) {
      bare.push(token);
      continue;
    }
    args[keyed.option.name] = keyed.value;
    if (keyed.tookNext) i++;
  }
  fillFromWords(command, sub, args, bare);
  requireAll(command, sub, args);
  return { subcommand: sub, args };
}

interface KeyedValue {
  readonly option: OptionSpec;
  readonly value: string | number;
  /** The value was the reference after `key=`. */
  readonly tookNext: boolean;
}

/** `key=value` for one of the subcommand's keyed options (for a user or channel, `key=` then a reference). */
function keyedValue(
  command: CommandSpec,
  sub: SubcommandSpec,
  token: string,
  next: CommandToken | undefined,
): KeyedValue | undefined {
  const keyed = sub.options.filter((o) => o.syntax === 'keyed');
  const pair = KEYED.exec(token);
  if (!pair || keyed.length === 0) return undefined;
  const key = (pair[1] ?? '').toLowerCase();
  const option = keyed.find((o) => o.name === key);
  if (option && (option.kind === 'user' || option.kind === 'channel')) {
    if (pair[2] === '' && next !== undefined && typeof next !== 'string' && kindOf(next) === option.kind) {
      return { option, value: idOf(next), tookNext: true };
    }
    throw new UserError(
      'missing-argument',
      `\`${key}=\` needs ${describeOption(option)} right after it. Usage: \`${usageOf(command, sub)}\``,
    );
  }
  if (option && pair[2] === '' && next !== undefined && typeof next !== 'string') {
    // `in:#3` where the adapter read `#3` as a channel: for a word option it is the word typed.
    return { option, value: convert(option, next.text, command, sub), tookNext: true };
  }
  if (option) return { option, value: convert(option, pair[2] ?? '', command, sub), tookNext: false };
  if (sub.options.some((o) => o.syntax === 'rest')) return undefined;
  const near = closestMatches(
    key,
    keyed.map((o) => o.name),
    1,
  );
  const hint = near.length > 0 ? ` Did you mean \`${near[0]}=\`?` : '';
  throw new UserError(
    'unknown-option',
    `\`${key}\` is not an option of \`/${command.name} ${sub.name}\`.${hint} Usage: \`${usageOf(command, sub)}\``,
  );
}

/** Bare words fill positional and rest options in order; user and channel options take only references. */
type MutableArgs = Record<string, string | number | undefined>;

function fillFromWords(command: CommandSpec, sub: SubcommandSpec, args: MutableArgs, bare: string[]): void {
  for (const option of sub.options) {
    if (option.kind === 'user' || option.kind === 'channel') continue;
    if (option.syntax === 'positional' && bare.length > 0) {
      args[option.name] = convert(option, bare.shift() ?? '', command, sub);
    } else if (option.syntax === 'rest' && bare.length > 0) {
      args[option.name] = convert(option, bare.splice(0).join(' '), command, sub);
    }
  }
  if (bare.length > 0) throw unexpected(command, sub, bare);
}

function unexpected(command: CommandSpec, sub: SubcommandSpec, words: readonly string[]): UserError {
  return new UserError(
    'unexpected-argument',
    `\`/${command.name} ${sub.name}\` did not expect \`${words.join(' ')}\`. Usage: \`${usageOf(command, sub)}\``,
  );
}

function requireAll(command: CommandSpec, sub: SubcommandSpec, args: MutableArgs): void {
  for (const option of sub.options) {
    if (option.required && (args[option.name] === undefined || args[option.name] === '')) {
      throw new UserError(
        'missing-argument',
        `\`/${command.name} ${sub.name}\` needs ${describeOption(option)}. Usage: \`${usageOf(command, sub)}\`, for example \`${sub.examples[0] ?? usageOf(command, sub)}\`.`,
      );
    }
  }
}

function describeOption(option: OptionSpec): string {
  return `${option.kind === 'channel' ? 'a #channel' : option.kind === 'user' ? 'a @user' : `\`${option.name}\``} (${option.description})`;
}

function convert(option: OptionSpec, raw: string, command: CommandSpec, sub: SubcommandSpec): string | number {
  if (option.kind !== 'integer') return raw;
  const value = /^-?\d+$/u.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  const range = option.min !== undefined && option.max !== undefined ? ` from ${option.min} to ${option.max}` : '';
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
