/**
 * The shell adapter on in-memory streams, for tests: a terminal typed into line by line
 * (waiting for what it prints), or a whole script piped in at once.
 */
import { PassThrough } from 'node:stream';
import { createShell } from '../../../adapters/shell/index.js';
import type { Dispatcher } from '../../../src/core/dispatcher.js';
import type { DeliveryPorts } from '../../../src/core/ports.js';

export interface Terminal {
  type(line: string): void;
  /** Resolves once the shell has printed `text`. */
  seen(text: string): Promise<void>;
  /** Everything printed so far. */
  written(): string;
  /** Ends the input and waits for the session to finish. */
  close(): Promise<void>;
}

function startShell(dispatcher: Dispatcher, delivery: DeliveryPorts, userName: string) {
  const input = new PassThrough();
  const output = new PassThrough();
  const shell = createShell({ dispatcher, input, output, interactive: false, userName });
  delivery.add(shell.delivery);
  return { input, output, shell };
}

/** A shell session whose input the test types, one line at a time. */
export function openTerminal(dispatcher: Dispatcher, delivery: DeliveryPorts, userName = 'tester'): Terminal {
  const { input, output, shell } = startShell(dispatcher, delivery, userName);
  let written = '';
  const waiters: (() => void)[] = [];
  output.on('data', (chunk: Buffer) => {
    written += chunk.toString();
    waiters.splice(0).forEach((wake) => wake());
  });
  const running = shell.session.run();
  return {
    type: (line) => input.write(`${line}\n`),
    async seen(text) {
      while (!written.includes(text)) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    written: () => written,
    async close() {
      input.end();
      await running;
    },
  };
}

/** Pipes `script` into a shell session and returns everything it printed once the input ends. */
export async function runScript(
  dispatcher: Dispatcher,
  delivery: DeliveryPorts,
  script: string,
  userName = 'tester',
): Promise<string> {
  const { input, output, shell } = startShell(dispatcher, delivery, userName);
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  input.end(script);
  await shell.session.run();
  return chunks.join('');
}
