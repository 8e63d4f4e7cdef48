/**
 * The one message protocol between the extension and its webview panels, imported by both sides.
 * Every message is JSON and discriminated by `type`:
 * - the webview sends `ready` once its script runs; the extension sends nothing before;
 * - notifications, extension → webview: the data to show, then incremental updates;
 * - commands, webview → extension: open a frame, an issue, a function (no reply);
 * - requests, webview → extension, with a typed reply matched by `id`.
 * Links carry indexes and ids, never paths or URLs: the extension looks the target up in what it
 * sent, so a page cannot make it open an arbitrary file.
 */
import type { InvocationDetailDto, InvocationPointDto, IssueHistoryDto, ReportDto, TimelineDto, TimelineFrameDto } from './panelData';

export interface ReadyMessage {
  readonly type: 'ready';
}

/** What a request asks and what its reply carries. */
export interface PanelRequests {
  /** One invocation with its log lines (fetched on demand). `time` helps find it when it is no longer in the timeline. */
  readonly invocation: { readonly params: { readonly requestId: string; readonly time?: number }; readonly result: InvocationDetailDto };
}

export type RequestMethod = keyof PanelRequests;

export type RequestMessage = {
  readonly [M in RequestMethod]: { readonly type: 'request'; readonly id: number; readonly method: M; readonly params: PanelRequests[M]['params'] };
}[RequestMethod];

export type ReplyMessage =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: PanelRequests[RequestMethod]['result'] }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

export type HostNotification =
  | { readonly type: 'report'; readonly report: ReportDto }
  | { readonly type: 'timeline'; readonly timeline: TimelineDto }
  /** Invocations that ended since the last message, appended to the chart (no full reload). */
  | { readonly type: 'timelineAppend'; readonly points: readonly InvocationPointDto[]; readonly frame: TimelineFrameDto }
  | { readonly type: 'issue'; readonly issue: IssueHistoryDto }
  /** There is nothing to show, and why (a function not found, an issue not in the logs read). */
  | { readonly type: 'unavailable'; readonly message: string };

export type HostToPanel = HostNotification | ReplyMessage;

export type PanelCommand =
  /** Open frame `index` of the stack the issue panel shows. */
  | { readonly type: 'openFrame'; readonly index: number }
  | { readonly type: 'openIssue'; readonly fingerprint: string }
  /** Open the timeline of the function the panel is about. */
  | { readonly type: 'openFunction' }
  /** Resolve, mute (the extension asks for how long) or reopen the issue the panel is about. */
  | { readonly type: 'issueAction'; readonly action: IssueAction };

export type IssueAction = 'resolve' | 'mute' | 'reopen';

export type PanelToHost = ReadyMessage | PanelCommand | RequestMessage;

const MAX_ID = 256;

function shortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function record(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return record(value) && value.type === 'ready';
}

/** A message from a webview, checked field by field (a webview is untrusted input). */
export function isPanelToHost(value: unknown): value is PanelToHost {
  if (!record(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'openFunction':
      return true;
    case 'openFrame':
      return typeof value.index === 'number' && Number.isInteger(value.index) && value.index >= 0 && value.index < 1000;
    case 'openIssue':
      return shortString(value.fingerprint);
    case 'issueAction':
      return value.action === 'resolve' || value.action === 'mute' || value.action === 'reopen';
    case 'request': {
      if (!requestId(value.id) || !record(value.params)) return false;
      if (value.method !== 'invocation') return false;
      const { requestId: id, time } = value.params;
      return shortString(id) && (time === undefined || (typeof time === 'number' && Number.isFinite(time)));
    }
    default:
      return false;
  }
}

/**
 * A message from the extension, checked for its shape before the page uses it (the page only
 * trusts what it can render safely: every text still goes through textContent).
 */
export function isHostToPanel(value: unknown): value is HostToPanel {
  if (!record(value)) return false;
  switch (value.type) {
    case 'report':
      return record(value.report) && Array.isArray(value.report.functions);
    case 'timeline':
      return record(value.timeline) && Array.isArray(value.timeline.points) && record(value.timeline.header);
    case 'timelineAppend':
      return Array.isArray(value.points) && record(value.frame) && record(value.frame.header);
    case 'issue':
      return record(value.issue) && Array.isArray(value.issue.frames) && Array.isArray(value.issue.recent);
    case 'unavailable':
      return typeof value.message === 'string' && value.message.length <= 1000;
    case 'reply':
      return requestId(value.id) && (value.ok === true ? 'result' in value : value.ok === false && typeof value.error === 'string');
    default:
      return false;
  }
}
