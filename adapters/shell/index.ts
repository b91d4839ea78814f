/** The shell adapter: a terminal chat and a delivery port that prints to it. */
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from '../../src/core/dispatcher.js';
import { ShellDeliveryPort } from './delivery-port.js';
import { ShellSession } from './session.js';

export interface StartShellOptions {
  readonly dispatcher: Dispatcher;
  readonly input: Readable;
  readonly output: Writable;
  readonly interactive: boolean;
  readonly userName: string;
  /** The zone the terminal shows times in; default the machine's (see `local-times.ts`). */
  readonly timeZone?: string;
}

/** Builds the session and its port; the caller runs `session.run()` when the rest is wired. */
export function createShell(options: StartShellOptions): { session: ShellSession; delivery: ShellDeliveryPort } {
  const session = new ShellSession(options);
  const delivery = new ShellDeliveryPort((reply, heading) => session.print(reply, heading));
  return { session, delivery };
}
