// QuantileSketch against exact quantiles on the skewed shapes Lambda latencies take.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exactQuantile, QuantileSketch, SKETCH_RELATIVE_ACCURACY } from '../../../../src/core/stats/quantileSketch';

const SEED = 20260126;
const RUNS = 60;
const QUANTILES = [['p50', 0.5], ['p90', 0.9], ['p95', 0.95], ['p99', 0.99]] as const;
/** Lambda's longest possible duration: 15 minutes. */
const MAX_MS = 900_000;

const clamp = (v: number): number => Math.min(MAX_MS, v);
/** Uniforms in (0, 1]: the raw material every distribution below is drawn from (shrinkable). */
const uniform = fc.double({ min: Number.EPSILON, max: 1, noNaN: true });
const uniforms = (max: number) => fc.array(uniform, { minLength: 1, maxLength: max, size: 'max' });

/** Box–Muller: a standard normal from two uniforms. */
function normal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function logNormalSample(median: number, sigma: number, us: readonly number[]): number[] {
  return us.map((u, i) => clamp(median * Math.exp(sigma * normal(u, us[(i * 7 + 3) % us.length] as number))));
}

const logNormal = fc
  .record({ median: fc.double({ min: 0.05, max: 20_000, noNaN: true }), sigma: fc.double({ min: 0.05, max: 2.5, noNaN: true }), us: uniforms(3000) })
  .map(({ median, sigma, us }) => logNormalSample(median, sigma, us));

// Pareto-like: heavy tails, alpha near 1 puts p99 orders of magnitude above p50.
const pareto = fc
  .record({ scale: fc.double({ min: 0.05, max: 200, noNaN: true }), alpha: fc.double({ min: 0.6, max: 3, noNaN: true }), us: uniforms(3000) })
  .map(({ scale, alpha, us }) => us.map((u) => clamp(scale / u ** (1 / alpha))));

// Warm requests around tens of ms, a minority of cold starts seconds long.
const warmCold = fc
  .record({
    warm: fc.double({ min: 2, max: 300, noNaN: true }),
    cold: fc.double({ min: 400, max: 12_000, noNaN: true }),
    coldShare: fc.double({ min: 0, max: 0.4, noNaN: true }),
    us: uniforms(3000),
    picks: uniforms(3000),
  })
  .map(({ warm, cold, coldShare, us, picks }) =>
    logNormalSample(1, 0.4, us).map((x, i) => clamp(x * ((picks[i % picks.length] as number) <= coldShare ? cold : warm))),
  );

// A few distinct values repeated many times (billing-rounded durations, timeouts at the limit).
const manyEqual = fc
  .record({
    values: fc.uniqueArray(fc.oneof(fc.double({ min: 0.01, max: MAX_MS, noNaN: true }), fc.constantFrom(0.05, 1, 100, 3000, MAX_MS)), { minLength: 1, maxLength: 4 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3000, size: 'max' }),
  })
  .map(({ values, picks }) => picks.map((p) => values[p % values.length] as number));

// Sub-millisecond durations.
const tiny = fc.array(fc.oneof(fc.constant(0.05), fc.double({ min: 0.01, max: 0.99, noNaN: true })), { minLength: 1, maxLength: 3000, size: 'max' });

// Everything at once: 0.05 ms to 15 minutes.
const wide = fc.array(fc.oneof(fc.constant(0.05), fc.constant(MAX_MS), fc.double({ min: 0.01, max: MAX_MS, noNaN: true })), { minLength: 1, maxLength: 3000, size: 'max' });

const DISTRIBUTIONS = { logNormal, pareto, warmCold, manyEqual, tiny, wide } as const;

function sketchOf(values: readonly number[]): QuantileSketch {
  const sketch = new QuantileSketch();
  for (const v of values) sketch.add(v);
  return sketch;
}

const within = (actual: number, expected: number, relative: number): boolean => Math.abs(actual - expected) <= relative * Math.abs(expected) * (1 + 1e-9);

function assertAccurate(sketch: QuantileSketch, values: readonly number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const p = sketch.percentiles();
  assert.ok(p);
  assert.equal(p.count, sorted.length);
  assert.equal(p.min, sorted[0]);
  assert.equal(p.max, sorted[sorted.length - 1]);
  for (const [key, q] of QUANTILES) {
    const exact = exactQuantile(sorted, q);
    assert.ok(within(p[key], exact, SKETCH_RELATIVE_ACCURACY), `${key}: sketch ${p[key]} vs exact ${exact} (n=${sorted.length})`);
    assert.equal(sketch.quantile(q), p[key]);
  }
  // The sum is kept in whole microseconds (Lambda reports durations to the microsecond at most):
  // each value is off by half a microsecond at most, and so is the mean.
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  assert.ok(Math.abs(p.mean - mean) <= 0.0005 + 1e-9 * mean, `mean ${p.mean} vs ${mean}`);
}

describe('QuantileSketch: p50/p90/p95/p99 within 1% of the exact quantile', () => {
  for (const [name, arbitrary] of Object.entries(DISTRIBUTIONS)) {
    test(name, () => {
      fc.assert(
        fc.property(arbitrary, (values) => assertAccurate(sketchOf(values), values)),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  test('one value, or one value repeated: every percentile is that value exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: MAX_MS, noNaN: true }), fc.integer({ min: 1, max: 50 }), (v, n) => {
        const p = sketchOf(Array.from({ length: n }, () => v)).percentiles();
        assert.ok(p);
        assert.deepEqual([p.p50, p.p90, p.p95, p.p99, p.min, p.max], [v, v, v, v, v, v]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('an empty sketch has no percentiles', () => {
    const sketch = new QuantileSketch();
    assert.equal(sketch.percentiles(), undefined);
    assert.ok(Number.isNaN(sketch.quantile(0.5)));
  });

  test('NaN, infinite and negative values are not counted', () => {
    const sketch = sketchOf([Number.NaN, -1, Number.POSITIVE_INFINITY, 12, 30]);
    assert.equal(sketch.count, 2);
    assert.equal(sketch.percentiles()?.max, 30);
    assert.equal(sketch.percentiles()?.min, 12);
  });
});

test('the mean of values given to the microsecond is exact, and the same however the values are split and merged', () => {
  // Durations as REPORT lines (two decimals) and JSON platform.report records (three) give them.
  const values = Array.from({ length: 5000 }, (_, i) => Math.round(((i * 7919) % 100_000) * 1.234) / 1000 + (i % 3) * 0.01);
  const whole = sketchOf(values);
  const exact = values.reduce((s, v) => s + Math.round(v * 1000), 0) / 1000 / values.length;
  assert.equal(whole.percentiles()?.mean, exact);
  for (const parts of [2, 3, 7]) {
    const merged = new QuantileSketch();
    for (let p = parts - 1; p >= 0; p--) merged.merge(sketchOf(values.filter((_, i) => i % parts === p)));
    assert.equal(merged.percentiles()?.mean, exact, `${parts} parts`);
  }
});

describe('QuantileSketch.merge', () => {
  const partitioned = fc
    .tuple(fc.oneof(...Object.values(DISTRIBUTIONS)), fc.integer({ min: 1, max: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }))
    .map(([values, parts, assignment]) => {
      const groups: number[][] = Array.from({ length: parts }, () => []);
      values.forEach((v, i) => (groups[(assignment[i % assignment.length] as number) % parts] as number[]).push(v));
      return { values, groups };
    });

  test('the merge of sketches of a partition equals one sketch over all data (within 1%)', () => {
    fc.assert(
      fc.property(partitioned, ({ values, groups }) => {
        const whole = sketchOf(values);
        const merged = new QuantileSketch();
        for (const group of groups) merged.merge(sketchOf(group)); // empty groups included
        const a = merged.percentiles();
        const b = whole.percentiles();
        assert.ok(a && b);
        assert.equal(a.count, b.count);
        assert.equal(a.min, b.min);
        assert.equal(a.max, b.max);
        for (const [key] of QUANTILES) assert.ok(within(a[key], b[key], SKETCH_RELATIVE_ACCURACY), `${key}: merged ${a[key]} vs whole ${b[key]}`);
        assertAccurate(merged, values);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('merging in any grouping and order gives the same figures', () => {
    fc.assert(
      fc.property(partitioned, ({ groups }) => {
        const sketches = groups.map(sketchOf);
        const forward = new QuantileSketch();
        for (const s of sketches) forward.merge(s);
        // Right fold: ((g_n ∪ g_n-1) ∪ …), each intermediate a real sketch.
        const backward = sketches.reduceRight((acc, s) => {
          const next = new QuantileSketch();
          next.merge(s);
          next.merge(acc);
          return next;
        }, new QuantileSketch());
        const a = forward.percentiles();
        const b = backward.percentiles();
        assert.ok(a && b);
        for (const key of ['count', 'p50', 'p90', 'p95', 'p99', 'min', 'max'] as const) assert.equal(a[key], b[key], key);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('merging an empty sketch changes nothing', () => {
    const sketch = sketchOf([5, 10, 400]);
    const before = sketch.percentiles();
    sketch.merge(new QuantileSketch());
    assert.deepEqual(sketch.percentiles(), before);
  });
});
