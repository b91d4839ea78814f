/**
 * SQL for node-postgres written as tagged templates: every interpolated value becomes a numbered parameter
 * (`$1`, `$2`, …) and never part of the statement's text, and a nested `sql` fragment is spliced in with its own
 * parameters renumbered. So a repository can choose a fragment (the database's clock or the caller's) without
 * string building, and no value a user typed can change a statement.
 */

/** A piece of SQL with its parameters, not yet numbered. */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql([...strings], values);
}

/** Fixed SQL text (an identifier or keyword chosen by the code, never by a user). */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

/** Fragments joined by `separator` (`, `, ` AND `). */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  if (parts.length === 0) return raw('');
  const strings: string[] = [''];
  const values: unknown[] = [];
  parts.forEach((part, index) => {
    if (index > 0) strings[strings.length - 1] += separator;
    values.push(part);
    strings.push('');
  });
  return new Sql(strings, values);
}

export interface CompiledQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** The statement text with `$n` placeholders, and its parameters in order. */
export function compile(query: Sql): CompiledQuery {
  const values: unknown[] = [];
  const walk = (fragment: Sql): string =>
    fragment.strings.reduce((text, piece, index) => {
      if (index === 0) return piece;
      const value = fragment.values[index - 1];
      if (value instanceof Sql) return text + walk(value) + piece;
      values.push(value);
      return `${text}$${values.length}${piece}`;
    }, '');
  return { text: walk(query), values };
}
