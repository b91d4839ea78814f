/** The input as a whole cannot be imported (binary, empty, unparseable, wrong shape). */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
  constructor(
    readonly code: 'binary' | 'empty' | 'syntax' | 'shape' | 'nothing-found' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}
