import type { Invocation } from '../invocation';
import { StatsBucket } from './statsBucket';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface RetentionPolicy {
  /** Newest minutes kept at one-minute resolution. */
  readonly minutes: number;
  /** Then hours at one-hour resolution, then days; older days are dropped. */
  readonly hours: number;
  readonly days: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { minutes: 180, hours: 72, days: 90 };

export interface TimeWindow {
  /** Inclusive start, ms since the epoch. */
  readonly from: number;
  /** Exclusive end. */
  readonly to: number;
}

/**
 * A function's statistics in time buckets: one minute wide for recent data, rolled up into hours
 * and days as they age, so memory stays bounded however many invocations arrive.
 */
export class BucketSeries {
  private readonly tiers: Array<Map<number, StatsBucket>> = [new Map(), new Map(), new Map()];
  private readonly widths = [MINUTE, HOUR, DAY];
  private newest = Number.NEGATIVE_INFINITY;
  droppedInvocations = 0;

  constructor(private readonly retention: RetentionPolicy = DEFAULT_RETENTION) {}

  add(invocation: Invocation, thresholdMs: number | undefined): void {
    const time = invocation.startTime;
    if (time > this.newest) this.newest = time;
    const tier = this.tierFor(time);
    if (tier < 0) {
      this.droppedInvocations++;
      return;
    }
    this.bucket(tier, time).add(invocation, thresholdMs);
    this.compact();
  }

  /**
   * Merge every bucket that overlaps the window into one. Whole buckets: an error in the window is
   * never left out, but the figures may reach back before the window (to the summary's
   * `coversFrom`), so a rate must divide by that longer span (see analysisReport's coverage).
   */
  summarize(window?: TimeWindow): StatsBucket {
    const from = window?.from ?? Number.NEGATIVE_INFINITY;
    const to = window?.to ?? Number.POSITIVE_INFINITY;
    const total = new StatsBucket(Number.isFinite(from) ? from : 0, 0);
    for (let tier = this.tiers.length - 1; tier >= 0; tier--) {
      const width = this.widths[tier] as number;
      const buckets = [...(this.tiers[tier] as Map<number, StatsBucket>).values()].sort((a, b) => a.start - b.start);
      for (const bucket of buckets) {
        if (bucket.start + width > from && bucket.start < to) total.merge(bucket);
      }
    }
    return total;
  }

  /** Per-bucket figures for charts, at the finest resolution still held for each time. */
  buckets(): StatsBucket[] {
    return this.tiers.flatMap((t) => [...t.values()]).sort((a, b) => a.start - b.start);
  }

  get bucketCount(): number {
    return this.tiers.reduce((n, t) => n + t.size, 0);
  }

  private tierFor(time: number): number {
    const age = this.newest - time;
    if (age < this.retention.minutes * MINUTE) return 0;
    if (age < this.retention.minutes * MINUTE + this.retention.hours * HOUR) return 1;
    if (age < this.retention.minutes * MINUTE + this.retention.hours * HOUR + this.retention.days * DAY) return 2;
    return -1;
  }

  private bucket(tier: number, time: number): StatsBucket {
    const width = this.widths[tier] as number;
    const start = Math.floor(time / width) * width;
    const map = this.tiers[tier] as Map<number, StatsBucket>;
    let bucket = map.get(start);
    if (!bucket) {
      bucket = new StatsBucket(start, width);
      map.set(start, bucket);
    }
    return bucket;
  }

  /** Roll buckets that aged out of their tier into the next, coarser one. */
  private compact(): void {
    for (let tier = 0; tier < this.tiers.length; tier++) {
      const map = this.tiers[tier] as Map<number, StatsBucket>;
      const width = this.widths[tier] as number;
      const limit = tier === 0 ? this.retention.minutes : tier === 1 ? this.retention.hours : this.retention.days;
      if (map.size <= limit) continue;
      const cutoff = this.cutoff(tier);
      for (const [start, bucket] of map) {
        if (start + width > cutoff) continue;
        map.delete(start);
        if (tier + 1 < this.tiers.length) this.bucket(tier + 1, start).merge(bucket);
        else this.droppedInvocations += bucket.invocations;
      }
    }
  }

  private cutoff(tier: number): number {
    let span = this.retention.minutes * MINUTE;
    if (tier >= 1) span += this.retention.hours * HOUR;
    if (tier >= 2) span += this.retention.days * DAY;
    return this.newest - span;
  }
}
