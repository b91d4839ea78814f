/**
 * Slack writes people and channels in a slash command's text as `<@U…|name>` and
 * `<#C…|name>` (the manifest asks for escaped text). They become neutral references
 * here, so the core never parses Slack's markup. Quoted words stay text.
 */
import { typedWords, type CommandToken } from '../../src/core/commands/parse-text.js';

const REFERENCE = /<([@#])([A-Z0-9]+)(?:\|[^>]*)?>/gu;

/** The command's text as words and references, in the order typed. */
export function commandTokens(text: string): CommandToken[] {
  const tokens: CommandToken[] = [];
  for (const word of typedWords(text.trim())) {
    // Markup always starts with `<`: most words have none, and need no pass of the pattern.
    if (word.quoted || !word.text.includes('<')) tokens.push(word.text);
    else tokens.push(...splitReferences(word.text));
  }
  return tokens;
}

/** `host=<@U42>` gives `host=` and the reference; a word with no markup stays whole. */
function splitReferences(word: string): CommandToken[] {
  const tokens: CommandToken[] = [];
  let last = 0;
  for (const match of word.matchAll(REFERENCE)) {
    const before = word.slice(last, match.index);
    if (before !== '') tokens.push(before);
    const id = match[2] ?? '';
    tokens.push(match[1] === '@' ? { user: id, text: match[0] } : { channel: id, text: match[0] });
    last = match.index + match[0].length;
  }
  const after = word.slice(last);
  if (after !== '' || tokens.length === 0) tokens.push(after);
  return tokens;
}
