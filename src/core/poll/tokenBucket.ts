import type { Clock } from '../ports';

/**
 * A token bucket: `ratePerSecond` calls on average, bursts of up to `burst`. Waiters are served in
 * arrival order, so a busy poller cannot starve a rarely-called API sharing the bucket.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: Clock,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('a token bucket needs a rate above 0 and a burst of at least 1');
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Take one token now if there is one. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Wait for a token (in arrival order) and take it. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitAndTake(signal));
    // The next waiter queues behind this one whether it succeeds or is aborted.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Milliseconds until a token is free (0 when one is). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  private async waitAndTake(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (this.tryTake()) return;
      await this.clock.sleep(this.waitMs(), signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    // A clock stepped back (NTP, the user) restarts the count from now: otherwise no token would
    // come until the clock had made up the step, an hour's stall for an hour's step.
    if (now < this.updatedAt) this.updatedAt = now;
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
      this.updatedAt = now;
    }
  }
}
