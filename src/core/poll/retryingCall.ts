import { SourceError, type Clock } from '../ports';
import type { ApiLimits, ApiOperation } from './apiLimits';
import { fullJitterDelay, type BackoffPolicy } from './backoff';

export interface CallContext {
  readonly limits: ApiLimits;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly signal?: AbortSignal;
  /** Told of each retry (for health: a throttled profile is degraded, not failing). */
  readonly onRetry?: (operation: ApiOperation, error: SourceError, delayMs: number) => void;
}

/** Anything thrown by a port as a SourceError (ports should classify; this is the safety net). */
export function asSourceError(error: unknown, operation: ApiOperation): SourceError {
  if (error instanceof SourceError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new SourceError('aborted', `${operation} was cancelled`, { operation });
  return new SourceError('unknown', `${operation} failed unexpectedly`, { operation });
}

/**
 * One API call under the operation's rate limit, retried with full-jitter backoff while the
 * failure is transient (throttling, 5xx, network). Anything else is thrown at once.
 */
export async function retryingCall<T>(operation: ApiOperation, call: () => Promise<T>, context: CallContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await context.limits.acquire(operation, context.signal);
    try {
      return await call();
    } catch (caught) {
      const error = asSourceError(caught, operation);
      if (!error.retryable || attempt >= context.backoff.maxAttempts || context.signal?.aborted) throw error;
      const delayMs = fullJitterDelay(attempt, context.backoff, context.random);
      context.onRetry?.(operation, error, delayMs);
      await context.clock.sleep(delayMs, context.signal);
    }
  }
}
