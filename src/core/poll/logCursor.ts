import type { LogEvent } from '../logEvent';

export interface LogWindow {
  readonly start: number;
  readonly end: number;
  readonly nextToken?: string;
}

/** A window is read in spans of at most this: catching up after a pause keeps memory bounded. */
export const MAX_WINDOW_MS = 15 * 60_000;

/**
 * Where reading one log group has got to. Each read asks for [readUpTo − overlap, now): CloudWatch
 * ingests events 5–20 s after their timestamp, so the overlap catches the late ones, and the events
 * of the overlap already seen are recognised by `eventId` and skipped. A window cut short by an
 * error is resumed from its last page token, so nothing is lost and nothing is read twice; if the
 * token can no longer be used (tokens expire after 24 h), the window is read again from its start
 * and the events already delivered are recognised, because every event of an unfinished window is
 * remembered — which is why a window spans at most MAX_WINDOW_MS.
 */
export class LogCursor {
  private readUpTo: number | undefined;
  private pending: { start: number; end: number; nextToken?: string } | undefined;
  /** Event keys with their timestamps: the current window's, and the overlap of the last one. */
  private readonly seen = new Map<string, number>();

  constructor(
    readonly logGroup: string,
    private readonly overlapMs: number,
    private readonly maxWindowMs = MAX_WINDOW_MS,
  ) {}

  /** Everything before this time has been read (undefined before the first complete read). */
  get completeUpTo(): number | undefined {
    return this.readUpTo;
  }

  get hasPendingWindow(): boolean {
    return this.pending !== undefined;
  }

  /** True when the group has been read up to `now` (no window open, nothing left to catch up). */
  caughtUp(now: number): boolean {
    return this.pending === undefined && this.readUpTo !== undefined && this.readUpTo >= now - 1;
  }

  /**
   * The window to read now: the unfinished one, or the next one (a first read goes `lookbackMs`
   * back, a read after a long pause no further than `maxLookbackMs`). Undefined when there is
   * nothing new to read (the clock stepped back).
   */
  window(now: number, lookbackMs: number, maxLookbackMs: number): LogWindow | undefined {
    if (!this.pending) {
      const from = this.readUpTo === undefined ? now - lookbackMs : Math.max(this.readUpTo - this.overlapMs, now - maxLookbackMs);
      const end = Math.min(now, from + this.maxWindowMs);
      if (end <= from || (this.readUpTo !== undefined && end <= this.readUpTo)) return undefined;
      this.pending = { start: from, end };
    }
    return this.pending;
  }

  /** True the first time an event is seen; false for a re-read. */
  admit(event: LogEvent): boolean {
    const key = event.eventId ?? `${event.logStreamName}\u0000${event.timestamp}\u0000${event.message}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, event.timestamp);
    return true;
  }

  /** A page was read and its events admitted: the window resumes after it, or is complete. */
  pageRead(nextToken: string | undefined): void {
    if (!this.pending) return;
    if (nextToken === undefined) {
      // Never backwards, even if the clock was.
      this.readUpTo = Math.max(this.readUpTo ?? Number.NEGATIVE_INFINITY, this.pending.end);
      this.pending = undefined;
      this.forgetBefore(this.readUpTo - this.overlapMs);
    } else {
      this.pending = { ...this.pending, nextToken };
    }
  }

  /** The page token cannot be used any more: read the window again from its start. */
  restartWindow(): void {
    if (this.pending) this.pending = { start: this.pending.start, end: this.pending.end };
  }

  /** Give up the unfinished window (its group is denied or gone); the next read starts afresh. */
  dropWindow(): void {
    this.pending = undefined;
  }

  /** Events remembered (memory figures, tests). */
  get rememberedEvents(): number {
    return this.seen.size;
  }

  private forgetBefore(time: number): void {
    for (const [key, timestamp] of this.seen) if (timestamp < time) this.seen.delete(key);
  }
}
