import type { LambdaMetricName, MetricSeries, MetricStat } from '../ports';

type SeriesKey = `${LambdaMetricName}:${MetricStat}`;

/** Window figures from CloudWatch metrics (throttles never reach the logs). */
export interface MetricTotals {
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Average duration (Duration Sum ÷ Invocations), when there were invocations with durations. */
  readonly durationAvgMs?: number;
  readonly durationMaxMs?: number;
  readonly concurrentExecutionsMax?: number;
}

/**
 * One function's metric datapoints, by period start, for the last `keepMs`. A re-read period
 * replaces the earlier value: CloudWatch revises recent datapoints as late data arrives, so the
 * latest answer is the right one, and overlapping reads never count twice.
 */
export class MetricHistory {
  private readonly series = new Map<SeriesKey, Map<number, number>>();

  constructor(private readonly keepMs: number) {}

  record(series: MetricSeries, now: number): void {
    const key: SeriesKey = `${series.query.metric}:${series.query.stat}`;
    let points = this.series.get(key);
    if (!points) {
      points = new Map();
      this.series.set(key, points);
    }
    for (const point of series.points) {
      if (Number.isFinite(point.value) && Number.isFinite(point.time)) points.set(point.time, point.value);
    }
    const cutoff = now - this.keepMs;
    for (const time of points.keys()) if (time < cutoff) points.delete(time);
  }

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

  private lastNonZero(key: SeriesKey): number | undefined {
    let last: number | undefined;
    for (const [time, value] of this.series.get(key) ?? []) {
      if (value > 0 && (last === undefined || time > last)) last = time;
    }
    return last;
  }

  totals(from: number, to: number): MetricTotals {
    const sum = (key: SeriesKey): number => {
      let total = 0;
      for (const [time, value] of this.series.get(key) ?? []) if (time >= from && time < to) total += value;
      return total;
    };
    const max = (key: SeriesKey): number | undefined => {
      let best: number | undefined;
      for (const [time, value] of this.series.get(key) ?? []) if (time >= from && time < to && (best === undefined || value > best)) best = value;
      return best;
    };
    const invocations = sum('Invocations:Sum');
    const durationSum = sum('Duration:Sum');
    return {
      invocations,
      errors: sum('Errors:Sum'),
      throttles: sum('Throttles:Sum'),
      durationAvgMs: invocations > 0 && this.series.has('Duration:Sum') ? durationSum / invocations : undefined,
      durationMaxMs: max('Duration:Maximum'),
      concurrentExecutionsMax: max('ConcurrentExecutions:Maximum'),
    };
  }
}
