// The Invocations tab: the timeline's points as a toolkit data grid (newest first), one page at a
// time — the toolkit's grid renders every row it is given, so 10,000 rows at once would be slow.
import type { DataGrid, DataGridRow } from '@vscode/webview-ui-toolkit';
import type { InvocationPointDto } from '../../src/shared/panelData';
import { custom, el } from '../common/dom';
import { formatCount, formatDateTime, formatMb, formatMs } from '../common/format';
import { STATUS_LABELS } from '../common/invocationDetail';
import { visibleText } from '../common/text';

export const PAGE_SIZE = 100;

interface Row {
  readonly time: string;
  readonly duration: string;
  readonly billed: string;
  readonly memory: string;
  readonly cold: string;
  readonly status: string;
  readonly requestId: string;
  /** Not a column: what the row opens. */
  readonly point: InvocationPointDto;
}

export class InvocationGrid {
  readonly element: HTMLElement;
  private readonly grid: DataGrid;
  private readonly status: HTMLElement;
  private readonly newer: HTMLElement;
  private readonly older: HTMLElement;
  private points: InvocationPointDto[] = [];
  private page = 0;

  constructor(private readonly onOpen: (point: InvocationPointDto) => void) {
    this.grid = custom('vscode-data-grid', { attrs: { 'generate-header': 'sticky', 'aria-label': 'Invocations, newest first' } }) as DataGrid;
    // As a property: the grid sizes its columns from it (the attribute is read only when upgraded).
    this.grid.gridTemplateColumns = '13em 7em 7em 8em 5em 9em minmax(18em, 1fr)';
    this.grid.columnDefinitions = [
      { columnDataKey: 'time', title: 'Time' },
      { columnDataKey: 'duration', title: 'Duration' },
      { columnDataKey: 'billed', title: 'Billed' },
      { columnDataKey: 'memory', title: 'Memory used' },
      { columnDataKey: 'cold', title: 'Cold' },
      { columnDataKey: 'status', title: 'Status' },
      { columnDataKey: 'requestId', title: 'Request id' },
    ];
    this.grid.addEventListener('click', (e) => this.openFrom(e.target));
    this.grid.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.openFrom(e.target);
    });
    this.status = el('span', { className: 'pager-status', attrs: { 'aria-live': 'polite' } });
    this.newer = custom('vscode-button', { text: 'Newer', attrs: { appearance: 'secondary' } });
    this.older = custom('vscode-button', { text: 'Older', attrs: { appearance: 'secondary' } });
    this.newer.addEventListener('click', () => this.show(this.page - 1));
    this.older.addEventListener('click', () => this.show(this.page + 1));
    this.element = el('div', { className: 'grid-box' }, el('div', { className: 'pager' }, this.newer, this.older, this.status), this.grid);
  }

  setPoints(points: readonly InvocationPointDto[]): void {
    this.points = [...points].sort((a, b) => b.time - a.time);
    this.show(this.page);
  }

  private show(page: number): void {
    const pages = Math.max(1, Math.ceil(this.points.length / PAGE_SIZE));
    this.page = Math.min(Math.max(0, page), pages - 1);
    const start = this.page * PAGE_SIZE;
    const slice = this.points.slice(start, start + PAGE_SIZE);
    // The grid renders its cells' text as text (never markup); ids are still made visible literally.
    this.grid.rowsData = slice.map(
      (p): Row => ({
        time: formatDateTime(p.time),
        duration: formatMs(p.durationMs),
        billed: formatMs(p.billedDurationMs),
        memory: formatMb(p.maxMemoryUsedMb),
        cold: p.coldStart ? 'cold' : '',
        status: STATUS_LABELS[p.status] ?? p.status,
        requestId: visibleText(p.requestId),
        point: p,
      }),
    );
    this.status.textContent = this.points.length === 0 ? 'No invocations drawn in this window.' : `${formatCount(start + 1)}–${formatCount(start + slice.length)} of ${formatCount(this.points.length)}`;
    this.newer.toggleAttribute('disabled', this.page === 0);
    this.older.toggleAttribute('disabled', this.page >= pages - 1);
  }

  private openFrom(target: EventTarget | null): void {
    const row = target instanceof Element ? (target.closest('vscode-data-grid-row') as DataGridRow | null) : null;
    const data = row?.rowData as Row | null | undefined;
    if (data?.point) this.onOpen(data.point);
  }
}
