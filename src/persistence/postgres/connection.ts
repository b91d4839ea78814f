/**
 * The PostgreSQL connection pool and the one way repositories talk to it. A repository holds an `Executor`:
 * bound to the pool, each call runs on whichever connection is free (and a multi-statement method runs in a
 * transaction of its own); bound to one client inside `atomically`, every call joins that transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { OuterStoreInTransactionError } from '../transaction-errors.js';
import { compile, type Sql } from './sql.js';

/** Options for `openPostgresBackend`. */
export interface PoolOptions {
  /**
   * Connections this process may hold (default 20, `DATABASE_POOL_SIZE`); keep processes × max under the server's
   * max_connections (100 by default). Up to 160 deliveries share them, each holding one only for a statement.
   */
  readonly maxConnections?: number;
  /** Called when an idle pooled connection fails (the server restarted): logged, the pool replaces it. */
  readonly onIdleError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * COUNT(*) and bigint columns arrive as text by default (they may exceed 2^53). Ids and counts here stay far
 * below that, so they become numbers, as better-sqlite3 gives them.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(
          oid,
          format,
        )) as typeof pg.types.getTypeParser,
};

/**
 * How long a pooled connection may sit idle before the pool closes it. pg-pool's default, 10 s, is shorter than the
 * sweep interval (a minute by default): a bot at rest reconnected at every sweep and prepared its statements again.
 * Five minutes keeps them across sweeps; the connections stay within `maxConnections` either way.
 */
export const IDLE_CONNECTION_MS = 5 * 60_000;

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 20,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    types,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

export interface Executor {
  rows<T>(query: Sql): Promise<T[]>;
  row<T>(query: Sql): Promise<T | undefined>;
  /** Runs a write; how many rows it changed. */
  run(query: Sql): Promise<number>;
  /** Runs `work` in a transaction: its own on the pool, the open one inside `atomically`. */
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
}

type Client = pg.Pool | pg.PoolClient;

/**
 * Statements with parameters are prepared once per connection and reused by name: the hot ones (claims,
 * attempts, sent marks, planning) run thousands of times in a fan-out, and the server then skips parsing and
 * planning them again. Bounded, since a name stays prepared on every connection for its lifetime; texts past
 * the bound (there should be none: statements are fixed texts) run unnamed. Texts without parameters
 * (migrations: several commands in one text) always run unnamed, as a prepared statement holds one command.
 */
const PREPARED_LIMIT = 500;
const preparedNames = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_LIMIT) {
    name = `agendabot_${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  return name;
}

async function execute<T extends pg.QueryResultRow>(client: Client, query: Sql): Promise<pg.QueryResult<T>> {
  const { text, values } = compile(query);
  const name = values.length > 0 ? nameOf(text) : undefined;
  return name === undefined ? client.query<T>(text, values) : client.query<T>({ name, text, values });
}

/** One open transaction, so calls made from inside it can be recognised. */
interface OpenTransaction {
  active: boolean;
}

/**
 * Inside `atomically`, a call through the outer stores would run on another pooled connection, outside the
 * transaction, and could wait forever for a row lock the transaction holds. It is refused instead, as on SQLite
 * (`../sqlite-gate.ts`): work inside a transaction uses only the stores it is given.
 */
const inside = new AsyncLocalStorage<OpenTransaction>();

/** Runs `work` with one pooled client between BEGIN and COMMIT (ROLLBACK when it rejects). */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Executor) => Promise<T>): Promise<T> {
  if (inside.getStore()?.active === true) throw new OuterStoreInTransactionError();
  const client = await pool.connect();
  const open: OpenTransaction = { active: true };
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await inside.run(open, () => work(new ClientExecutor(client, open)));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK means the connection is gone: do not hand it to the next caller.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    open.active = false;
    client.release(broken);
  }
}

export class ClientExecutor implements Executor {
  /** `transaction`: the open transaction this client belongs to; undefined for the pool. */
  constructor(
    private readonly client: Client,
    private readonly transactionOf?: OpenTransaction,
  ) {}

  async rows<T>(query: Sql): Promise<T[]> {
    this.#checkUsable();
    return (await execute<T & pg.QueryResultRow>(this.client, query)).rows;
  }

  async row<T>(query: Sql): Promise<T | undefined> {
    return (await this.rows<T>(query))[0];
  }

  async run(query: Sql): Promise<number> {
    this.#checkUsable();
    return (await execute(this.client, query)).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.transactionOf !== undefined) {
      this.#checkUsable();
      return work(this);
    }
    if (!(this.client instanceof pg.Pool)) throw new Error('a transaction needs the pool or an open transaction');
    return inTransaction(this.client, work);
  }

  #checkUsable(): void {
    if (this.transactionOf === undefined) {
      if (inside.getStore()?.active === true) throw new OuterStoreInTransactionError();
    } else if (!this.transactionOf.active) {
      throw new Error('a transaction store was used after its transaction ended');
    }
  }
}

/** An executor on the pool: each call on a free connection, on its own. */
export function poolExecutor(pool: pg.Pool): Executor {
  return new ClientExecutor(pool);
}
