// The function panel: header and figures, then Timeline | Invocations | Issues | Findings. The page asks for
// nothing but invocations; the extension sends the timeline after `ready`, then appends to it.
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeDataGrid, vsCodeDataGridCell, vsCodeDataGridRow, vsCodePanels, vsCodePanelTab, vsCodePanelView, vsCodeProgressRing } from '@vscode/webview-ui-toolkit';
import type { InvocationPointDto, TimelineDto, TimelineFrameDto } from '../../src/shared/panelData';
import { mergePoints } from '../common/chartData';
import { byId, custom, el } from '../common/dom';
import { getState, onNotification, post, setState } from '../common/host';
import { InvocationDetailView } from '../common/invocationDetail';
import { showUnavailable } from '../common/unavailable';
import { onThemeChange, readTheme } from '../common/theme';
import { headerLine, tiles } from './header';
import { DurationHistogram } from './histogramChart';
import { InvocationGrid } from './invocationGrid';
import { findingList } from './findingList';
import { issueList } from './issueList';
import { TimelineScatter } from './scatterChart';

provideVSCodeDesignSystem().register(vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell(), vsCodeButton(), vsCodeProgressRing());

type Tab = 'timeline' | 'invocations' | 'issues' | 'findings';
const TABS: readonly Tab[] = ['timeline', 'invocations', 'issues', 'findings'];

/** What survives a hide or a reload of the window (VS Code keeps it with the panel). */
interface PageState {
  readonly tab: Tab;
  readonly zoom: { min: number; max: number } | null;
  readonly selected: { requestId: string; time: number } | null;
}

declare global {
  interface Window {
    /** Set by a test page before this script runs: exposes what a test needs to aim a click. */
    __lambdascopeTestHooks?: boolean;
    __lambdascopeTimeline?: { pixelOf(requestId: string, time?: number): { x: number; y: number } | null; range(): { min: number; max: number } | null };
  }
}

interface Page {
  name: string;
  profile: string;
  region: string;
  points: InvocationPointDto[];
  frame: TimelineFrameDto;
  readonly scatter: TimelineScatter;
  histogram: DurationHistogram | null;
  readonly detail: InvocationDetailView;
  readonly slots: Record<'timeline' | 'invocations', HTMLElement>;
  readonly head: HTMLElement;
  readonly figures: HTMLElement;
  readonly issues: HTMLElement;
  readonly findings: HTMLElement;
  grid: InvocationGrid | null;
}

let page: Page | null = null;

interface PanelIdentity {
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
}

function currentTab(): Tab {
  const t = getState<PageState>().tab;
  return t && TABS.includes(t) ? t : 'timeline';
}

function openPoint(p: InvocationPointDto, from: 'timeline' | 'invocations'): void {
  if (!page) return;
  page.slots[from].append(page.detail.element);
  page.scatter.select(p.requestId, p.time);
  setState<PageState>({ selected: { requestId: p.requestId, time: p.time } });
  void page.detail.open(p.requestId, p.time);
}

function openIssue(fingerprint: string): void {
  post({ type: 'openIssue', fingerprint });
}

function build(t: TimelineDto): Page {
  const root = byId('root');
  const state = getState<PageState>();
  const theme = readTheme();
  const head = el('div');
  const figures = el('div');

  const panels = custom('vscode-panels', { attrs: { activeid: `tab-${currentTab()}`, 'aria-label': 'Function views' } });
  const tabs = {
    timeline: custom('vscode-panel-tab', { text: 'Timeline', attrs: { id: 'tab-timeline' } }),
    invocations: custom('vscode-panel-tab', { text: 'Invocations', attrs: { id: 'tab-invocations' } }),
    // The toolkit's vscode-badge sets an inline style the CSP refuses: a span styled as one.
    issues: custom('vscode-panel-tab', { attrs: { id: 'tab-issues' } }, 'Issues ', el('span', { className: 'count-badge', attrs: { id: 'issues-count', 'aria-label': 'issues in the window' }, text: String(t.issues.length) })),
    findings: custom('vscode-panel-tab', { attrs: { id: 'tab-findings' } }, 'Findings ', el('span', { className: 'count-badge', attrs: { id: 'findings-count', 'aria-label': 'findings' }, text: String(t.findings.length) })),
  };
  const views = {
    timeline: custom('vscode-panel-view', { attrs: { id: 'view-timeline' } }),
    invocations: custom('vscode-panel-view', { attrs: { id: 'view-invocations' } }),
    issues: custom('vscode-panel-view', { attrs: { id: 'view-issues' } }),
    findings: custom('vscode-panel-view', { attrs: { id: 'view-findings' } }),
  };
  panels.append(tabs.timeline, tabs.invocations, tabs.issues, tabs.findings, views.timeline, views.invocations, views.issues, views.findings);

  // Timeline tab: toolbar, chart, its text summary, the invocation opened, the histogram.
  const canvas = el('canvas', { attrs: { id: 'timeline-chart', tabindex: '0', role: 'img', 'aria-describedby': 'timeline-summary' } });
  const summary = el('p', { className: 'summary', attrs: { id: 'timeline-summary' } });
  const announcer = el('p', { className: 'sr-only', attrs: { 'aria-live': 'polite', id: 'timeline-selection' } });
  const reset = custom('vscode-button', { text: 'Reset zoom', attrs: { appearance: 'secondary', id: 'reset-zoom' } });
  const toolbar = el('div', { className: 'chart-toolbar' }, reset, el('span', { className: 'hint', text: 'Drag to zoom · Ctrl+wheel to zoom · Shift+drag to pan · click a point, or focus the chart and use ← → Enter' }));
  const timelineSlot = el('div', { className: 'detail-slot' });
  const histCanvas = el('canvas', { attrs: { id: 'histogram-chart', role: 'img' } });
  views.timeline.append(
    el('div', { className: 'tab-body' }, toolbar, el('div', { className: 'chart-box' }, canvas), summary, announcer, timelineSlot, el('h2', { text: 'Durations' }), el('div', { className: 'chart-box small' }, histCanvas)),
  );
  const invocationsSlot = el('div', { className: 'detail-slot' });
  const gridHost = el('div');
  views.invocations.append(el('div', { className: 'tab-body' }, gridHost, invocationsSlot));
  const issues = el('div', { className: 'tab-body' });
  views.issues.append(issues);
  const findings = el('div', { className: 'tab-body' });
  views.findings.append(findings);

  root.replaceChildren(head, figures, panels);
  root.removeAttribute('aria-live'); // announcements come from the chart's own live region

  const detail = new InvocationDetailView({ onOpenIssue: openIssue, onClose: () => setState<PageState>({ selected: null }) });
  const scatter = new TimelineScatter(canvas, summary, announcer, t.points, t, theme, {
    onOpen: (p) => openPoint(p, 'timeline'),
    onZoom: (zoom) => setState<PageState>({ zoom }),
  });
  reset.addEventListener('click', () => scatter.resetZoom());
  onThemeChange((next) => {
    scatter.setTheme(next);
    p.histogram?.setTheme(next);
  });

  const p: Page = { name: t.functionName, profile: t.profile, region: t.region, points: [...t.points], frame: t, scatter, histogram: null, detail, slots: { timeline: timelineSlot, invocations: invocationsSlot }, head, figures, issues, findings, grid: null };

  const ensureGrid = (): void => {
    if (p.grid) return;
    p.grid = new InvocationGrid((point) => openPoint(point, 'invocations'));
    p.grid.setPoints(p.points);
    gridHost.append(p.grid.element);
  };
  panels.addEventListener('change', () => {
    const id = (panels as HTMLElement & { activeid?: string }).activeid ?? '';
    const tab = TABS.find((x) => `tab-${x}` === id) ?? 'timeline';
    setState<PageState>({ tab });
    if (tab === 'invocations') ensureGrid();
  });
  if (currentTab() === 'invocations') ensureGrid();

  if (state.zoom) scatter.zoomTo(state.zoom);
  if (state.selected) {
    const where = currentTab() === 'invocations' ? 'invocations' : 'timeline';
    p.slots[where].append(detail.element);
    scatter.select(state.selected.requestId, state.selected.time);
    void detail.open(state.selected.requestId, state.selected.time);
  }
  // The histogram is below the fold: drawn after the timeline is on screen, not before.
  requestAnimationFrame(() =>
    setTimeout(() => {
      p.histogram = new DurationHistogram(histCanvas, p.frame.histogram, readTheme());
    }, 0),
  );
  if (window.__lambdascopeTestHooks) window.__lambdascopeTimeline = { pixelOf: (id, time) => scatter.pixelOf(id, time), range: () => scatter.range() };
  return p;
}

/** Everything but the charts' data, from the latest frame. */
function renderFrame(p: Page): void {
  const now = Date.now();
  p.head.replaceChildren(headerLine(p.name, p.profile, p.region, p.frame.config, now));
  p.figures.replaceChildren(tiles(p.frame.header));
  p.issues.replaceChildren(issueList(p.frame.issues, now, openIssue));
  const count = document.getElementById('issues-count');
  if (count) count.textContent = String(p.frame.issues.length);
  p.findings.replaceChildren(findingList(p.frame.findings));
  const findingCount = document.getElementById('findings-count');
  if (findingCount) findingCount.textContent = String(p.frame.findings.length);
  document.title = p.name;
}

onNotification((n) => {
  if (n.type === 'unavailable') showUnavailable(n.message, page !== null);
  else if (n.type === 'timeline') {
    // The panel's identity: VS Code hands this state back to the extension to restore the panel after a reload.
    setState<PanelIdentity>({ profile: n.timeline.profile, region: n.timeline.region, functionName: n.timeline.functionName });
    if (!page) page = build(n.timeline);
    else {
      page.name = n.timeline.functionName;
      page.profile = n.timeline.profile;
      page.region = n.timeline.region;
      page.points = [...n.timeline.points];
      page.frame = n.timeline;
      page.scatter.update(page.points, page.frame);
      page.histogram?.update(page.frame.histogram);
      page.grid?.setPoints(page.points);
    }
    renderFrame(page);
  } else if (n.type === 'timelineAppend' && page) {
    page.points = mergePoints(page.points, n.points, n.frame.window.from);
    page.frame = n.frame;
    page.scatter.update(page.points, page.frame);
    page.histogram?.update(page.frame.histogram);
    page.grid?.setPoints(page.points);
    renderFrame(page);
  }
});

post({ type: 'ready' });
