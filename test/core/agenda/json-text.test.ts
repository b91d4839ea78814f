import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem, readJsonText } from '../../../src/core/agenda/json-text.js';

describe('JSON text (one reader for the loader and the importer)', () => {
  it('gives the value and the line of every array element, by path', () => {
    const text = ['{', '  "challenges": [', '    {"questions": [', '      "a",', '      {"b": 1}', '    ]}', '  ],'];
    const read = readJsonText([...text, '  "odd key": [0]', '}'].join('\n'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toEqual({ challenges: [{ questions: ['a', { b: 1 }] }], 'odd key': [0] });
    expect([...read.elementLines]).toEqual([
      ['challenges[0]', 3],
      ['challenges[0].questions[0]', 4],
      ['challenges[0].questions[1]', 5],
      ['["odd key"][0]', 8],
    ]);
  });

  it.each([
    ['[1, 2,]', 1, 7, 'trailing comma before ]'],
    ['{"a": 1,\n}', 2, 1, 'trailing comma before }'],
    ['{"a" 1}', 1, 6, 'expected \':\' after property name "a"'],
    ['[1 2]', 1, 4, "expected ',' or ']' after an array element"],
    ["{'a': 1}", 1, 2, 'strings must use double quotes'],
    ['{"a": 1, 2}', 1, 10, 'expected a property name in double quotes'],
    ['{"a": }', 1, 7, 'unexpected character "}"'],
    ['["a\nb"]', 1, 2, 'control character inside a string (a line break must be written \\n)'],
    ['["abc', 1, 2, 'string is never closed (missing ")'],
    ['[1] x', 1, 5, 'unexpected text after the end of the JSON value'],
    ['"a" "b"', 1, 5, 'unexpected text after the end of the JSON value'],
    ['[1, // two\n 2]', 1, 5, 'comments are not allowed in JSON'],
    ['{"a": [', 1, 8, 'the text ends before the value is complete'],
    ['[tru]', 1, 2, 'unexpected character "t"'],
  ])('%j is refused at %i:%i: %s', (text, line, column, message) => {
    expect(findJsonSyntaxProblem(text)).toEqual({ line, column, message });
    expect(readJsonText(text)).toEqual({ ok: false, problem: { line, column, message } });
  });

  it('refuses nesting deeper than 1000 levels with a sentence, not a stack overflow', () => {
    expect(findJsonSyntaxProblem(`${'['.repeat(1001)}${']'.repeat(1001)}`)).toEqual({
      line: 1,
      column: 1001,
      message: 'nested more than 1000 levels deep',
    });
  });

  it('finds nothing wrong in good JSON', () => {
    expect(findJsonSyntaxProblem('{"a": [1, 2.5e3, "x\\n", true, null]}')).toBeUndefined();
  });
});
