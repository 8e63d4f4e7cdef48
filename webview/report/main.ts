// The analysis report panel. All text from logs goes through textContent, never innerHTML.
import type { ReportDto, ReportFunctionDto } from '../../src/shared/panelData';
import { isHostToPanel, type PanelToHost } from '../../src/shared/protocol';
import { literalText } from '../common/dom';

interface VsCodeApi {
  postMessage(message: PanelToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** An element holding untrusted text (log text, names): bidi and control characters shown as tokens. */
function literal<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const node = el(tag, undefined, className);
  node.append(literalText(text));
  return node;
}

function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

function pct(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

function usd(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '$–' : `$${value.toFixed(2)}`;
}

function functionSection(f: ReportFunctionDto): HTMLElement {
  const section = el('section', undefined, 'function');
  const heading = literal('h2', `λ ${f.name}`);
  section.append(heading);
  const figures = el('p', undefined, 'figures');
  figures.textContent = `${f.invocations.toLocaleString()} invocations · ${f.errors} errors (${pct(f.errorRate)}) · ${pct(f.coldStartRate)} cold · p50 ${ms(f.p50Ms)} · p99 ${ms(f.p99Ms)} · max ${ms(f.maxMs)} · init p99 ${ms(f.initP99Ms)} · ~${usd(f.projectedMonthUsd)}/month`;
  section.append(figures);
  if (f.issues.length === 0) {
    section.append(el('p', 'No issues in this window.', 'empty'));
    return section;
  }
  const table = el('table');
  table.setAttribute('aria-label', `Issues of ${f.name}`);
  const head = el('tr');
  for (const h of ['Count', 'Issue', 'Kind', 'Where']) head.append(el('th', h));
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  for (const issue of f.issues) {
    const row = el('tr');
    row.append(el('td', `${issue.count}×`, 'count'));
    row.append(literal('td', issue.title, 'title'));
    row.append(literal('td', [issue.kind, issue.handled ? 'handled' : '', issue.dependency ? `→ ${issue.dependency}` : ''].filter(Boolean).join(' ')));
    row.append(literal('td', issue.culprit ?? '', 'culprit'));
    body.append(row);
  }
  table.append(body);
  section.append(table);
  return section;
}

function render(report: ReportDto): void {
  const root = document.getElementById('root');
  if (!root) return;
  root.replaceChildren();
  root.append(literal('h1', `Lambdascope — ${report.source}`));
  if (report.window) {
    root.append(el('p', `${new Date(report.window.from).toISOString()} → ${new Date(report.window.to).toISOString()}`, 'window'));
  }
  if (report.functions.length === 0) root.append(el('p', 'No Lambda log events found.', 'empty'));
  for (const f of report.functions) root.append(functionSection(f));
  const footer = el('p', `Projected for the month after the free tier: ~${usd(report.projectedMonthUsd)}.`, 'footer');
  if (report.skippedLines > 0) footer.textContent += ` ${report.skippedLines} input lines skipped.`;
  root.append(footer);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToPanel(event.data) && event.data.type === 'report') render(event.data.report);
});
vscode.postMessage({ type: 'ready' });
