// The function panel's header: who the function is (configuration, last deploy) and its figures
// in tiles. Every figure the engine could not work out is "–", never a zero that looks healthy.
import type { FunctionConfigDto, FunctionHeaderDto } from '../../src/shared/panelData';
import { el, literalText } from '../common/dom';
import { formatAgo, formatCount, formatMb, formatMs, formatPercent, formatSeconds, formatUsd, NONE } from '../common/format';

export function headerLine(name: string, profile: string, region: string, config: FunctionConfigDto, now: number): HTMLElement {
  const parts = [
    config.runtime,
    config.architecture,
    config.memorySizeMb !== null ? formatMb(config.memorySizeMb) : null,
    config.timeoutSeconds !== null ? `timeout ${formatSeconds(config.timeoutSeconds)}` : null,
    config.version !== null ? (config.version === '$LATEST' ? '$LATEST' : `v${config.version}`) : null,
    config.lastModified !== null ? `deployed ${formatAgo(config.lastModified, now)}` : null,
  ].filter((p): p is string => p !== null);
  return el(
    'header',
    { className: 'panel-head' },
    el('h1', {}, literalText(name)),
    el('p', { className: 'meta' }, literalText(parts.length > 0 ? parts.join(' · ') : 'configuration not known yet'), el('span', { className: 'where' }, literalText(` — ${profile} · ${region}`))),
  );
}

/** A sub-line of a tile; `title` is its longer explanation (also listed in the tile's note). */
type SubLine = string | { readonly text: string; readonly title: string };

interface Tile {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly sub: readonly SubLine[];
  /** Read on demand: a keyboard-reachable disclosure below the sub-lines. */
  readonly note?: { readonly summary: string; readonly lines: readonly string[] };
}

/** "$1.10/month less" · "$0.40/month more" · "about the same". */
function savings(usd: number): string {
  if (Math.abs(usd) < 0.00005) return 'about the same';
  return `${formatUsd(Math.abs(usd))}/month ${usd > 0 ? 'less' : 'more'}`;
}

/** The cost tile: the projected month (as the explorer shows it), then what it is made of and what would lower it. */
function costTile(h: FunctionHeaderDto): Tile {
  const sub: SubLine[] = [`${formatUsd(h.costUsd)} this window`];
  if (h.shareOfAccount !== null) sub.push(`${formatPercent(h.shareOfAccount)} of the account's Lambda cost`);
  const split = h.monthSplit;
  // Requests and duration alone are what everyone expects: the split is told when there is more.
  if (split && (split.provisionedUsd > 0 || split.ephemeralUsd > 0)) {
    sub.push(`requests ${formatUsd(split.requestUsd)} · duration ${formatUsd(split.computeUsd)}`);
    sub.push([split.provisionedUsd > 0 ? `provisioned concurrency ${formatUsd(split.provisionedUsd)}` : '', split.ephemeralUsd > 0 ? `ephemeral storage ${formatUsd(split.ephemeralUsd)}` : ''].filter(Boolean).join(' · '));
  }
  const assumptions: string[] = [];
  if (h.whatIfArm64) {
    sub.push({ text: `arm64: ${savings(h.whatIfArm64.savingsUsd)}`, title: h.whatIfArm64.assumption });
    assumptions.push(`arm64: ${h.whatIfArm64.assumption}.`);
  }
  if (h.whatIfMemory) {
    sub.push({ text: `at ${formatMb(h.whatIfMemory.memoryMb)}: ${savings(h.whatIfMemory.savingsUsd)}`, title: h.whatIfMemory.assumption });
    assumptions.push(`At ${formatMb(h.whatIfMemory.memoryMb)}: ${h.whatIfMemory.assumption}.`);
  }
  const value = h.projectedMonthUsd === null ? NONE : `${formatUsd(h.projectedMonthUsd)}/mo`;
  return { id: 'cost', label: 'Cost', value, sub, ...(assumptions.length > 0 ? { note: { summary: 'What-if assumptions', lines: assumptions } } : {}) };
}

export function tiles(h: FunctionHeaderDto): HTMLElement {
  const q = (p50: number | null, p90: number | null, p99: number | null): string => `${formatMs(p50)} · ${formatMs(p90)} · ${formatMs(p99)}`;
  const list: Tile[] = [
    { id: 'invocations', label: 'Invocations', value: formatCount(h.invocations), sub: [] },
    { id: 'errors', label: 'Errors', value: formatCount(h.errors), sub: [`${formatPercent(h.errorRate)} of invocations`] },
    { id: 'latency', label: 'p50 · p90 · p99', value: q(h.p50Ms, h.p90Ms, h.p99Ms), sub: [`warm ${q(h.warmP50Ms, h.warmP90Ms, h.warmP99Ms)}`, `cold ${q(h.coldP50Ms, h.coldP90Ms, h.coldP99Ms)}`] },
    { id: 'cold', label: 'Cold starts', value: formatPercent(h.coldStartRate), sub: [`init p99 ${formatMs(h.initP99Ms)}`] },
    { id: 'throttles', label: 'Throttles', value: h.throttles === null ? NONE : formatCount(h.throttles), sub: h.throttles === null ? ['no metrics yet'] : [] },
    costTile(h),
  ];
  const box = el('div', { className: 'tiles', attrs: { role: 'list' } });
  for (const t of list) {
    box.append(
      el(
        'div',
        { className: 'tile', attrs: { role: 'listitem', 'data-figure': t.id } },
        el('span', { className: 'tile-label', text: t.label }),
        el('span', { className: 'tile-value', text: t.value }),
        ...t.sub.map((s) => (typeof s === 'string' ? el('span', { className: 'tile-sub', text: s }) : el('span', { className: 'tile-sub', text: s.text, attrs: { title: s.title } }))),
        t.note ? el('details', { className: 'tile-note' }, el('summary', { text: t.note.summary }), ...t.note.lines.map((line) => el('p', { text: line }))) : null,
      ),
    );
  }
  return box;
}
