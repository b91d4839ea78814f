/**
 * What a feature is: one declaration per folder under `features/`, listing everything
 * it adds to the bot. The registry (commands, buttons, forms, completers) and the
 * scheduled work (sweeper and outbox) are assembled from the list of declarations in
 * `features/index.ts`, so adding a feature means adding one declaration there.
 */
import type { DeliveryRecord } from '../jobs/deliveries.js';
import type { ScheduledFeature } from '../jobs/features.js';
import type { DeliveryFailure } from '../jobs/outbox.js';
import type { Services } from '../services.js';
import type {
  ActionSpec,
  CommandSpec,
  CompleterSpec,
  MessageSpec,
  ModalSpec,
  SubcommandSpec,
} from '../commands/spec.js';
import type { DeliveryKeys } from './delivery-keys.js';

/** A slash command a feature owns. Its subcommands come from every feature's `subcommands`. */
export interface CommandDeclaration {
  /** The slash command without its slash: `agenda`, `readinggroup`. */
  readonly name: string;
  readonly description: string;
  /** Run for the bare command (`/agenda` alone). */
  readonly defaultSubcommand: string;
  /**
   * Builds the command's `help` subcommand (listed first). It gets the command itself
   * and every command, read when help runs: only then are all features' subcommands known.
   */
  help?(self: () => CommandSpec, all: () => readonly CommandSpec[]): SubcommandSpec;
}

/** Work a feature posts on a schedule, through the shared exactly-once ledger. */
export interface ScheduledWork {
  /** The feature's delivery keys; the outbox routes a failed post to the feature owning its key. */
  readonly keys: DeliveryKeys;
  /** Writes what has fallen due as pending deliveries. Must not post. */
  plan(services: Services, now: Date): Promise<void> | void;
  /** A pending post due longer ago than this is not made any more (missed during downtime). */
  staleAfterMs?(services: Services): number;
  /** Called once when one of its posts fails for good: pause what caused it, tell its owner. */
  onFailed?(services: Services, record: DeliveryRecord, failure: DeliveryFailure): Promise<void> | void;
}

export interface Feature {
  readonly name: string;
  readonly commands?: readonly CommandDeclaration[];
  /** Subcommands this feature adds, by the name of the command they join (its own or another feature's). */
  readonly subcommands?: Readonly<Record<string, readonly SubcommandSpec[]>>;
  readonly actions?: readonly ActionSpec[];
  readonly modals?: readonly ModalSpec[];
  readonly completers?: readonly CompleterSpec[];
  /** Reads channel messages (adapters pass them only when the operator turned that on). */
  readonly messages?: MessageSpec;
  readonly scheduled?: ScheduledWork;
}

/** A feature's scheduled work in the shape the sweeper and the outbox take. */
export function scheduledFeatureOf(name: string, work: ScheduledWork): ScheduledFeature {
  return {
    name,
    provider: (services) => ({ name, plan: (now) => work.plan(services, now) }),
    handler: (services) => {
      const staleAfterMs = work.staleAfterMs?.(services);
      return {
        prefix: work.keys.prefix,
        ...(staleAfterMs === undefined ? {} : { staleAfterMs }),
        ...(work.onFailed ? { onFailed: (record, failure) => work.onFailed?.(services, record, failure) } : {}),
      };
    },
  };
}

/** The scheduled work of every feature that has some, in the order of the list. */
export function scheduledFeaturesOf(features: readonly Feature[]): ScheduledFeature[] {
  return features.flatMap((f) => (f.scheduled ? [scheduledFeatureOf(f.name, f.scheduled)] : []));
}
