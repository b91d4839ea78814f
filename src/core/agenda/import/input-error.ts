/** The input as a whole cannot be imported (binary, empty, unparseable, wrong shape). */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
  constructor(
    readonly code: 'binary' | 'empty' | 'unreadable' | 'syntax' | 'shape' | 'nothing-found' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export function isImportInputError(error: unknown): error is ImportInputError {
  return error instanceof ImportInputError;
}

/** Runs a parse; a syntax error's `line:column: …` becomes `file:line:column: …` (editors link that form). */
export function located<T>(fileName: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isImportInputError(error) && error.code === 'syntax')
      throw new ImportInputError('syntax', `${fileName}:${error.message}`);
    throw error;
  }
}
