// What the charts draw, worked out without a DOM or Chart.js so that it is unit-tested: one
// dataset per kind of invocation, each with its own shape AND colour (colour alone fails colour-blind
// users and high-contrast themes), the histogram's series, and the text summary read to screen readers.
import type { DurationHistogramDto, InvocationPointDto, TimelineFrameDto } from '../../src/shared/panelData';
import { formatCount, formatMs, formatPercent, formatSpan } from './format';

export type PointKind = 'warm' | 'cold' | 'error' | 'timeout' | 'outOfMemory' | 'initError';

/** Chart.js point styles used (a subset of its PointStyle names). */
export type PointShape = 'circle' | 'rectRot' | 'crossRot' | 'star' | 'triangle' | 'rect';

/** A theme colour key: read from `--vscode-charts-<key>` (see theme.ts). */
export type ChartColorKey = 'red' | 'blue' | 'yellow' | 'orange' | 'green' | 'purple' | 'foreground';

export interface KindStyle {
  readonly kind: PointKind;
  readonly label: string;
  readonly shape: PointShape;
  readonly color: ChartColorKey;
  readonly radius: number;
  /** Fill opacity: the many warm points are see-through so that dense areas read as dense. */
  readonly fillAlpha: number;
}

/** Drawing order = legend order; failures last so that they are drawn on top. */
export const KIND_STYLES: readonly KindStyle[] = [
  { kind: 'warm', label: 'Warm', shape: 'circle', color: 'blue', radius: 2.5, fillAlpha: 0.45 },
  { kind: 'cold', label: 'Cold start', shape: 'rectRot', color: 'purple', radius: 4, fillAlpha: 0.7 },
  { kind: 'timeout', label: 'Timeout', shape: 'star', color: 'orange', radius: 6, fillAlpha: 1 },
  { kind: 'outOfMemory', label: 'Out of memory', shape: 'triangle', color: 'yellow', radius: 5, fillAlpha: 0.9 },
  { kind: 'initError', label: 'Init error', shape: 'rect', color: 'red', radius: 4.5, fillAlpha: 0.6 },
  { kind: 'error', label: 'Error / crash', shape: 'crossRot', color: 'red', radius: 5, fillAlpha: 1 },
];

export function kindStyle(kind: PointKind): KindStyle {
  return KIND_STYLES.find((s) => s.kind === kind) as KindStyle;
}

export function pointKind(p: Pick<InvocationPointDto, 'status' | 'coldStart'>): PointKind {
  switch (p.status) {
    case 'success':
      return p.coldStart ? 'cold' : 'warm';
    case 'timeout':
      return 'timeout';
    case 'outOfMemory':
      return 'outOfMemory';
    case 'initError':
      return 'initError';
    case 'error':
    case 'crash':
      return 'error';
  }
}

/** The lowest duration a log axis can show: a 0 ms invocation is drawn there, not dropped. */
export const MIN_DURATION_MS = 0.1;

/** A point in Chart.js's internal format (`parsing: false`), carrying the invocation it draws. */
export interface ScatterDatum {
  readonly x: number;
  readonly y: number;
  readonly point: InvocationPointDto;
}

/** The points split by kind, each list in time order (what `normalized: true` promises Chart.js). */
export function scatterSeries(points: readonly InvocationPointDto[]): Record<PointKind, ScatterDatum[]> {
  const out: Record<PointKind, ScatterDatum[]> = { warm: [], cold: [], error: [], timeout: [], outOfMemory: [], initError: [] };
  for (const p of sortedByTime(points)) out[pointKind(p)].push({ x: p.time, y: Math.max(MIN_DURATION_MS, p.durationMs), point: p });
  return out;
}

function sortedByTime(points: readonly InvocationPointDto[]): readonly InvocationPointDto[] {
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as InvocationPointDto).time < (points[i - 1] as InvocationPointDto).time) return [...points].sort((a, b) => a.time - b.time);
  }
  return points;
}

/**
 * The points after an append: the new ones added (a request already drawn is not drawn twice),
 * those older than the window's start dropped, in time order.
 */
export function mergePoints(existing: readonly InvocationPointDto[], added: readonly InvocationPointDto[], from: number): InvocationPointDto[] {
  // By id and start: the attempts of a retried asynchronous request share its id.
  const key = (p: InvocationPointDto): string => `${p.requestId}@${p.time}`;
  const seen = new Set(existing.map(key));
  const fresh = added.filter((p) => !seen.has(key(p)));
  const kept = existing.filter((p) => p.time >= from);
  const merged = kept.concat(fresh.filter((p) => p.time >= from));
  return [...sortedByTime(merged)];
}

/** Labels a log axis at 1, 2 and 5 of each decade only (the others stay unlabelled grid lines). */
export function isMajorLogTick(value: number): boolean {
  if (!(value > 0)) return false;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6);
}

export interface HistogramSeries {
  readonly labels: string[];
  /** Each bucket's range, for the tooltip and the table read to screen readers. */
  readonly ranges: Array<{ readonly from: number; readonly to: number }>;
  readonly warm: number[];
  readonly cold: number[];
}

/** The histogram's buckets, with the empty ones at both ends left out. */
export function histogramSeries(h: DurationHistogramDto): HistogramSeries {
  const n = Math.min(h.warm.length, h.cold.length, Math.max(0, h.edges.length - 1));
  const filled = (i: number): boolean => (h.warm[i] ?? 0) + (h.cold[i] ?? 0) > 0;
  let first = 0;
  while (first < n && !filled(first)) first++;
  let last = n - 1;
  while (last >= first && !filled(last)) last--;
  const out: HistogramSeries = { labels: [], ranges: [], warm: [], cold: [] };
  for (let i = first; i <= last; i++) {
    const from = h.edges[i] as number;
    const to = h.edges[i + 1] as number;
    out.labels.push(formatMs(from));
    out.ranges.push({ from, to });
    out.warm.push(h.warm[i] ?? 0);
    out.cold.push(h.cold[i] ?? 0);
  }
  return out;
}

/** `color` with its alpha set, for the see-through fills; colours it cannot parse are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  const a = Math.min(1, Math.max(0, alpha));
  let m = /^#([0-9a-f]{3,4})$/i.exec(c);
  if (m) {
    const [r, g, b, existing] = [...(m[1] as string)].map((d) => parseInt(d + d, 16));
    return rgba(r as number, g as number, b as number, a * (existing === undefined ? 1 : existing / 255));
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(c);
  if (m) {
    const hex = m[1] as string;
    const existing = m[2] === undefined ? 1 : parseInt(m[2], 16) / 255;
    return rgba(parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16), a * existing);
  }
  m = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)(?:[\s,/]+(\d*\.?\d+)(%?))?\s*\)$/i.exec(c);
  if (m) {
    const existing = m[4] === undefined ? 1 : Number(m[4]) / (m[5] === '%' ? 100 : 1);
    return rgba(Number(m[1]), Number(m[2]), Number(m[3]), a * existing);
  }
  return c;
}

function rgba(r: number, g: number, b: number, a: number): string {
  return `rgba(${r}, ${g}, ${b}, ${Number(a.toFixed(3))})`;
}

/** The text alternative of the timeline chart: what a sighted user reads off it at a glance. */
export function timelineSummary(points: readonly InvocationPointDto[], frame: Pick<TimelineFrameDto, 'window' | 'total' | 'p99Ms' | 'thresholdMs' | 'deploys'>): string {
  const counts = new Map<PointKind, number>();
  for (const p of points) counts.set(pointKind(p), (counts.get(pointKind(p)) ?? 0) + 1);
  const failures = (counts.get('error') ?? 0) + (counts.get('timeout') ?? 0) + (counts.get('outOfMemory') ?? 0) + (counts.get('initError') ?? 0);
  const parts = [
    `${formatCount(frame.total)} invocations in the last ${formatSpan(frame.window.to - frame.window.from)}`,
    points.length < frame.total ? `${formatCount(points.length)} drawn` : null,
    `p99 ${formatMs(frame.p99Ms)}`,
    frame.thresholdMs !== null ? `threshold ${formatMs(frame.thresholdMs)}` : null,
    `${formatCount(failures)} failed${failures > 0 ? ` (${KIND_STYLES.filter((s) => s.kind !== 'warm' && s.kind !== 'cold' && (counts.get(s.kind) ?? 0) > 0).map((s) => `${formatCount(counts.get(s.kind) ?? 0)} ${s.label.toLowerCase()}`).join(', ')})` : ''}`,
    `${formatCount(counts.get('cold') ?? 0)} successful cold starts`,
    frame.deploys.length > 0 ? `${frame.deploys.length} deploy${frame.deploys.length > 1 ? 's' : ''}` : null,
  ];
  return `${parts.filter((p): p is string => p !== null).join(', ')}.`;
}

/** One invocation in words (the keyboard selection, announced). */
export function describePoint(p: InvocationPointDto, time: string): string {
  const kind = kindStyle(pointKind(p)).label;
  return `${time}, ${formatMs(p.durationMs)}, ${kind}${p.coldStart && pointKind(p) !== 'cold' ? ' (cold start)' : ''}, request ${p.requestId}`;
}

/** A rate as the header writes it next to a count: "41 (2.7%)". */
export function countWithRate(count: number, rate: number | null): string {
  return `${formatCount(count)} (${formatPercent(rate)})`;
}

/**
 * Counts per hour or day over a fixed span ending now: the engine sends its buckets from the
 * first occurrence to the last only, and a chart of one bar says nothing of the quiet since.
 */
export function fillBuckets(counts: ReadonlyArray<{ readonly time: number; readonly count: number }>, widthMs: number, slots: number, now: number): Array<{ time: number; count: number }> {
  const byTime = new Map<number, number>();
  for (const c of counts) {
    const slot = Math.floor(c.time / widthMs);
    byTime.set(slot, (byTime.get(slot) ?? 0) + c.count);
  }
  const newest = Math.max(Math.floor(now / widthMs), ...byTime.keys());
  const out: Array<{ time: number; count: number }> = [];
  for (let slot = newest - slots + 1; slot <= newest; slot++) out.push({ time: slot * widthMs, count: byTime.get(slot) ?? 0 });
  return out;
}
