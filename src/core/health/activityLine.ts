/** Buckets of a function's statistics as far as counting goes (see BucketSeries.buckets). */
export interface CountedBucket {
  readonly start: number;
  readonly invocations: number;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * Invocations in each `spanMs` of [from, to), oldest first, from buckets at least as fine as the
 * span (a coarser bucket counts in the span of its start).
 */
export function invocationsPerSpan(buckets: readonly CountedBucket[], from: number, to: number, spanMs: number): number[] {
  const spans = Math.max(1, Math.ceil((to - from) / spanMs));
  const counts = new Array<number>(spans).fill(0);
  for (const b of buckets) {
    if (b.start < from || b.start >= to) continue;
    const at = Math.min(spans - 1, Math.floor((b.start - from) / spanMs));
    counts[at] = (counts[at] ?? 0) + b.invocations;
  }
  return counts;
}

/** A text sparkline: one block a value, the tallest for the largest; none is the lowest block. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 || v <= 0 ? BLOCKS[0] : BLOCKS[Math.max(1, Math.ceil((v / max) * (BLOCKS.length - 1)))])).join('');
}

/** The span of a window's sparkline: 5 minutes, or a 24th of a longer window (one line of text). */
export function sparklineSpanMs(windowMs: number): number {
  return Math.max(5 * 60_000, Math.ceil(windowMs / 24 / 60_000) * 60_000);
}
