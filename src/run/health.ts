/**
 * `GET /healthz`: whether this process should get traffic, and why not. 200 with
 * `{"status":"ready","role":…,"checks":{…}}` when it is started, not stopping, and its
 * database answers; otherwise 503 with `status` one of `starting`, `draining`, `unready`
 * and `checks` saying which part is not right. Never a secret: the database check says
 * `ok`, `no answer within … ms` or an error code, never a message (which can carry a URL).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../config-roles.js';

export const HEALTH_PATH = '/healthz';

/** How long the database may take to answer a health check's ping. */
export const DEFAULT_PING_TIMEOUT_MS = 2000;

export type Phase = 'starting' | 'running' | 'draining';
export type HealthStatus = 'ready' | 'starting' | 'draining' | 'unready';

export interface HealthReport {
  readonly status: HealthStatus;
  readonly role: Role;
  readonly checks: { readonly process: Phase; readonly database: string };
}

export class Health {
  #phase: Phase = 'starting';

  constructor(
    readonly role: Role,
    private readonly ping: () => Promise<void>,
    private readonly pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS,
  ) {}

  get phase(): Phase {
    return this.#phase;
  }

  /** Everything this role runs has started. */
  running(): void {
    if (this.#phase === 'starting') this.#phase = 'running';
  }

  /** SIGTERM or SIGINT: from now on the process takes no new work. */
  draining(): void {
    this.#phase = 'draining';
  }

  async report(): Promise<HealthReport> {
    const phase = this.#phase;
    const database = await this.#database();
    const status: HealthStatus =
      phase === 'draining' ? 'draining' : phase === 'starting' ? 'starting' : database === 'ok' ? 'ready' : 'unready';
    return { status, role: this.role, checks: { process: phase, database } };
  }

  /** The `GET /healthz` handler, for any node:http server (Bolt's custom routes included). */
  readonly handler = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    void this.report().then((report) => {
      const body = JSON.stringify(report);
      const code = report.status === 'ready' ? 200 : 503;
      res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    });
  };

  async #database(): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.pingTimeoutMs} ms`), this.pingTimeoutMs);
    });
    const answered = this.ping().then(
      () => 'ok',
      (error: unknown) => `failed (${errorCode(error)})`,
    );
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An error's code (`ECONNREFUSED`, `57P01`, `SQLITE_BUSY`), never its message. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[\w.-]{1,40}$/u.test(code) ? code : 'no code';
}
