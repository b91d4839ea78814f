/**
 * Who leads a session: round robin over the members who volunteered (in the order
 * they volunteered), continuing after the previous session's facilitator, and
 * skipping anyone who said they cannot come to this session.
 */
import type { Member, Session } from './model.js';

export function volunteers(members: readonly Member[]): string[] {
  return members
    .filter((m) => m.volunteeredAt !== null)
    .sort(
      (a, b) =>
        (a.volunteeredAt?.getTime() ?? 0) - (b.volunteeredAt?.getTime() ?? 0) || a.userId.localeCompare(b.userId),
    )
    .map((m) => m.userId);
}

/** The facilitator of the latest earlier session that had one. */
export function previousFacilitator(sessions: readonly Session[], number: number): string | null {
  const earlier = sessions.filter((s) => s.number < number && s.facilitatorId !== null);
  return earlier[earlier.length - 1]?.facilitatorId ?? null;
}

export function pickFacilitator(
  order: readonly string[],
  previous: string | null,
  unavailable: ReadonlySet<string>,
): string | null {
  if (order.length === 0) return null;
  const start = previous === null ? 0 : order.indexOf(previous) + 1;
  for (let i = 0; i < order.length; i++) {
    const candidate = order[(start + i) % order.length];
    if (candidate !== undefined && !unavailable.has(candidate)) return candidate;
  }
  return null;
}
