// How the panels write figures. Pure: no DOM, no locale of the machine (the UI is English), the
// time zone passed in (the page passes the user's, the tests a fixed one).

export const NONE = '–';

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** Milliseconds: 0.42 ms · 4.25 ms · 82 ms · 1.23 s · 12.3 s · 2 min 5 s. */
export function formatMs(value: number | null | undefined): string {
  if (missing(value)) return NONE;
  const v = Math.max(0, value);
  if (v < 10) return `${trim(v.toFixed(2))} ms`;
  if (v < 999.5) return `${Math.round(v)} ms`;
  if (v < 9995) return `${trim((v / 1000).toFixed(2))} s`;
  if (v < 59_950) return `${trim((v / 1000).toFixed(1))} s`;
  const totalSeconds = Math.round(v / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** Drops trailing zeros after the decimal point: "1.20" → "1.2", "3.00" → "3". */
function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A rate in [0, 1] as a percentage: 0% · <0.1% · 2.7% · 14%. */
export function formatPercent(rate: number | null | undefined): string {
  if (missing(rate)) return NONE;
  const p = rate * 100;
  if (p === 0) return '0%';
  if (p < 0.1) return '<0.1%';
  if (p < 9.95) return `${trim(p.toFixed(1))}%`;
  return `${Math.round(p)}%`;
}

/** US dollars: $4.20 · $1,234.50 · $0.0031 (small amounts keep two significant digits). */
export function formatUsd(value: number | null | undefined): string {
  if (missing(value)) return NONE;
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.01) return `$${Number(value.toPrecision(2)).toString()}`;
  return `$${groupThousands(value.toFixed(2))}`;
}

function groupThousands(fixed: string): string {
  const [int = '', frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A count: 3,000. */
export function formatCount(value: number | null | undefined): string {
  if (missing(value)) return NONE;
  return groupThousands(Math.round(value).toString());
}

/** Megabytes: 512 MB · 1,769 MB. */
export function formatMb(value: number | null | undefined): string {
  return missing(value) ? NONE : `${formatCount(value)} MB`;
}

/** A timeout in seconds: 6 s · 15 min. */
export function formatSeconds(value: number | null | undefined): string {
  if (missing(value)) return NONE;
  return value >= 60 && value % 60 === 0 ? `${value / 60} min` : `${trim(value.toFixed(1))} s`;
}

/** The offset of the user's time zone at `time`, in minutes east of UTC. */
export function localOffsetMinutes(time: number): number {
  return -new Date(time).getTimezoneOffset();
}

function parts(time: number, offsetMinutes: number): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(time + offsetMinutes * 60_000);
  const two = (n: number): string => n.toString().padStart(2, '0');
  return { y: t.getUTCFullYear().toString(), mo: two(t.getUTCMonth() + 1), d: two(t.getUTCDate()), h: two(t.getUTCHours()), mi: two(t.getUTCMinutes()), s: two(t.getUTCSeconds()) };
}

/** 14:03:27 */
export function formatTime(time: number, offsetMinutes = localOffsetMinutes(time)): string {
  if (!Number.isFinite(time)) return NONE;
  const p = parts(time, offsetMinutes);
  return `${p.h}:${p.mi}:${p.s}`;
}

/** 2026-11-26 14:03:27 */
export function formatDateTime(time: number, offsetMinutes = localOffsetMinutes(time)): string {
  if (!Number.isFinite(time)) return NONE;
  const p = parts(time, offsetMinutes);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** An axis tick: precise enough for the span shown (seconds when zoomed in, the day when wide). */
export function formatTick(time: number, spanMs: number, offsetMinutes = localOffsetMinutes(time)): string {
  const p = parts(time, offsetMinutes);
  if (spanMs <= 5 * 60_000) return `${p.h}:${p.mi}:${p.s}`;
  if (spanMs <= 2 * 86_400_000) return `${p.h}:${p.mi}`;
  return `${p.mo}-${p.d} ${p.h}:${p.mi}`;
}

/** The hour or the day of a bucket: "11-26 14:00" or "11-26". */
export function formatBucket(time: number, unit: 'hour' | 'day', offsetMinutes = localOffsetMinutes(time)): string {
  const p = parts(time, offsetMinutes);
  return unit === 'hour' ? `${p.mo}-${p.d} ${p.h}:00` : `${p.mo}-${p.d}`;
}

/** How long ago: just now · 40 s ago · 4 min ago · 2 h ago · 3 days ago; "in the future" for clock skew. */
export function formatAgo(time: number, now: number): string {
  if (!Number.isFinite(time)) return NONE;
  const seconds = Math.round((now - time) / 1000);
  if (seconds < -60) return 'in the future';
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}

/** A span of time: 15 min · 1 h · 24 h · 3 days. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return NONE;
  if (ms < 59_500) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 72 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
