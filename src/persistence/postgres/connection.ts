/**
 * The PostgreSQL connection pool and the one way repositories talk to it. A repository holds an `Executor`:
 * bound to the pool, each call runs on whichever connection is free (and a multi-statement method runs in a
 * transaction of its own); bound to one client inside `atomically`, every call joins that transaction.
 */
import pg from 'pg';
import { compile, type Sql } from './sql.js';

/** Options for `openPostgresBackend`. */
export interface PoolOptions {
  /** Connections this process may hold; keep processes × max under the server's max_connections (100 by default). */
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

export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
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

async function execute<T extends pg.QueryResultRow>(client: Client, query: Sql): Promise<pg.QueryResult<T>> {
  const { text, values } = compile(query);
  return client.query<T>(text, values);
}

/** Runs `work` with one pooled client between BEGIN and COMMIT (ROLLBACK when it rejects). */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Executor) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(new ClientExecutor(client, true));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK means the connection is gone: do not hand it to the next caller.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

export class ClientExecutor implements Executor {
  constructor(
    private readonly client: Client,
    private readonly insideTransaction: boolean,
  ) {}

  async rows<T>(query: Sql): Promise<T[]> {
    return (await execute<T & pg.QueryResultRow>(this.client, query)).rows;
  }

  async row<T>(query: Sql): Promise<T | undefined> {
    return (await this.rows<T>(query))[0];
  }

  async run(query: Sql): Promise<number> {
    return (await execute(this.client, query)).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    if (this.insideTransaction) return work(this);
    if (!(this.client instanceof pg.Pool)) throw new Error('a transaction needs the pool or an open transaction');
    return inTransaction(this.client, work);
  }
}

/** An executor on the pool: each call on a free connection, on its own. */
export function poolExecutor(pool: pg.Pool): Executor {
  return new ClientExecutor(pool, false);
}
