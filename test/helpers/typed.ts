/**
 * Core tests type commands as an adapter would hand them over: `@U1` and `#C9` become
 * user and channel references (the way the shell writes them), other words stay words.
 */
import { typedWords, type CommandToken } from '../../src/core/commands/parse-text.js';

export function typed(text: string): CommandToken[] {
  return typedWords(text).map(({ text: word, quoted }) => {
    if (quoted || !/^[@#]\S/u.test(word)) return word;
    return word.startsWith('@') ? { user: word.slice(1), text: word } : { channel: word.slice(1), text: word };
  });
}
