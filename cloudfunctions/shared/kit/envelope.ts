import type { Envelope } from '../../../typings/api/common';
import type { ErrorDetails } from './errors';

export type { Envelope };

export function success<T>(data: T, message = 'ok', requestId?: string): Envelope<T> {
  return { code: 0, message, data, ...(requestId ? { requestId } : {}) };
}

export function failure(code: number, message: string, details?: ErrorDetails, requestId?: string): Envelope<null> {
  return { code, message, data: null, ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) };
}
