import { pino } from 'pino';

/**
 * Structured logging, injected everywhere (no global logger). Fields come first,
 * message second, as pino does. Logs go to standard error so they never mix with
 * the shell adapter's chat on standard output.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(fields: object): Logger;
}

/** Keys whose values are never written, wherever they appear in a log record. */
const SECRET_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'clientSecret',
  'stateSecret',
  '*.clientSecret',
  '*.stateSecret',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: SECRET_PATHS, censor: '[redacted]' } }, destination);
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** A logger that keeps records in memory, for tests that assert on logs. */
export class MemoryLogger implements Logger {
  readonly records: { level: string; fields: object; message: string }[] = [];
  debug(fields: object, message: string): void {
    this.records.push({ level: 'debug', fields, message });
  }
  info(fields: object, message: string): void {
    this.records.push({ level: 'info', fields, message });
  }
  warn(fields: object, message: string): void {
    this.records.push({ level: 'warn', fields, message });
  }
  error(fields: object, message: string): void {
    this.records.push({ level: 'error', fields, message });
  }
  child(): Logger {
    return this;
  }
}
