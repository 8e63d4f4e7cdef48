/**
 * The requests a log stream has finished, so that a re-read of their lines (even past the
 * de-duplication horizon, or keyed otherwise) does not count them again, while a new attempt of
 * one (Lambda retries a failed asynchronous invocation with the same request id) still counts.
 *
 * Each request is kept as its key (hash53 of its id), the time span its attempts covered (START
 * of the first — or −∞ when an attempt's START was not read — to the last line of the last) and
 * whether its latest attempt had a REPORT. A line inside the span is one of theirs; a START
 * outside it is another attempt. The newest CAPACITY requests are kept (a request seen again
 * becomes the newest), in a flat array of numbers: 32 bytes a request.
 */
const CAPACITY = 256;
const STRIDE = 4;

export class FinishedRequestMemory {
  /** key → slot. */
  private readonly slots = new Map<number, number>();
  /** Per slot: key (NaN once the request moved to a newer slot), start, end, 1 if reported. */
  private readonly ring: number[] = [];
  /** The oldest slot, once the ring is full. */
  private next = 0;

  remember(key: number, start: number, end: number, reported: boolean): void {
    const ring = this.ring;
    let flag = reported ? 1 : 0;
    const known = this.slots.get(key);
    if (known !== undefined) {
      // Another attempt (or a late part) of a request already here: one span, and it moves to newest.
      const at = known * STRIDE;
      const knownEnd = ring[at + 2] as number;
      if (end < knownEnd) flag = ring[at + 3] as number;
      start = Math.min(start, ring[at + 1] as number);
      end = Math.max(end, knownEnd);
      ring[at] = Number.NaN;
      this.slots.delete(key);
    }
    let slot: number;
    if (ring.length < CAPACITY * STRIDE) {
      slot = ring.length / STRIDE;
      ring.push(key, start, end, flag);
    } else {
      slot = this.next;
      const at = slot * STRIDE;
      const evicted = ring[at] as number;
      if (this.slots.get(evicted) === slot) this.slots.delete(evicted);
      ring[at] = key;
      ring[at + 1] = start;
      ring[at + 2] = end;
      ring[at + 3] = flag;
      this.next = (slot + 1) % CAPACITY;
    }
    this.slots.set(key, slot);
  }

  has(key: number): boolean {
    return this.slots.has(key);
  }

  /** Whether a line of the request at `time` falls in the span its finished attempts covered. */
  covers(key: number, time: number): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    const at = slot * STRIDE;
    return time >= (this.ring[at + 1] as number) && time <= (this.ring[at + 2] as number);
  }

  /** Whether the request's latest attempt was finalised without its REPORT (which may still come). */
  endedUnreported(key: number): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && this.ring[slot * STRIDE + 3] === 0;
  }

  /** A line of a finished request came later than its span (asynchronous work logging late). */
  extend(key: number, time: number): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    const at = slot * STRIDE + 2;
    if (time > (this.ring[at] as number)) this.ring[at] = time;
  }

  /** Everything remembered, oldest first: [key, start, end, reported, key, …]. */
  entries(): number[] {
    const ring = this.ring;
    const out: number[] = [];
    const slots = ring.length / STRIDE;
    const first = slots < CAPACITY ? 0 : this.next;
    for (let i = 0; i < slots; i++) {
      const at = ((first + i) % slots) * STRIDE;
      if (!Number.isNaN(ring[at] as number)) out.push(ring[at] as number, ring[at + 1] as number, ring[at + 2] as number, ring[at + 3] as number);
    }
    return out;
  }

  /** Remember what entries() of another memory gave (a stream set aside and met again). */
  restore(entries: readonly number[]): void {
    for (let at = 0; at + STRIDE <= entries.length; at += STRIDE) {
      this.remember(entries[at] as number, entries[at + 1] as number, entries[at + 2] as number, entries[at + 3] === 1);
    }
  }
}
