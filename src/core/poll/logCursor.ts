import type { LogEvent } from '../logEvent';
import { hash32 } from '../hash';
import type { ReadMargins } from './ingestionLag';

export interface LogWindow {
  readonly start: number;
  readonly end: number;
  readonly nextToken?: string;
  /**
   * The cursor is far behind (a first read, after a pause): the window's events may have been
   * written long ago, so their ingestion delays say nothing of today's.
   */
  readonly catchingUp: boolean;
}

/** A window is read in spans of at most this: catching up after a pause keeps memory bounded. */
export const MAX_WINDOW_MS = 15 * 60_000;

/**
 * Where reading one log group has got to. Each read asks for [readUpTo − overlap, now): CloudWatch
 * ingests events seconds to minutes after their timestamp (and a local clock running fast asks for
 * time AWS has not reached), so the overlap catches the late ones, and the events of the overlap
 * already seen are recognised by `eventId` and skipped. The margins may change from read to read
 * (see IngestionLag). A window cut short by an error is resumed from its last page token, so
 * nothing is lost and nothing is read twice; if the token can no longer be used (tokens expire
 * after 24 h), the window is read again from its start and the events already delivered are
 * recognised, because every event of an unfinished window is remembered — which is why a window
 * spans at most MAX_WINDOW_MS beyond what was read before.
 */
export class LogCursor {
  private readUpTo: number | undefined;
  private pending: { start: number; end: number; nextToken?: string; catchingUp: boolean } | undefined;
  /**
   * The events of the current window and of the last one's overlap, by timestamp: a 32-bit hash
   * of each event's id (or text) among those of its millisecond. Minutes of a busy group's events
   * are remembered, so compactly (no id strings kept).
   */
  private readonly seen = new Map<number, number | number[]>();
  private seenCount = 0;
  /** Events before this were forgotten: a read reaching back before it would deliver them again. */
  private forgottenBefore = Number.NEGATIVE_INFINITY;
  /** The newest timestamp delivered: AWS's time, where `readUpTo` is the local clock's. */
  private newest = Number.NEGATIVE_INFINITY;

  constructor(
    readonly logGroup: string,
    private readonly margins: ReadMargins,
    private readonly maxWindowMs = MAX_WINDOW_MS,
  ) {}

  /**
   * Events before this time have all been read, as far as can be told: the last read's end less
   * the lag with which events may still arrive (undefined before the first complete read).
   */
  get completeUpTo(): number | undefined {
    return this.readUpTo === undefined ? undefined : this.readUpTo - this.margins.lagMs;
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
      const last = this.readUpTo;
      const from = last === undefined ? now - lookbackMs : Math.max(last - this.margins.overlapMs, this.forgottenBefore, now - maxLookbackMs);
      // The overlap is re-read on top of at most a window's span of new time.
      const end = Math.min(now, Math.max(from, last ?? from) + this.maxWindowMs);
      if (end <= from || (last !== undefined && end <= last)) return undefined;
      this.pending = { start: from, end, catchingUp: last === undefined || now - last >= this.maxWindowMs };
    }
    return this.pending;
  }

  /** True the first time an event is seen; false for a re-read. */
  admit(event: LogEvent): boolean {
    const key = event.eventId !== undefined ? hash32(event.eventId) : hash32(`${event.logStreamName}\u0000${event.message}`);
    const time = event.timestamp;
    const there = this.seen.get(time);
    if (there === undefined) this.seen.set(time, key);
    else if (typeof there === 'number') {
      if (there === key) return false;
      this.seen.set(time, [there, key]);
    } else {
      if (there.includes(key)) return false;
      there.push(key);
    }
    this.seenCount++;
    if (time > this.newest) this.newest = time;
    return true;
  }

  /** A page was read and its events admitted: the window resumes after it, or is complete. */
  pageRead(nextToken: string | undefined): void {
    if (!this.pending) return;
    if (nextToken === undefined) {
      // Never backwards, even if the clock was.
      this.readUpTo = Math.max(this.readUpTo ?? Number.NEGATIVE_INFINITY, this.pending.end);
      this.pending = undefined;
      // Kept for an overlap before the newest event, not only before the read's end: a clock
      // found running ahead widens the overlap, and it must find the events it reaches remembered.
      this.forgetBefore(Math.min(this.readUpTo, this.newest + 1) - this.margins.overlapMs);
    } else {
      this.pending = { ...this.pending, nextToken };
    }
  }

  /** The page token cannot be used any more: read the window again from its start. */
  restartWindow(): void {
    if (this.pending) this.pending = { start: this.pending.start, end: this.pending.end, catchingUp: this.pending.catchingUp };
  }

  /** Give up the unfinished window (its group is denied or gone); the next read starts afresh. */
  dropWindow(): void {
    this.pending = undefined;
  }

  /** Events remembered (memory figures, tests). */
  get rememberedEvents(): number {
    return this.seenCount;
  }

  private forgetBefore(time: number): void {
    if (time <= this.forgottenBefore) return;
    this.forgottenBefore = time;
    for (const [timestamp, keys] of this.seen) {
      if (timestamp >= time) continue;
      this.seen.delete(timestamp);
      this.seenCount -= typeof keys === 'number' ? 1 : keys.length;
    }
  }
}
