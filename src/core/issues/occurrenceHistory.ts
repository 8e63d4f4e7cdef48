const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * How often an issue happened, per hour over the last 72 hours and per day over the last 90 days
 * (of the issue's own newest occurrence): enough to see whether a fix held. Two small rings of
 * counters (648 bytes an issue), so a function's thousand issues stay well under a megabyte.
 */
export class OccurrenceHistory {
  private readonly hours = new Uint32Array(72);
  private readonly days = new Uint32Array(90);
  private lastHour = Number.NEGATIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;

  add(time: number, count = 1): void {
    this.lastHour = bump(this.hours, Math.floor(time / HOUR), this.lastHour, count);
    this.lastDay = bump(this.days, Math.floor(time / DAY), this.lastDay, count);
  }

  /** Occurrences per hour, oldest first, ending with the newest occurrence's hour. */
  perHour(): Array<{ readonly time: number; readonly count: number }> {
    return series(this.hours, this.lastHour, HOUR);
  }

  /** Occurrences per day (UTC), oldest first. */
  perDay(): Array<{ readonly time: number; readonly count: number }> {
    return series(this.days, this.lastDay, DAY);
  }
}

/** Count `slot` in the ring whose newest slot is `last`; returns the new newest slot. */
function bump(ring: Uint32Array, slot: number, last: number, count: number): number {
  const size = ring.length;
  if (slot > last) {
    // Slots between the old newest and this one had no occurrence: clear what they reused.
    const gap = Number.isFinite(last) ? Math.min(size, slot - last) : size;
    for (let k = 0; k < gap; k++) ring[(((slot - k) % size) + size) % size] = 0;
    last = slot;
  } else if (slot <= last - size) {
    return last; // older than the ring keeps
  }
  const i = ((slot % size) + size) % size;
  ring[i] = (ring[i] as number) + count;
  return last;
}

function series(ring: Uint32Array, last: number, width: number): Array<{ time: number; count: number }> {
  if (!Number.isFinite(last)) return [];
  const size = ring.length;
  const out: Array<{ time: number; count: number }> = [];
  for (let slot = last - size + 1; slot <= last; slot++) out.push({ time: slot * width, count: ring[((slot % size) + size) % size] as number });
  // Leading empty slots say nothing: start at the first occurrence.
  const first = out.findIndex((p) => p.count > 0);
  return first < 0 ? [] : out.slice(first);
}
