import type { LambdaMetricName, MetricSeries, MetricStat } from '../ports';

type SeriesKey = `${LambdaMetricName}:${MetricStat}`;
/** Coarse periods also hold the invocations of the minutes that had durations: what their average divides by. */
type CoarseKey = SeriesKey | 'Invocations:WithDuration';

/** Window figures from CloudWatch metrics (throttles never reach the logs). */
export interface MetricTotals {
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Average duration (Duration Sum ÷ Invocations, over the periods both were read for), when there were invocations with durations. */
  readonly durationAvgMs?: number;
  readonly durationMaxMs?: number;
  readonly concurrentExecutionsMax?: number;
}

type Visitor = (time: number, value: number) => void;

/**
 * One function's metric datapoints, by period start. A re-read period replaces the earlier
 * value: CloudWatch revises recent datapoints as late data arrives, so the latest answer is the
 * right one, and overlapping reads never count twice. Subclasses decide how points are held.
 */
abstract class MetricFigures {
  abstract record(series: MetricSeries, now: number): void;

  /** Each held point of a series with `from <= time < to`, in no particular order. */
  protected abstract visit(key: SeriesKey, from: number, to: number, visitor: Visitor): void;

  /**
   * Duration Sum and Invocations over the periods both were read for: durations may be read less
   * often than invocations (in turn, on a busy account), and a period with only one of the two
   * must not skew the average.
   */
  protected abstract durationPairs(from: number, to: number): { durationSum: number; invocations: number };

  /** The latest period start with invocations, if any. */
  lastInvocationAt(): number | undefined {
    return this.lastNonZero('Invocations:Sum');
  }

  /** The latest period start with requests, invoked or throttled, if any. */
  lastRequestAt(): number | undefined {
    const invoked = this.lastInvocationAt();
    const throttled = this.lastNonZero('Throttles:Sum');
    return invoked === undefined ? throttled : throttled === undefined ? invoked : Math.max(invoked, throttled);
  }

  protected lastNonZero(key: SeriesKey): number | undefined {
    let last: number | undefined;
    this.visit(key, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, (time, value) => {
      if (value > 0 && (last === undefined || time > last)) last = time;
    });
    return last;
  }

  totals(from: number, to: number): MetricTotals {
    const sum = (key: SeriesKey): number => {
      let total = 0;
      this.visit(key, from, to, (_, value) => (total += value));
      return total;
    };
    const max = (key: SeriesKey): number | undefined => {
      let best: number | undefined;
      this.visit(key, from, to, (_, value) => {
        if (best === undefined || value > best) best = value;
      });
      return best;
    };
    const paired = this.durationPairs(from, to);
    return {
      invocations: sum('Invocations:Sum'),
      errors: sum('Errors:Sum'),
      throttles: sum('Throttles:Sum'),
      durationAvgMs: paired.invocations > 0 ? paired.durationSum / paired.invocations : undefined,
      durationMaxMs: max('Duration:Maximum'),
      concurrentExecutionsMax: max('ConcurrentExecutions:Maximum'),
    };
  }
}

function keyOf(series: MetricSeries): SeriesKey {
  return `${series.query.metric}:${series.query.stat}`;
}

/** Every point of a one-off read (any period, any span): what `lambdascope report` reads once. */
export class MetricPoints extends MetricFigures {
  private readonly series = new Map<SeriesKey, Map<number, number>>();

  record(series: MetricSeries): void {
    const key = keyOf(series);
    let points = this.series.get(key);
    if (!points) {
      points = new Map();
      this.series.set(key, points);
    }
    for (const point of series.points) {
      if (Number.isFinite(point.value) && Number.isFinite(point.time)) points.set(point.time, point.value);
    }
  }

  protected visit(key: SeriesKey, from: number, to: number, visitor: Visitor): void {
    for (const [time, value] of this.series.get(key) ?? []) if (time >= from && time < to) visitor(time, value);
  }

  protected durationPairs(from: number, to: number): { durationSum: number; invocations: number } {
    const invocations = this.series.get('Invocations:Sum');
    const pairs = { durationSum: 0, invocations: 0 };
    this.visit('Duration:Sum', from, to, (time, value) => {
      const invoked = invocations?.get(time);
      if (invoked === undefined) return;
      pairs.durationSum += value;
      pairs.invocations += invoked;
    });
    return pairs;
  }
}

const MINUTE = 60_000;
/** Beyond the per-minute span, points are kept as sums (or maxima) of five minutes. */
export const COARSE_PERIOD_MS = 5 * MINUTE;

export interface MetricRetention {
  /** Kept per minute: at least as far back as any read reaches (reads revise what they cover). */
  readonly fineMs: number;
  /** Kept at all: the widest window shown. */
  readonly keepMs: number;
}

/**
 * A polled function's metrics: per minute over the recent span that reads revisit, then in
 * five-minute periods back to `keepMs`. Held in fixed rings of typed arrays, allocated on the
 * first datapoint: a few tens of kilobytes for a busy function, nothing for an idle one, however
 * long it is polled. A minute leaves the fine ring whole into its five-minute period (sums add,
 * maxima take the larger), in time order, so every minute is counted in exactly one place. Window
 * edges within the coarse span round to five-minute boundaries: a period counts when its middle
 * is in the window (a 24 h window is off by at most two minutes' worth at its far end).
 */
export class MetricHistory extends MetricFigures {
  private readonly fineSlots: number;
  private readonly coarseSlots: number;
  private readonly keepMs: number;
  /** Minute number held by each fine slot (-1: none), and the latest minute recorded. */
  private fineMinutes: Int32Array | undefined;
  private newestMinute = 0;
  private readonly fine = new Map<SeriesKey, Float64Array>();
  /** Five-minute period number held by each coarse slot (-1: none). */
  private coarsePeriods: Int32Array | undefined;
  private readonly coarse = new Map<CoarseKey, Float64Array>();

  constructor(retention: MetricRetention) {
    super();
    this.keepMs = retention.keepMs;
    this.fineSlots = Math.max(1, Math.ceil(retention.fineMs / MINUTE));
    // +2: the period straddling the fine span's edge, and the one straddling the window's start.
    this.coarseSlots = Math.max(0, Math.ceil((retention.keepMs - retention.fineMs) / COARSE_PERIOD_MS)) + 2;
  }

  record(series: MetricSeries, now: number): void {
    const points = series.points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.time));
    if (points.length === 0) return;
    const minutes = this.ensureMinutes(now, points);
    this.advanceTo(Math.max(Math.floor(now / MINUTE), ...points.map((p) => Math.floor(p.time / MINUTE))));
    const key = keyOf(series);
    let values = this.fine.get(key);
    if (!values) {
      values = new Float64Array(this.fineSlots).fill(Number.NaN);
      this.fine.set(key, values);
    }
    for (const point of points) {
      const minute = Math.floor(point.time / MINUTE);
      // Older than any read reaches (see MetricRetention.fineMs): already folded, or never shown.
      if (minute <= this.newestMinute - this.fineSlots) continue;
      const slot = minute % this.fineSlots;
      if (minutes[slot] !== minute) {
        // A minute not held yet: its slot is free (advanceTo folded what was there).
        minutes[slot] = minute;
        for (const v of this.fine.values()) v[slot] = Number.NaN;
      }
      values[slot] = point.value;
    }
  }

  private ensureMinutes(now: number, points: ReadonlyArray<{ time: number }>): Int32Array {
    if (this.fineMinutes) return this.fineMinutes;
    this.fineMinutes = new Int32Array(this.fineSlots).fill(-1);
    this.newestMinute = Math.max(Math.floor(now / MINUTE), ...points.map((p) => Math.floor(p.time / MINUTE)));
    return this.fineMinutes;
  }

  /** Move the fine span to end at `minute`, folding the minutes that leave it into their coarse periods. */
  private advanceTo(minute: number): void {
    const minutes = this.fineMinutes;
    if (!minutes || minute <= this.newestMinute) return;
    // At most one ring's worth: only minutes held can leave.
    const last = Math.min(this.newestMinute, minute - this.fineSlots);
    for (let m = this.newestMinute - this.fineSlots + 1; m <= last; m++) {
      const slot = m % this.fineSlots;
      if (minutes[slot] !== m) continue;
      this.fold(m, slot);
      minutes[slot] = -1;
    }
    this.newestMinute = minute;
  }

  private fold(minute: number, fineSlot: number): void {
    const period = Math.floor((minute * MINUTE) / COARSE_PERIOD_MS);
    const slot = period % this.coarseSlots;
    this.coarsePeriods ??= new Int32Array(this.coarseSlots).fill(-1);
    if (this.coarsePeriods[slot] !== period) {
      // The period this slot held is older than the retention: it goes.
      this.coarsePeriods[slot] = period;
      for (const v of this.coarse.values()) v[slot] = Number.NaN;
    }
    const invoked = this.fine.get('Invocations:Sum')?.[fineSlot] ?? Number.NaN;
    for (const [key, values] of this.fine) {
      const value = values[fineSlot] as number;
      if (Number.isNaN(value)) continue;
      // Durations go on only with their invocations (see durationPairs).
      if (key === 'Duration:Sum') {
        if (Number.isNaN(invoked)) continue;
        this.foldValue('Invocations:WithDuration', slot, invoked);
      }
      this.foldValue(key, slot, value);
    }
  }

  private foldValue(key: CoarseKey, slot: number, value: number): void {
    let coarse = this.coarse.get(key);
    if (!coarse) {
      coarse = new Float64Array(this.coarseSlots).fill(Number.NaN);
      this.coarse.set(key, coarse);
    }
    const held = coarse[slot] as number;
    coarse[slot] = Number.isNaN(held) ? value : key.endsWith(':Maximum') ? Math.max(held, value) : held + value;
  }

  protected visit(key: SeriesKey, from: number, to: number, visitor: Visitor): void {
    visitRing(this.fineMinutes, this.fine.get(key), MINUTE, from, to, visitor);
    // A period left in its slot past the retention (no later one took the slot) is not shown.
    visitRing(this.coarsePeriods, this.coarse.get(key), COARSE_PERIOD_MS, Math.max(from, this.keptFrom()), to, visitor);
  }

  private keptFrom(): number {
    return this.newestMinute * MINUTE - this.keepMs;
  }

  protected durationPairs(from: number, to: number): { durationSum: number; invocations: number } {
    const pairs = { durationSum: 0, invocations: 0 };
    const minutes = this.fineMinutes;
    const durations = this.fine.get('Duration:Sum');
    const invocations = this.fine.get('Invocations:Sum');
    if (minutes && durations && invocations) {
      for (let slot = 0; slot < minutes.length; slot++) {
        const time = (minutes[slot] as number) * MINUTE;
        const duration = durations[slot] as number;
        const invoked = invocations[slot] as number;
        if (minutes[slot] === -1 || time < from || time >= to || Number.isNaN(duration) || Number.isNaN(invoked)) continue;
        pairs.durationSum += duration;
        pairs.invocations += invoked;
      }
    }
    const kept = Math.max(from, this.keptFrom());
    visitRing(this.coarsePeriods, this.coarse.get('Duration:Sum'), COARSE_PERIOD_MS, kept, to, (_, value) => (pairs.durationSum += value));
    visitRing(this.coarsePeriods, this.coarse.get('Invocations:WithDuration'), COARSE_PERIOD_MS, kept, to, (_, value) => (pairs.invocations += value));
    return pairs;
  }

  /** The latest first: the newest minutes are where activity is looked for, every cycle. */
  protected override lastNonZero(key: SeriesKey): number | undefined {
    const minutes = this.fineMinutes;
    const values = this.fine.get(key);
    if (minutes && values) {
      for (let m = this.newestMinute; m > this.newestMinute - this.fineSlots; m--) {
        const slot = m % this.fineSlots;
        if (minutes[slot] === m && (values[slot] as number) > 0) return m * MINUTE;
      }
    }
    let last: number | undefined;
    visitRing(this.coarsePeriods, this.coarse.get(key), COARSE_PERIOD_MS, this.keptFrom(), Number.POSITIVE_INFINITY, (time, value) => {
      if (value > 0 && (last === undefined || time > last)) last = time;
    });
    return last;
  }
}

/** Each value of a ring whose period is held; minutes count by their start, coarse periods by their middle. */
function visitRing(periods: Int32Array | undefined, values: Float64Array | undefined, periodMs: number, from: number, to: number, visitor: Visitor): void {
  if (!periods || !values) return;
  const anchor = periodMs === MINUTE ? 0 : periodMs / 2;
  for (let slot = 0; slot < periods.length; slot++) {
    const period = periods[slot] as number;
    const value = values[slot] as number;
    if (period < 0 || Number.isNaN(value)) continue;
    const time = period * periodMs;
    if (time + anchor >= from && time + anchor < to) visitor(time, value);
  }
}
