/**
 * One pass over JSON text for what JSON.parse cannot give us: the line of every
 * array element (so rejections can name their line), and, for text that does not
 * parse, the line and column of the first error with a plain description.
 */

export interface JsonScan {
  /** Line of each array element, by path (`[3]`, `challenges[2].questions[0]`). */
  readonly elementLines: Map<string, number>;
  readonly error?: { readonly line: number; readonly column: number; readonly message: string };
}

const MAX_DEPTH = 1000;

class JsonSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function scanJson(text: string): JsonScan {
  const elementLines = new Map<string, number>();
  // Line starts, so an offset becomes line:column by binary search (no per-char counting in the hot loop).
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const space = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const string = (): string => {
    const start = ++i;
    let hasEscape = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) return hasEscape ? (JSON.parse(text.slice(start - 1, ++i)) as string) : text.slice(start, i++);
      if (c === 92) {
        hasEscape = true;
        i += 2;
      } else if (c < 32) fail('control character inside a string (a line break must be written \\n)');
      else i++;
    }
    i = start - 1;
    return fail('string is never closed (missing ")');
  };
  const value = (path: string, depth: number): void => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : 'expected a property name in double quotes');
        const key = string();
        space();
        if (text[i] !== ':') fail(`expected ':' after property name "${key}"`);
        i++;
        value(/^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`, depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail("expected ',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        space();
        if (text[i] === ']') fail('trailing comma before ]');
        elementLines.set(`${path}[${index}]`, lineOf(i));
        value(`${path}[${index}]`, depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail("expected ',' or ']' after an array element");
      }
    }
    if (c === '"') return void string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (literal) return void (i += literal[0].length);
    if (c === undefined) fail('the text ends before the value is complete');
    fail(c === "'" ? 'strings must use double quotes' : `unexpected character ${JSON.stringify(c)}`);
  };
  try {
    value('', 0);
    space();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return { elementLines };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const line = lineOf(error.offset);
    const column = error.offset - (lineStarts[line - 1] as number) + 1;
    return { elementLines, error: { line, column, message: error.message } };
  }
}
