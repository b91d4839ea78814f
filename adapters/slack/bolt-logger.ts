/**
 * Bolt, the WebClient and the Socket Mode client log through this bridge into the
 * app's structured logger, so their lines are redacted and formatted like ours.
 * Token-shaped strings are masked as a second line of defence.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/gu;

/** Replaces anything shaped like a Slack token with a placeholder. */
export function maskTokens(text: string): string {
  return text.replace(TOKEN, '[redacted-token]');
}

function format(parts: unknown[]): string {
  const text = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p))).join(' ');
  return maskTokens(text);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** A Bolt/WebClient logger that writes into the app's logger. */
export function boltLogger(logger: Logger, initial: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initial;
  let name = 'bolt';
  const enabled = (at: LogLevel): boolean => ORDER.indexOf(at) >= ORDER.indexOf(level);
  return {
    debug: (...parts: unknown[]) => enabled(LogLevel.DEBUG) && logger.debug({ source: name }, format(parts)),
    info: (...parts: unknown[]) => enabled(LogLevel.INFO) && logger.info({ source: name }, format(parts)),
    warn: (...parts: unknown[]) => enabled(LogLevel.WARN) && logger.warn({ source: name }, format(parts)),
    error: (...parts: unknown[]) => enabled(LogLevel.ERROR) && logger.error({ source: name }, format(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
