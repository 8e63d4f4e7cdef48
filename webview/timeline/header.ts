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

interface Tile {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly sub: readonly string[];
}

export function tiles(h: FunctionHeaderDto): HTMLElement {
  const q = (p50: number | null, p90: number | null, p99: number | null): string => `${formatMs(p50)} · ${formatMs(p90)} · ${formatMs(p99)}`;
  const list: Tile[] = [
    { id: 'invocations', label: 'Invocations', value: formatCount(h.invocations), sub: [] },
    { id: 'errors', label: 'Errors', value: formatCount(h.errors), sub: [`${formatPercent(h.errorRate)} of invocations`] },
    { id: 'latency', label: 'p50 · p90 · p99', value: q(h.p50Ms, h.p90Ms, h.p99Ms), sub: [`warm ${q(h.warmP50Ms, h.warmP90Ms, h.warmP99Ms)}`, `cold ${q(h.coldP50Ms, h.coldP90Ms, h.coldP99Ms)}`] },
    { id: 'cold', label: 'Cold starts', value: formatPercent(h.coldStartRate), sub: [`init p99 ${formatMs(h.initP99Ms)}`] },
    { id: 'throttles', label: 'Throttles', value: h.throttles === null ? NONE : formatCount(h.throttles), sub: h.throttles === null ? ['no metrics yet'] : [] },
    { id: 'cost', label: 'Cost', value: formatUsd(h.costUsd), sub: [`${formatUsd(h.projectedMonthUsd)}/month projected`] },
  ];
  const box = el('div', { className: 'tiles', attrs: { role: 'list' } });
  for (const t of list) {
    box.append(
      el(
        'div',
        { className: 'tile', attrs: { role: 'listitem', 'data-figure': t.id } },
        el('span', { className: 'tile-label', text: t.label }),
        el('span', { className: 'tile-value', text: t.value }),
        ...t.sub.map((s) => el('span', { className: 'tile-sub', text: s })),
      ),
    );
  }
  return box;
}
