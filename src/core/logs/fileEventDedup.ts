import { eventKey, lowerBound, type Dedup, type DedupVerdict } from './eventDedup';

/**
 * Exactly-once over a whole file: every event of the stream is remembered (no horizon), so copies
 * any distance apart in the file count once, whatever the order. Events in time order are appended
 * to compact sorted arrays (16 bytes an event); an event older than the stream's newest goes to a
 * map by time instead, so input in any order costs a lookup, never a shift of what follows it.
 */
export class FileEventDedup implements Dedup {
  private times = new Float64Array(8);
  private hashes = new Float64Array(8);
  private length = 0;
  /** Keys of events that came after a newer one of the stream, by time. */
  private older: Map<number, number | number[]> | undefined;

  check(time: number, message: string, eventId: string | undefined): DedupVerdict {
    const key = eventKey(message, eventId);
    const n = this.length;
    const newest = n > 0 ? (this.times[n - 1] as number) : Number.NEGATIVE_INFINITY;
    if (time > newest) {
      this.append(time, key);
      return 'new';
    }
    for (let at = lowerBound(this.times, 0, n, time); at < n && this.times[at] === time; at++) {
      if (this.hashes[at] === key) return 'duplicate';
    }
    // Keys in `older` are all older than `newest` was when they came, so none has its time.
    if (time === newest) {
      this.append(time, key);
      return 'new';
    }
    const older = (this.older ??= new Map());
    const seen = older.get(time);
    if (seen === undefined) {
      older.set(time, key);
    } else if (typeof seen === 'number') {
      if (seen === key) return 'duplicate';
      older.set(time, [seen, key]);
    } else {
      if (seen.includes(key)) return 'duplicate';
      seen.push(key);
    }
    return 'new';
  }

  /** Events remembered (for memory figures and tests). */
  get size(): number {
    let older = 0;
    for (const keys of this.older?.values() ?? []) older += typeof keys === 'number' ? 1 : keys.length;
    return this.length + older;
  }

  /**
   * Every key in one array, [time, hash, time, hash, …] in time order, after `head` (whatever the
   * caller keeps with them): the smallest form, for a stream set aside until it comes back (if
   * ever). `FileEventDedup.unpack(packed, head.length)` restores it.
   */
  pack(head: readonly number[] = []): number[] {
    const pairs: Array<[number, number]> = [];
    for (const [time, keys] of this.older ?? []) {
      for (const key of typeof keys === 'number' ? [keys] : keys) pairs.push([time, key]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    // A plain array of doubles: a small typed array costs hundreds of bytes beyond its data.
    const packed = new Array<number>(head.length + 2 * (this.length + pairs.length));
    let out = 0;
    for (const value of head) packed[out++] = value;
    // Merge the in-order keys with the sorted older ones.
    let i = 0;
    let j = 0;
    while (i < this.length || j < pairs.length) {
      const pair = pairs[j];
      if (i < this.length && (pair === undefined || (this.times[i] as number) <= pair[0])) {
        packed[out++] = this.times[i] as number;
        packed[out++] = this.hashes[i] as number;
        i++;
      } else if (pair) {
        packed[out++] = pair[0];
        packed[out++] = pair[1];
        j++;
      }
    }
    return packed;
  }

  /** The de-dup `pack` gave, its keys starting at `from` (after the caller's head). */
  static unpack(packed: readonly number[], from = 0): FileEventDedup {
    const dedup = new FileEventDedup();
    const n = (packed.length - from) / 2;
    dedup.times = new Float64Array(Math.max(8, n));
    dedup.hashes = new Float64Array(Math.max(8, n));
    for (let i = 0; i < n; i++) {
      dedup.times[i] = packed[from + 2 * i] as number;
      dedup.hashes[i] = packed[from + 2 * i + 1] as number;
    }
    dedup.length = n;
    return dedup;
  }

  private append(time: number, key: number): void {
    if (this.length === this.times.length) {
      const capacity = Math.max(8, this.length * 2);
      const times = new Float64Array(capacity);
      const hashes = new Float64Array(capacity);
      times.set(this.times);
      hashes.set(this.hashes);
      this.times = times;
      this.hashes = hashes;
    }
    this.times[this.length] = time;
    this.hashes[this.length] = key;
    this.length++;
  }
}
