import type { PageStatus } from '../components/page-state/index';
import { errorMessage, isApiError } from '../services/errors';

/**
 * The page-state data for a load that failed. 重试 is offered unless retrying cannot help: the
 * caller is not allowed, or the record does not exist.
 */
export function errorState(error: unknown): { status: PageStatus; errorText: string; retryable: boolean } {
  const final = isApiError(error) && (error.isForbidden || error.isNotFound);
  return { status: 'error', errorText: errorMessage(error), retryable: !final };
}
