/**
 * Exponential backoff with full jitter (a random delay between 0 and min(cap, base × 2^attempt)):
 * clients that failed together do not retry together, which is what throttling needs.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 20_000, maxAttempts: 5 };

/** The delay before retry number `attempt` (1 for the first retry); `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
