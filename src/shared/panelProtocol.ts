// The messages of the function panel (invocation timeline) and the issue panel, and the data they
// carry. Imported by the extension and by the webviews: JSON-serialisable only, no engine types.
import type { ReadyMessage } from './protocol';

export type InvocationStatusDto = 'success' | 'error' | 'timeout' | 'outOfMemory' | 'initError' | 'crash';

export interface InvocationPointDto {
  readonly requestId: string;
  readonly time: number;
  readonly durationMs: number;
  readonly initDurationMs?: number;
  readonly coldStart: boolean;
  readonly status: InvocationStatusDto;
  readonly version?: string;
  /** Fingerprint of the invocation's issue, when it failed. */
  readonly issue?: string;
}

/** Figures of the panel's header; null when the window has none (never NaN). */
export interface FunctionHeaderDto {
  readonly invocations: number;
  readonly errorRate: number | null;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly warmP99Ms: number | null;
  readonly coldP99Ms: number | null;
  readonly coldStartRate: number | null;
  readonly initP99Ms: number | null;
  readonly throttles: number | null;
  readonly projectedMonthUsd: number | null;
}

export interface TimelineDto {
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
  readonly window: { readonly from: number; readonly to: number };
  readonly header: FunctionHeaderDto;
  /** The points drawn (failures and cold starts always; see `total` for the count). */
  readonly points: readonly InvocationPointDto[];
  readonly total: number;
  readonly p99Ms: number | null;
  readonly thresholdMs: number | null;
  readonly deploys: ReadonlyArray<{ readonly time: number; readonly version: string }>;
  readonly histogram: { readonly edges: readonly number[]; readonly warm: readonly number[]; readonly cold: readonly number[] };
}

export interface FrameDto {
  readonly text: string;
  readonly inApp: boolean;
  /** Where the frame is in the workspace, when it could be placed (then it is a link). */
  readonly workspace?: { readonly file: string; readonly line: number; readonly column: number };
}

export interface IssueHistoryDto {
  readonly fingerprint: string;
  readonly functionName: string;
  readonly title: string;
  readonly errorType: string;
  readonly kind: string;
  readonly handled: boolean;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly perHour: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  readonly perDay: ReadonlyArray<{ readonly time: number; readonly count: number }>;
  readonly recent: ReadonlyArray<{ readonly time: number; readonly requestId: string }>;
  readonly message: string;
  readonly frames: readonly FrameDto[];
}

/** Host → webview. */
export type HostToPanel =
  | { readonly type: 'timeline'; readonly timeline: TimelineDto }
  /** New invocations since the last message: appended, no full reload. */
  | { readonly type: 'timelineAppend'; readonly points: readonly InvocationPointDto[]; readonly total: number; readonly header: FunctionHeaderDto }
  | { readonly type: 'issue'; readonly issue: IssueHistoryDto };

/**
 * Webview → host. Links carry indexes and ids, never paths: the host looks the target up in what
 * it sent, so a page cannot make it open an arbitrary file.
 */
export type PanelToHost =
  | ReadyMessage
  | { readonly type: 'openInvocation'; readonly requestId: string }
  | { readonly type: 'openFrame'; readonly index: number }
  | { readonly type: 'openIssue'; readonly fingerprint: string };

const MAX_ID = 256;

function shortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

/** A message from a webview, checked field by field (a webview is untrusted input). */
export function isPanelToHost(value: unknown): value is PanelToHost {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'openInvocation':
      return shortString(m.requestId);
    case 'openFrame':
      return typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0 && m.index < 1000;
    case 'openIssue':
      return shortString(m.fingerprint);
    default:
      return false;
  }
}
