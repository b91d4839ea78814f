/**
 * One process of the cluster: started in its own process group (so a Ctrl-C at the terminal reaches only the
 * launcher, which stops the processes in order), its output passed on line by line behind its name, stopped
 * with SIGTERM and, if it has not exited within the grace period, SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ChildSpec {
  /** `web-1`, `worker-2`, `discord-proxy`: how its output and the summary name it. */
  readonly name: string;
  /** Node's arguments: the script and anything before it (`--import tsx src/main.ts`). */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Where it answers `GET /healthz`. */
  readonly port: number;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Processes still running, killed if the launcher itself exits first (a second Ctrl-C, a crash). */
const live = new Set<ClusterChild>();
let exitHook = false;

export class ClusterChild {
  readonly process: ChildProcess;
  readonly exited: Promise<Exit>;
  #exit: Exit | undefined;

  constructor(
    readonly spec: ChildSpec,
    write: (line: string) => void,
  ) {
    this.process = spawn(process.execPath, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (stream) prefixLines(stream, `[${spec.name}] `, write);
    }
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const child of live) child.kill();
      });
    }
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        live.delete(this);
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
      // A process that could not be started at all (never on a normal machine: it is Node itself).
      this.process.once('error', () => {
        live.delete(this);
        this.#exit ??= { code: null, signal: null };
        resolve(this.#exit);
      });
    });
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  get exit(): Exit | undefined {
    return this.#exit;
  }

  /** SIGTERM (a web or worker process drains), then SIGKILL after `graceMs`. Resolves when it has exited. */
  async stop(graceMs: number): Promise<Exit> {
    if (!this.running) return this.exited;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** At once, no draining (the launcher's last resort when it is itself exiting). */
  kill(): void {
    if (this.running) this.process.kill('SIGKILL');
  }
}

/** How an exit reads in a message: `exited with code 1`, `was killed by SIGKILL`. */
export function describeExit(exit: Exit): string {
  return exit.signal !== null ? `was stopped by ${exit.signal}` : `exited with code ${String(exit.code)}`;
}

function prefixLines(stream: Readable, prefix: string, write: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => write(`${prefix}${line}\n`));
}
