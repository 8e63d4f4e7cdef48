import { hash32 } from '../hash';

/**
 * `late`: older than the horizon behind the stream's newest event, so it can no longer be checked
 * against what was seen. It is processed (losing nothing: exports concatenated out of order, one
 * event stamped in the future) and counted, so a report can say that it happened.
 */
export type DedupVerdict = 'new' | 'duplicate' | 'late' | 'invalid';

// Small: most streams of a function are short-lived environments; busy ones grow by doubling.
const INITIAL_CAPACITY = 8;

/** What tells an event from the others of its stream and millisecond. */
export interface Dedup {
  check(time: number, message: string, eventId: string | undefined): DedupVerdict;
}

/**
 * An event's key among those of its stream and millisecond: 32 bits are plenty there; the text's
 * length joins its hash when there is no eventId.
 */
export function eventKey(message: string, eventId: string | undefined): number {
  return eventId !== undefined ? hash32(eventId) : hash32(message) * 1024 + (message.length % 1024);
}

/** The first index in [lo, hi) of sorted `times` whose time is not below `time`. */
export function lowerBound(times: Float64Array, lo: number, hi: number, time: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Exactly-once per log stream. Polls overlap (CloudWatch ingests events 5–20 s late) and pages can
 * be read twice, so every event is checked against those seen within `horizonMs` of the stream's
 * newest event. Polls overlap by less than that horizon, so an event older than it is reported
 * as `late` (see DedupVerdict).
 *
 * Keys are kept compact (time and a hash of the eventId, or of the text when there is
 * none) in time order, so a check is a binary search, and memory is 16 bytes an event.
 */
export class EventDedup implements Dedup {
  private times = new Float64Array(INITIAL_CAPACITY);
  private hashes = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private tail = 0;
  private watermark = Number.NEGATIVE_INFINITY;

  constructor(private readonly horizonMs: number) {}

  check(time: number, message: string, eventId: string | undefined): DedupVerdict {
    if (time < this.watermark - this.horizonMs) return 'late';
    const key = eventKey(message, eventId);
    if (time > this.watermark) {
      this.watermark = time;
      this.prune();
      this.insertAt(this.tail, time, key);
      return 'new';
    }
    // Same or older time: look among the keys of exactly that millisecond.
    let at = lowerBound(this.times, this.head, this.tail, time);
    for (; at < this.tail && this.times[at] === time; at++) {
      if (this.hashes[at] === key) return 'duplicate';
    }
    this.insertAt(at, time, key);
    return 'new';
  }

  /** Events remembered (for memory figures and tests). */
  get size(): number {
    return this.tail - this.head;
  }

  /** Forget everything (the stream went quiet for good). */
  clear(): void {
    this.times = new Float64Array(INITIAL_CAPACITY);
    this.hashes = new Float64Array(INITIAL_CAPACITY);
    this.head = 0;
    this.tail = 0;
  }

  private prune(): void {
    const cutoff = this.watermark - this.horizonMs;
    while (this.head < this.tail && (this.times[this.head] as number) < cutoff) this.head++;
  }

  private insertAt(at: number, time: number, key: number): void {
    if (this.tail === this.times.length) {
      const shift = this.head;
      this.makeRoom();
      at -= shift;
    }
    if (at < this.tail) {
      this.times.copyWithin(at + 1, at, this.tail);
      this.hashes.copyWithin(at + 1, at, this.tail);
    }
    this.times[at] = time;
    this.hashes[at] = key;
    this.tail++;
  }

  /** Compact out pruned entries in place, or grow when the live window fills half the space. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    if (live * 2 <= this.times.length) {
      this.times.copyWithin(0, this.head, this.tail);
      this.hashes.copyWithin(0, this.head, this.tail);
    } else {
      const times = new Float64Array(this.times.length * 2);
      const hashes = new Float64Array(this.times.length * 2);
      times.set(this.times.subarray(this.head, this.tail));
      hashes.set(this.hashes.subarray(this.head, this.tail));
      this.times = times;
      this.hashes = hashes;
    }
    this.head = 0;
    this.tail = live;
  }
}
