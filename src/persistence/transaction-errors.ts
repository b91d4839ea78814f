/** Errors both storage backends raise for misused transactions (`UnitOfWork.atomically`). */

/** Thrown when work inside `atomically` calls an outer store: it would wait for its own transaction forever. */
export class OuterStoreInTransactionError extends Error {
  override readonly name = 'OuterStoreInTransactionError';
  constructor() {
    super('an outer store was called inside atomically(): use the stores it passes (tx) instead');
  }
}
