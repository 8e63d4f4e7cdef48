import { DDSketch } from '@datadog/sketches-js';

/** Relative accuracy of every latency figure Lambdascope shows (DDSketch guarantee). */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * A mergeable quantile sketch (DDSketch: relative error ≤ 1% at every quantile, memory bounded
 * by the value range, not the count). The figures it returns are clamped to the exact min/max.
 */
export class QuantileSketch {
  // Created on the first value: most buckets hold no cold starts, restores or init times.
  private sketch: DDSketch | undefined;
  /**
   * The values' sum in whole microseconds (for the mean): whole numbers add up to the same total
   * in any order, so sketches merged from parts give the mean one sketch of all would.
   */
  private micros = 0;

  add(value: number): void {
    if (!Number.isFinite(value) || value < 0) return;
    (this.sketch ??= new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY })).accept(value);
    this.micros += Math.round(value * 1000);
  }

  merge(other: QuantileSketch): void {
    if (!other.sketch || other.sketch.count === 0) return;
    (this.sketch ??= new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY })).merge(other.sketch);
    this.micros += other.micros;
  }

  get count(): number {
    return this.sketch?.count ?? 0;
  }

  quantile(q: number): number {
    const s = this.sketch;
    if (!s || s.count === 0) return Number.NaN;
    const value = s.getValueAtQuantile(q);
    return Math.min(Math.max(value, s.min), s.max);
  }

  percentiles(): Percentiles | undefined {
    const s = this.sketch;
    if (!s || s.count === 0) return undefined;
    return {
      count: s.count,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      min: s.min,
      max: s.max,
      mean: this.micros / 1000 / s.count,
    };
  }
}

/**
 * The exact quantile with the rank convention the sketch uses (lower value at rank q·(n−1)), so that
 * tests and the ground-truth generator compare like with like.
 */
export function exactQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.floor(q * (sorted.length - 1));
  return sorted[rank] as number;
}
