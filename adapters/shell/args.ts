/**
 * The shell's way to name people and channels: `@name` and `#name` (and `key=@name`).
 * They become neutral references here, so the core parses no markup of its own.
 * Quoted words stay text.
 */
import { typedWords, type CommandToken } from '../../src/core/commands/parse-text.js';

const REFERENCE = /^([a-z][a-z-]*[=:])?([@#])(\S+)$/iu;

/** The command's text as words and references, in the order typed. */
export function commandTokens(text: string): CommandToken[] {
  return typedWords(text.trim()).flatMap((word): CommandToken[] => {
    const match = word.quoted ? null : REFERENCE.exec(word.text);
    if (!match) return [word.text];
    const [, key, sign, id = ''] = match;
    const text = `${sign}${id}`;
    const reference: CommandToken = sign === '@' ? { user: id, text } : { channel: id, text };
    return key !== undefined ? [key, reference] : [reference];
  });
}
