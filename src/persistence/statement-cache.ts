import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

/**
 * Prepares each distinct SQL text once per connection. Repositories sit on the
 * scheduler's hot path (a sweep touches every due row), and compiling the same
 * statement on every call is wasted work. SQL built from a few fixed fragments
 * (optional WHERE clauses) yields only a handful of texts, so the cache stays small.
 */
export function statementCache(db: Db): (sql: string) => Statement {
  const prepared = new Map<string, Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
}
