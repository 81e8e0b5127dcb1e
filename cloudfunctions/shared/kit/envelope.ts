import type { ErrorDetails } from './errors';

/** The one reply body every action and HTTP route returns. */
export interface Envelope<T = unknown> {
  code: number;
  message: string;
  data: T | null;
  details?: ErrorDetails;
  requestId?: string;
}

export function success<T>(data: T, message = 'ok', requestId?: string): Envelope<T> {
  return { code: 0, message, data, ...(requestId ? { requestId } : {}) };
}

export function failure(code: number, message: string, details?: ErrorDetails, requestId?: string): Envelope<null> {
  return { code, message, data: null, ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) };
}
