/** How a fake route answers: Discord's status codes and its `{ code, message }` error bodies. */
import type { FakeRecords, RecordedRequest } from './records.js';

export interface RouteAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export type Handler = (req: RecordedRequest, params: string[], records: FakeRecords, gatewayUrl: string) => RouteAnswer;

export const ok = (body: unknown): RouteAnswer => ({ status: 200, body });
export const noContent: RouteAnswer = { status: 204 };
export const error = (status: number, code: number, message: string): RouteAnswer => ({
  status,
  body: { code, message },
});

export function unknownChannel(): RouteAnswer {
  return error(404, 10003, 'Unknown Channel');
}
