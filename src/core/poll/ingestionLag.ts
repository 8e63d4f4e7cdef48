import type { LogEvent } from '../logEvent';

/** How far back a log read reaches, and how long after its end the logs may still fill in. */
export interface ReadMargins {
  /** Each read starts this much before the last read's end, to catch events ingested late. */
  readonly overlapMs: number;
  /** Events may still arrive this much behind the local clock: a read is complete only up to its end less this. */
  readonly lagMs: number;
}

const MINUTE = 60_000;
/** Re-read at least this much: delays of minutes happen under load, and a delay beyond the overlap is never seen, so never learnt. */
export const DEFAULT_MIN_OVERLAP_MS = 3 * MINUTE;
/** A read is never taken as complete closer to its end than this (delays of 5–20 s are normal). */
const MIN_LAG_MS = 30_000;
/** Larger delays are not followed: the overlap (twice the lag) would re-read most of an hour each cycle. */
const MAX_LAG_MS = 10 * MINUTE;
/** The estimates cover this many cycles: a burst of delay keeps the overlap wide for ten minutes. */
const RECENT_CYCLES = 10;
const DELAY_PERCENTILE = 0.99;

/**
 * What the account's logs tell of their own lateness: CloudWatch's ingestion delay (ingestionTime −
 * timestamp, both on AWS's clock) and how far the local clock runs ahead of AWS's (a read ends at
 * the local now; a clock 60 s fast asks for a minute that AWS has not written yet). The overlap is
 * twice the lag, so a delay that grows is seen in the overlap before it outgrows it.
 */
export class IngestionLag implements ReadMargins {
  /** This cycle's delays, by whole second (bounded, whatever the traffic). */
  private readonly histogram = new Uint32Array(MAX_LAG_MS / 1000 + 1);
  private samples = 0;
  private cycleAhead: number | undefined;
  private readonly recentDelays: number[] = [];
  private readonly recentAhead: number[] = [];

  constructor(private readonly minOverlapMs = DEFAULT_MIN_OVERLAP_MS) {}

  /**
   * An event delivered for the first time by a read that keeps up. (Events met while catching up
   * are not sampled: they may have been written long before, by a backfill or while we were away.)
   */
  sampleDelay(event: LogEvent): void {
    if (event.ingestionTime === undefined) return;
    const delay = Math.max(0, event.ingestionTime - event.timestamp);
    const second = Math.min(this.histogram.length - 1, Math.floor(delay / 1000));
    this.histogram[second] = (this.histogram[second] ?? 0) + 1;
    this.samples++;
  }

  /**
   * A page read at local time `readAt`. Its newest event was ingested before AWS answered, so
   * `readAt` − that ingestion time bounds from above how far the local clock runs ahead; the
   * smallest bound of the cycle (a busy group's page) is close to the truth.
   */
  samplePage(events: readonly LogEvent[], readAt: number): void {
    let newest: number | undefined;
    for (const e of events) if (e.ingestionTime !== undefined && (newest === undefined || e.ingestionTime > newest)) newest = e.ingestionTime;
    if (newest === undefined) return;
    const ahead = readAt - newest;
    if (this.cycleAhead === undefined || ahead < this.cycleAhead) this.cycleAhead = ahead;
  }

  /** Close a cycle's samples; a cycle without any keeps the estimates as they were. */
  endCycle(): void {
    if (this.samples > 0) push(this.recentDelays, this.percentileMs(DELAY_PERCENTILE));
    if (this.cycleAhead !== undefined) push(this.recentAhead, Math.max(0, this.cycleAhead));
    this.histogram.fill(0);
    this.samples = 0;
    this.cycleAhead = undefined;
  }

  /** The high-percentile ingestion delay of recent cycles (the worst of them). */
  get delayMs(): number {
    return this.recentDelays.length > 0 ? Math.max(...this.recentDelays) : 0;
  }

  /** How far the local clock runs ahead of AWS's (the tightest recent bound; 0 when behind or unknown). */
  get clockAheadMs(): number {
    return this.recentAhead.length > 0 ? Math.min(...this.recentAhead) : 0;
  }

  get lagMs(): number {
    return clamp(this.delayMs + this.clockAheadMs, MIN_LAG_MS, MAX_LAG_MS);
  }

  get overlapMs(): number {
    return Math.max(this.minOverlapMs, 2 * this.lagMs);
  }

  /** The delay at or under which `share` of this cycle's samples fall, rounded up to the second. */
  private percentileMs(share: number): number {
    const rank = Math.ceil(share * this.samples);
    let seen = 0;
    for (let second = 0; second < this.histogram.length; second++) {
      seen += this.histogram[second] ?? 0;
      if (seen >= rank) return (second + 1) * 1000;
    }
    return MAX_LAG_MS;
  }
}

function push(list: number[], value: number): void {
  list.push(value);
  if (list.length > RECENT_CYCLES) list.shift();
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
