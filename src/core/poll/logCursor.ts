import type { LogEvent } from '../logEvent';

export interface LogWindow {
  readonly start: number;
  readonly end: number;
  readonly nextToken?: string;
}

/**
 * Where reading one log group has got to. Each read asks for [readUpTo − overlap, now): CloudWatch
 * ingests events 5–20 s after their timestamp, so the overlap catches the late ones, and the events
 * of the overlap already seen are recognised by `eventId` and skipped. A window cut short by an
 * error is resumed from its last page token, so nothing is lost and nothing is read twice.
 */
export class LogCursor {
  private readUpTo: number | undefined;
  private pending: { start: number; end: number; nextToken?: string } | undefined;
  /** Event keys with their timestamps, for events at or after readUpTo − overlap. */
  private readonly seen = new Map<string, number>();

  constructor(
    readonly logGroup: string,
    private readonly overlapMs: number,
  ) {}

  /** Everything before this time has been read (undefined before the first complete read). */
  get completeUpTo(): number | undefined {
    return this.readUpTo;
  }

  get hasPendingWindow(): boolean {
    return this.pending !== undefined;
  }

  /** The window to read now: the unfinished one, or the next one (first reads go `lookbackMs` back). */
  window(now: number, lookbackMs: number, maxLookbackMs: number): LogWindow {
    if (!this.pending) {
      const from = this.readUpTo === undefined ? now - lookbackMs : Math.max(this.readUpTo - this.overlapMs, now - maxLookbackMs);
      this.pending = { start: from, end: now };
    }
    return this.pending;
  }

  /** True the first time an event is seen in the overlap; false for a re-read. */
  admit(event: LogEvent): boolean {
    const key = event.eventId ?? `${event.logStreamName}\u0000${event.timestamp}\u0000${event.message}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, event.timestamp);
    return true;
  }

  /** A page was read and its events admitted: the window resumes after it. */
  pageRead(nextToken: string | undefined): void {
    if (!this.pending) return;
    if (nextToken === undefined) {
      this.readUpTo = this.pending.end;
      this.pending = undefined;
      this.forgetBefore(this.readUpTo - this.overlapMs);
    } else {
      this.pending = { ...this.pending, nextToken };
    }
  }

  /** Events remembered for the overlap (memory figures, tests). */
  get rememberedEvents(): number {
    return this.seen.size;
  }

  private forgetBefore(time: number): void {
    for (const [key, timestamp] of this.seen) if (timestamp < time) this.seen.delete(key);
  }
}
