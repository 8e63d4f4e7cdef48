import type { Clock } from './ports';

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      // setTimeout waits at most 2^31−1 ms (about 24.8 days); longer waits would fire at once.
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.min(2_147_483_647, Math.max(0, ms)));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

/**
 * Simulated time for tests and benchmarks: a sleep does not wait; once every pending promise has
 * settled, time jumps to the earliest sleeper and wakes it. Hours of polling run in milliseconds,
 * and rate limits and backoff are measured in simulated seconds.
 */
export class VirtualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /** Move time forward by hand; sleepers due by then wake at the next scheduling turn. */
  advance(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A macrotask runs after every queued microtask: by then all concurrent work has gone to sleep.
    setTimeout(() => {
      this.scheduled = false;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) return;
      if (next.at > this.time) this.time = next.at;
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    }, 0);
  }
}
