/**
 * `npm run secret:rotate`: re-seals every stored Slack installation under the current
 * `AGENDABOT_SECRET_KEY`, opening rows with it or with `AGENDABOT_PREVIOUS_SECRET_KEY`.
 * The procedure (README, "Offer the bot to many workspaces"): move the old key to
 * AGENDABOT_PREVIOUS_SECRET_KEY, set a new AGENDABOT_SECRET_KEY, restart, run this, then
 * remove the previous key. Neither key is ever printed.
 */
import type { Env } from '../config.js';
import { openStorage } from '../persistence/storage.js';
import { Keyring } from '../secrets/seal.js';
import { readSecretKey } from '../secrets/secret-key.js';

export interface RotateIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Returns the process exit code: 0 done, 1 a setting or a row could not be used. */
export async function runRotateKey(env: Env, io: RotateIo): Promise<number> {
  const current = readSecretKey('AGENDABOT_SECRET_KEY', env['AGENDABOT_SECRET_KEY']);
  const previousRaw = env['AGENDABOT_PREVIOUS_SECRET_KEY'];
  const previous =
    previousRaw === undefined || previousRaw.trim() === ''
      ? undefined
      : readSecretKey('AGENDABOT_PREVIOUS_SECRET_KEY', previousRaw);
  const problems = [current, previous].filter((value): value is string => typeof value === 'string');
  if (problems.length > 0 || typeof current === 'string' || typeof previous === 'string') {
    io.stderr.write(`${problems.join('\n')}\n`);
    return 1;
  }
  const url = env['DATABASE_URL']?.trim();
  const backend = await openStorage({
    databasePath: env['DATABASE_PATH']?.trim() || 'data/agendabot.db',
    ...(url ? { databaseUrl: url } : {}),
  });
  try {
    const count = await backend.installations(new Keyring(current, previous)).reseal(current);
    io.stdout.write(
      `Re-encrypted ${count} Slack installation(s) under key ${current.id}. ` +
        'You can now remove AGENDABOT_PREVIOUS_SECRET_KEY.\n',
    );
    return 0;
  } catch (error) {
    io.stderr.write(`Nothing was changed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await backend.close();
  }
}
