// The issue panel: what the error is, how often and since when, its recent occurrences (each
// opens its invocation's logs inline), the latest message and stack trace. Frames placed in the
// workspace are links that post their index (the extension looks the file up, never the page).
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeProgressRing } from '@vscode/webview-ui-toolkit';
import type { FrameDto, IssueHistoryDto } from '../../src/shared/panelData';
import { fillBuckets } from '../common/chartData';
import { actionLink, byId, classToken, custom, el, literalText } from '../common/dom';
import { formatAgo, formatCount, formatDateTime } from '../common/format';
import { getState, onNotification, post, setState } from '../common/host';
import type { IssueAction } from '../../src/shared/protocol';
import { InvocationDetailView } from '../common/invocationDetail';
import { showUnavailable } from '../common/unavailable';
import { onThemeChange, readTheme } from '../common/theme';
import { OccurrenceChart, type Bucket } from './occurrenceChart';

provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeProgressRing());

const HOUR = 3_600_000;
const DAY = 86_400_000;

interface PageState {
  readonly unit: Bucket;
  readonly opened: { requestId: string; time: number } | null;
}

let chart: OccurrenceChart | null = null;
const detail = new InvocationDetailView({
  onOpenIssue: (fingerprint) => post({ type: 'openIssue', fingerprint }),
  onClose: () => setState<PageState>({ opened: null }),
});

function unit(): Bucket {
  return getState<PageState>().unit === 'day' ? 'day' : 'hour';
}

function render(i: IssueHistoryDto): void {
  const now = Date.now();
  const root = byId('root');
  document.title = i.title;

  const open = custom('vscode-button', { text: 'Open timeline', attrs: { appearance: 'secondary', id: 'open-function' } });
  open.addEventListener('click', () => post({ type: 'openFunction' }));
  // What applies in this state: resolve and mute an open or regressed issue, reopen the others.
  const actions: Array<[IssueAction, string]> = i.state === 'resolved' ? [['reopen', 'Reopen']] : i.state === 'muted' ? [['resolve', 'Resolve'], ['reopen', 'Unmute']] : [['resolve', 'Resolve'], ['mute', 'Mute…']];
  const buttons = actions.map(([action, label]) => {
    const button = custom('vscode-button', { text: label, attrs: { appearance: action === 'resolve' ? 'primary' : 'secondary', id: `issue-${action}` } });
    button.addEventListener('click', () => post({ type: 'issueAction', action }));
    return button;
  });
  const head = el(
    'header',
    { className: 'panel-head' },
    el('div', { className: 'title-row' }, el('h1', {}, literalText(i.title)), el('div', { className: 'actions' }, ...buttons, open)),
    el(
      'p',
      { className: 'tags' },
      el('span', { className: `tag kind-${classToken(i.kind)}`, text: i.kind }),
      el('span', { className: `tag state-${classToken(i.state)}`, text: i.state }),
      i.dependency !== undefined ? el('span', { className: 'tag' }, '→ ', literalText(i.dependency)) : null,
    ),
    el(
      'p',
      { className: 'meta' },
      literalText(i.functionName),
      ` · `,
      literalText(`${i.profile} / ${i.region}`),
      ` · first seen ${formatAgo(i.firstSeen, now)} (${formatDateTime(i.firstSeen)}) · last seen ${formatAgo(i.lastSeen, now)} · ${formatCount(i.count)}×`,
    ),
  );

  // Occurrences per hour or per day: two toggle buttons (aria-pressed says which one is shown).
  const canvas = el('canvas', { attrs: { id: 'occurrence-chart', role: 'img' } });
  const hour = el('button', { className: 'toggle', text: 'Per hour (72 h)', attrs: { type: 'button' } });
  const day = el('button', { className: 'toggle', text: 'Per day (90 days)', attrs: { type: 'button' } });
  const showUnit = (u: Bucket): void => {
    setState<PageState>({ unit: u });
    hour.setAttribute('aria-pressed', String(u === 'hour'));
    day.setAttribute('aria-pressed', String(u === 'day'));
    chart?.show(u === 'hour' ? fillBuckets(i.perHour, HOUR, 72, Date.now()) : fillBuckets(i.perDay, DAY, 90, Date.now()), u);
  };
  hour.addEventListener('click', () => showUnit('hour'));
  day.addEventListener('click', () => showUnit('day'));
  const occurrences = el('section', { attrs: { 'aria-labelledby': 'h-occ' } }, el('div', { className: 'section-head' }, el('h2', { text: 'Occurrences', attrs: { id: 'h-occ' } }), el('div', { className: 'toggles', attrs: { role: 'group', 'aria-label': 'Occurrences per' } }, hour, day)), el('div', { className: 'chart-box small' }, canvas));

  const recent = el('section', { attrs: { 'aria-labelledby': 'h-recent' } }, el('h2', { text: 'Recent occurrences', attrs: { id: 'h-recent' } }), recentList(i));
  const message = el('section', { attrs: { 'aria-labelledby': 'h-msg' } }, el('h2', { text: 'Message (latest)', attrs: { id: 'h-msg' } }), el('pre', { className: 'message' }, literalText(i.message)));
  const stack = el('section', { attrs: { 'aria-labelledby': 'h-stack' } }, el('h2', { text: 'Stack trace (latest)', attrs: { id: 'h-stack' } }), frameList(i.frames));

  root.replaceChildren(head, occurrences, message, stack, recent);
  chart?.destroy();
  chart = new OccurrenceChart(canvas, readTheme());
  showUnit(unit());

  // Re-open the invocation that was open before (a new message, or a reload of the window).
  const opened = getState<PageState>().opened;
  if (opened) openOccurrence(opened.requestId, opened.time);
}

function recentList(i: IssueHistoryDto): HTMLElement {
  if (i.recent.length === 0) return el('p', { className: 'empty', text: 'No recent occurrences kept.' });
  const list = el('ul', { className: 'occurrences' });
  for (const o of i.recent) {
    const li = el('li', { attrs: { 'data-request-id': o.requestId } }, el('span', { className: 'time', text: formatDateTime(o.time) }), el('code', { className: 'request-id' }, literalText(o.requestId)), actionLink('Logs', () => openOccurrence(o.requestId, o.time), 'link logs'));
    list.append(li);
  }
  return list;
}

function openOccurrence(requestId: string, time: number): void {
  const row = [...document.querySelectorAll<HTMLElement>('.occurrences li')].find((li) => li.dataset.requestId === requestId);
  (row ?? byId('root')).append(detail.element);
  setState<PageState>({ opened: { requestId, time } });
  void detail.open(requestId, time);
}

function frameList(frames: readonly FrameDto[]): HTMLElement {
  if (frames.length === 0) return el('p', { className: 'empty', text: 'No stack trace.' });
  const list = el('ol', { className: 'frames' });
  frames.forEach((f, index) => {
    if (f.workspace) {
      const where = `${f.workspace.file}:${f.workspace.line}:${f.workspace.column}`;
      const link = actionLink(literalText(f.text), () => post({ type: 'openFrame', index }), 'frame-link');
      link.setAttribute('role', 'link');
      link.setAttribute('title', `Open ${where}`);
      list.append(el('li', { className: 'frame in-workspace' }, link, el('span', { className: 'where' }, literalText(where))));
    } else {
      list.append(el('li', { className: `frame ${f.inApp ? 'in-app' : 'runtime'}` }, el('span', {}, literalText(f.text))));
    }
  });
  return list;
}

onThemeChange((theme) => chart?.setTheme(theme));

/** Whether an issue has been rendered (a later "unavailable" leaves it shown). */
let rendered = false;

onNotification((n) => {
  if (n.type === 'unavailable') showUnavailable(n.message, rendered);
  if (n.type !== 'issue') return;
  rendered = true;
  // The panel's identity: VS Code hands this state back to the extension to restore the panel after a reload.
  setState<{ profile: string; region: string; functionName: string; fingerprint: string }>({ profile: n.issue.profile, region: n.issue.region, functionName: n.issue.functionName, fingerprint: n.issue.fingerprint });
  render(n.issue);
});

post({ type: 'ready' });
