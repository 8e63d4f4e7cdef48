import type { FunctionReport } from '../analysis/analysisReport';
import type { InvocationPoint } from './invocationLog';

export interface TimelineModel {
  readonly window: { readonly from: number; readonly to: number };
  /** What the chart draws: every failure and cold start, and the shape of the rest. */
  readonly points: InvocationPoint[];
  /** Invocations in the window (the chart may draw fewer; the figures count them all). */
  readonly total: number;
  readonly p99Ms?: number;
  readonly thresholdMs?: number;
  /** Times at which the deployed version changed (a deploy marker). */
  readonly deploys: ReadonlyArray<{ readonly time: number; readonly version: string }>;
  readonly histogram: DurationHistogram;
}

export interface DurationHistogram {
  /** Bucket edges in ms, on a log scale: bucket i is [edges[i], edges[i+1]). */
  readonly edges: number[];
  readonly warm: number[];
  readonly cold: number[];
}

/**
 * Points for display only, never for figures: failures and cold starts are always drawn; the
 * successful warm invocations are thinned to the fastest and slowest of each time slot, so that
 * 10,000 invocations keep their outline (and their outliers) in a few thousand points.
 */
export function displayPoints(points: readonly InvocationPoint[], maxPoints: number, from: number, to: number): InvocationPoint[] {
  if (points.length <= maxPoints) return [...points];
  const notable = points.filter((p) => p.status !== 'success' || p.coldStart);
  const plain = points.filter((p) => p.status === 'success' && !p.coldStart);
  const slots = Math.max(1, Math.floor((maxPoints - Math.min(notable.length, maxPoints)) / 2));
  const width = Math.max(1, (to - from) / slots);
  const kept = new Map<number, { min: InvocationPoint; max: InvocationPoint }>();
  for (const p of plain) {
    const slot = Math.floor((p.time - from) / width);
    const k = kept.get(slot);
    if (!k) kept.set(slot, { min: p, max: p });
    else {
      if (p.durationMs < k.min.durationMs) k.min = p;
      if (p.durationMs > k.max.durationMs) k.max = p;
    }
  }
  const thinned = [...kept.values()].flatMap((k) => (k.min === k.max ? [k.min] : [k.min, k.max]));
  return [...notable, ...thinned].sort((a, b) => a.time - b.time);
}

/** Log-scale buckets from 1 ms (or less) up past the slowest invocation, warm and cold apart. */
export function durationHistogram(points: readonly InvocationPoint[], bucketsPerDecade = 5): DurationHistogram {
  const durations = points.map((p) => Math.max(0.1, p.durationMs));
  const low = Math.floor(Math.log10(Math.min(1, ...durations)));
  const high = Math.ceil(Math.log10(Math.max(10, ...durations) * 1.0001));
  const edges: number[] = [];
  for (let e = low * bucketsPerDecade; e <= high * bucketsPerDecade; e++) edges.push(Number((10 ** (e / bucketsPerDecade)).toPrecision(6)));
  const warm = new Array<number>(edges.length - 1).fill(0);
  const cold = new Array<number>(edges.length - 1).fill(0);
  for (const p of points) {
    const d = Math.max(0.1, p.durationMs);
    let i = Math.floor((Math.log10(d) - low) * bucketsPerDecade);
    i = Math.min(Math.max(i, 0), warm.length - 1);
    // Rounding of the edges: keep each value in the bucket whose range holds it.
    while (i > 0 && d < (edges[i] as number)) i--;
    while (i < warm.length - 1 && d >= (edges[i + 1] as number)) i++;
    if (p.coldStart) cold[i] = (cold[i] as number) + 1;
    else warm[i] = (warm[i] as number) + 1;
  }
  return { edges, warm, cold };
}

/** The function panel's timeline over a window. */
export interface TimelineOptions {
  readonly thresholdMs?: number;
  readonly maxPoints?: number;
  /**
   * The catalog's last deploy (LastModified) and the version it names: functions invoked as
   * $LATEST keep the same version across deploys, so the version alone does not show them.
   */
  readonly deployed?: { readonly time: number; readonly version: string };
}

/** A deploy seen in the versions within this distance of the catalog's is the same deploy. */
const SAME_DEPLOY_MS = 5 * 60_000;

export function buildTimeline(points: readonly InvocationPoint[], report: FunctionReport | undefined, window: { from: number; to: number }, options: TimelineOptions = {}): TimelineModel {
  const inWindow = points.filter((p) => p.time >= window.from && p.time < window.to);
  const deploys: Array<{ time: number; version: string }> = [];
  let version: string | undefined;
  for (const p of inWindow) {
    if (p.version === undefined) continue;
    if (version !== undefined && p.version !== version) deploys.push({ time: p.time, version: p.version });
    version = p.version;
  }
  const deployed = options.deployed;
  if (deployed && deployed.time >= window.from && deployed.time < window.to && !deploys.some((d) => Math.abs(d.time - deployed.time) <= SAME_DEPLOY_MS)) {
    deploys.push({ time: deployed.time, version: deployed.version });
    deploys.sort((a, b) => a.time - b.time);
  }
  return {
    window,
    points: displayPoints(inWindow, options.maxPoints ?? 3000, window.from, window.to),
    total: inWindow.length,
    ...(report?.durationMs ? { p99Ms: report.durationMs.p99 } : {}),
    ...(options.thresholdMs !== undefined ? { thresholdMs: options.thresholdMs } : {}),
    deploys,
    histogram: durationHistogram(inWindow),
  };
}
