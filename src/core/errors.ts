/**
 * Expected failures: bad input, unknown ids, missing rights. The message is shown to
 * the user as is, so it must say what was wrong and what is accepted. Anything that is
 * not a UserError is a bug or an outage: it is logged with a reference id and the user
 * sees only that id (see `referenceId`).
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** Stable identifier for tests and logs, e.g. `unknown-question`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A short id that a user can quote and an operator can grep for in the logs. */
export function referenceId(random: () => number = Math.random): string {
  return Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
}

/** The one message a user sees for an unexpected failure. */
export function internalErrorText(ref: string): string {
  return `Something went wrong on our side (reference ${ref}). Please try again; if it keeps happening, tell the bot's operator the reference.`;
}
