/**
 * SQLite behind the core's asynchronous ports. better-sqlite3 is synchronous, and refuses
 * an async function as a transaction, so a transaction that awaits (`UnitOfWork.atomically`)
 * is run by hand: `BEGIN IMMEDIATE`, the work, `COMMIT` or `ROLLBACK`. While it is open, the
 * connection belongs to it: any other async flow could otherwise run a statement on the same
 * connection between two of its awaits, and that statement would commit or roll back with it.
 *
 * The gate keeps them apart. Every call through the outer stores passes it: with no
 * transaction open it runs at once (the synchronous statement, then a resolved promise: no
 * queue, no timer); while one is open it waits until that transaction has ended. The stores a
 * transaction hands to its work (`tx`) bypass the gate, and refuse to run once it has ended.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './db.js';
import { OuterStoreInTransactionError } from './transaction-errors.js';

/** The synchronous counterpart of an asynchronous port: each method returns what the port's promise resolves to. */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** Runs one synchronous piece of database work for a store, as a promise. */
export type Runner = <R>(work: () => R) => Promise<R>;

const gates = new WeakMap<Db, ConnectionGate>();

/** The connection's one gate: every backend opened on `db` shares it (a restart in a test reuses the connection). */
export function gateOf(db: Db): ConnectionGate {
  let gate = gates.get(db);
  if (!gate) {
    gate = new ConnectionGate(db);
    gates.set(db, gate);
  }
  return gate;
}

/** One transaction's identity, so calls made from inside it can be recognised. */
interface OpenTransaction {
  active: boolean;
}

export class ConnectionGate {
  /** Settles when the open transaction ends; undefined when none is open. */
  #ended: Promise<void> | undefined;
  readonly #inside = new AsyncLocalStorage<OpenTransaction>();

  constructor(private readonly db: Db) {}

  /** For the outer stores: runs now when no transaction is open, otherwise after it ends. */
  readonly run: Runner = (work) => {
    if (this.#ended === undefined) return now(work);
    if (this.#inside.getStore()?.active === true) return Promise.reject(new OuterStoreInTransactionError());
    return this.#afterTransactions(work);
  };

  /**
   * Runs `work` in one write transaction, after any open one ends. IMMEDIATE takes the write lock
   * first, so a read-then-write never fails to upgrade under another process.
   */
  async transaction<T>(work: (run: Runner) => Promise<T>): Promise<T> {
    if (this.#inside.getStore()?.active === true) throw new OuterStoreInTransactionError();
    while (this.#ended !== undefined) await this.#ended;
    let end!: () => void;
    this.#ended = new Promise((resolve) => (end = resolve));
    const open: OpenTransaction = { active: true };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const result = await this.#inside.run(open, () => work(insideRunner(open)));
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      open.active = false;
      this.#ended = undefined;
      end();
    }
  }

  async #afterTransactions<R>(work: () => R): Promise<R> {
    // Several flows may be waiting; whichever resumes first may open the next transaction.
    while (this.#ended !== undefined) await this.#ended;
    return work();
  }
}

/** The runner of the stores handed to a transaction's work: straight through while it is open. */
function insideRunner(open: OpenTransaction): Runner {
  return (work) => {
    if (!open.active) return Promise.reject(new Error('a transaction store was used after its transaction ended'));
    return now(work);
  };
}

/** Runs `work` at once, synchronously (an async function runs up to its first await); a throw becomes a rejection. */
async function now<R>(work: () => R): Promise<R> {
  return work();
}

/**
 * The asynchronous port over a synchronous repository: every method of `impl` (own or inherited,
 * but not the constructor) runs through `run`. Built once per store, not per call.
 */
export function asyncPort<T extends object>(impl: Synchronous<T>, run: Runner): T {
  const port: Record<string, unknown> = {};
  for (const name of methodNames(impl)) {
    const method = (impl as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
    if (typeof method !== 'function') continue;
    port[name] = (...args: unknown[]) => run(() => method.apply(impl, args));
  }
  return port as T;
}

/**
 * Method names per repository object. `atomically` builds its transaction's ports on every call (a sweep
 * opens one transaction per due subscription), and walking the prototypes each time was a tenth of planning.
 */
const namesOf = new WeakMap<object, ReadonlySet<string>>();

function methodNames(object: object): ReadonlySet<string> {
  let known = namesOf.get(object);
  if (!known) {
    known = ownAndInheritedNames(object);
    namesOf.set(object, known);
  }
  return known;
}

function ownAndInheritedNames(object: object): Set<string> {
  const names = new Set<string>();
  for (let proto: object | null = object; proto !== null && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return names;
}
