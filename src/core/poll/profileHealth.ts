import type { SourceError } from '../ports';

/**
 * - ok: the last cycle read everything it meant to.
 * - degraded: data flows, but some of it late or missing (throttling, one function denied).
 * - failing: nothing can be read (no permission to list functions, a bad region, the network).
 * - paused: credentials expired or missing; polling waits until they are fixed.
 */
export type HealthState = 'ok' | 'degraded' | 'failing' | 'paused';

export interface ProfileHealth {
  readonly state: HealthState;
  /** What is wrong, for people: never a secret. */
  readonly reason?: string;
  /** Since when this state holds. */
  readonly since: number;
}

export function healthFromError(error: SourceError, now: number): ProfileHealth {
  switch (error.kind) {
    case 'credentials':
      return { state: 'paused', reason: error.message, since: now };
    case 'throttled':
    case 'unavailable':
      // The poller tries again (the error itself says what failed, not what happens next: the CLI gives up).
      return { state: 'degraded', reason: `${error.message} Retrying with backoff.`, since: now };
    default:
      return { state: 'failing', reason: error.message, since: now };
  }
}
