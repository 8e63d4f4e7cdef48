/**
 * Text from logs shown in one line of the editor's UI: bidi controls, zero-width characters and
 * line/paragraph separators (which could reorder or hide what is read) are shown as escapes.
 */
export function visibleText(text: string): string {
  return text.replace(/[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Short human figures for badges, descriptions and tooltips (the same wording everywhere). */
export function formatMs(value: number | undefined | null): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2).replace(/\.?0+$/, '')} s`;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value > 0 && value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** "4 min ago", "2 h ago", "3 days ago" (or "just now"). */
export function formatAgo(time: number, now: number): string {
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A length of time: "40 s", "15 min", "1 h", "2 h 5 min", "3 days 4 h" (to the minute from a minute up). */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} days ${hours % 24} h` : `${days} days`;
}
