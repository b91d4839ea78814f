/** What the outbox and a feature's failure handler learn from an error a platform call threw. */
import { DeliveryError } from '../ports.js';
import type { DeliveryFailure } from './outbox-options.js';

export function failureOf(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryError) {
    return {
      code: error.code,
      reason: error.reason,
      permanent: error.permanent,
      message: error.message,
      explanation: error.explanation,
    };
  }
  return {
    code: 'unexpected',
    reason: 'transient',
    permanent: false,
    message: error instanceof Error ? error.message : String(error),
  };
}
