// One invocation, opened from a point of the timeline, a row of the grid or an occurrence of an
// issue: its figures, init against handler time, its issue, and its log lines shown literally.
// The page must register the toolkit's progress ring (vscode-progress-ring).
import type { InvocationDetailDto, InvocationStatusDto, LogLineDto } from '../../src/shared/panelData';
import { actionLink, append, custom, el, literalText } from './dom';
import { formatDateTime, formatMb, formatMs, formatTime, NONE } from './format';
import { request } from './host';
import { displayLine } from './text';

export const STATUS_LABELS: Readonly<Record<InvocationStatusDto, string>> = {
  success: 'Success',
  error: 'Error',
  timeout: 'Timed out',
  outOfMemory: 'Out of memory',
  initError: 'Init error',
  crash: 'Crashed',
};

export interface InvocationDetailOptions {
  readonly onOpenIssue: (fingerprint: string) => void;
  /** Called when the user closes the view (to forget the selection in the page's state). */
  readonly onClose?: () => void;
}

export class InvocationDetailView {
  readonly element: HTMLElement;
  private current: { requestId: string; seq: number } | null = null;
  private seq = 0;

  constructor(private readonly options: InvocationDetailOptions) {
    this.element = el('section', { className: 'detail', attrs: { 'aria-live': 'polite' } });
    this.element.hidden = true;
  }

  get requestId(): string | null {
    return this.current?.requestId ?? null;
  }

  /** Shows the invocation, fetched from the extension; a later open wins over an earlier pending one. */
  async open(requestId: string, time?: number): Promise<void> {
    const seq = ++this.seq;
    this.current = { requestId, seq };
    this.element.hidden = false;
    this.element.setAttribute('aria-busy', 'true');
    this.element.replaceChildren(this.heading(requestId), el('p', { className: 'pending' }, custom('vscode-progress-ring', { attrs: { 'aria-label': 'Loading' } }), el('span', 'Loading the invocation and its log lines…')));
    try {
      const detail = await request('invocation', time === undefined ? { requestId } : { requestId, time });
      if (this.current?.seq !== seq) return;
      this.render(detail);
    } catch (error) {
      if (this.current?.seq !== seq) return;
      this.element.replaceChildren(this.heading(requestId), el('p', { className: 'error', attrs: { role: 'alert' } }, 'Could not load this invocation: ', literalText(error instanceof Error ? error.message : String(error))));
    } finally {
      if (this.current?.seq === seq) this.element.removeAttribute('aria-busy');
    }
  }

  close(): void {
    this.seq++;
    this.current = null;
    this.element.hidden = true;
    this.element.replaceChildren();
    this.options.onClose?.();
  }

  private heading(requestId: string): HTMLElement {
    const close = el('button', { className: 'icon-button', text: '✕', attrs: { type: 'button', 'aria-label': 'Close the invocation', title: 'Close' } });
    close.addEventListener('click', () => this.close());
    return el('header', { className: 'detail-head' }, el('h3', {}, 'Invocation ', el('code', {}, literalText(requestId))), close);
  }

  private render(d: InvocationDetailDto): void {
    const tags = el('p', { className: 'tags' });
    if (d.status) append(tags, el('span', { className: `tag status-${d.status}`, text: STATUS_LABELS[d.status] ?? d.status }));
    if (d.coldStart !== null) append(tags, el('span', { className: `tag ${d.coldStart ? 'cold' : 'warm'}`, text: d.coldStart ? 'Cold start' : 'Warm' }));
    append(tags, el('span', { className: 'when', text: formatDateTime(d.time) }));

    const figures = el('dl', { className: 'figures' });
    const figure = (label: string, value: Node | string): void => append(figures, el('div', {}, el('dt', label), el('dd', {}, value)));
    figure('Handler', formatMs(d.durationMs));
    figure('Init', d.initDurationMs !== null ? formatMs(d.initDurationMs) : d.coldStart === false ? 'none (warm)' : NONE);
    figure('Billed', formatMs(d.billedDurationMs));
    figure('Memory used', `${d.maxMemoryUsedMb !== null ? formatMb(d.maxMemoryUsedMb) : NONE} of ${formatMb(d.memorySizeMb)}`);
    figure('Version', d.version !== null ? literalText(d.version) : NONE);
    figure('Issue', d.issue ? actionLink(literalText(d.issue.title), () => this.options.onOpenIssue((d.issue as { fingerprint: string }).fingerprint)) : 'none');

    this.element.replaceChildren(this.heading(d.requestId), tags, splitBar(d), figures, logLines(d.lines, d.note));
  }
}

/** Init against handler time: the part of a cold start the user's code did not spend handling. */
function splitBar(d: InvocationDetailDto): HTMLElement {
  const handler = d.durationMs ?? 0;
  const init = d.initDurationMs ?? 0;
  const total = handler + init;
  const box = el('div', { className: 'split' });
  if (!(total > 0)) return box;
  const bar = el('div', { className: 'split-bar', attrs: { role: 'img', 'aria-label': `Init ${formatMs(d.initDurationMs)}, handler ${formatMs(d.durationMs)}` } });
  if (init > 0) {
    const part = el('span', { className: 'split-init' });
    part.style.width = `${(init / total) * 100}%`; // CSSOM: allowed by the CSP, unlike a style attribute
    bar.append(part);
  }
  const part = el('span', { className: 'split-handler' });
  part.style.width = `${(handler / total) * 100}%`;
  bar.append(part);
  const legend = el('p', { className: 'split-legend' });
  if (init > 0) append(legend, el('span', { className: 'key key-init', attrs: { 'aria-hidden': 'true' } }), `init ${formatMs(init)}`, ' · ');
  append(legend, el('span', { className: 'key key-handler', attrs: { 'aria-hidden': 'true' } }), `handler ${formatMs(handler)}`, ` · total ${formatMs(total)}`);
  box.append(bar, legend);
  return box;
}

function clock(time: number): string {
  return `${formatTime(time)}.${String(((time % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

function logLines(lines: readonly LogLineDto[], note: string | null): HTMLElement {
  const box = el('div', { className: 'log-box' });
  box.append(el('h4', `Log lines (${lines.length})`));
  if (note !== null) box.append(el('p', { className: 'note', attrs: { role: 'note' } }, literalText(note)));
  if (lines.length === 0) {
    if (note === null) box.append(el('p', { className: 'empty', text: 'No log lines.' }));
    return box;
  }
  const list = el('ol', { className: 'log' });
  for (const line of lines) list.append(logLine(line));
  box.append(list);
  return box;
}

function logLine(line: LogLineDto): HTMLLIElement {
  const shown = displayLine(line.message);
  const message = el('span', { className: 'msg' }, literalText(shown.shown));
  const li = el('li', {}, el('span', { className: 'time', text: clock(line.time) }), message);
  if (shown.cut && shown.showAllLabel) {
    const more = el('button', { className: 'show-all', text: shown.showAllLabel, attrs: { type: 'button' } });
    more.addEventListener('click', () => {
      message.replaceChildren(literalText(line.message));
      more.remove();
    });
    message.append(el('span', { className: 'ellipsis', text: '…' }));
    li.append(more);
  }
  return li;
}
