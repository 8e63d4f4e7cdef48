import type { ReadyMessage } from './protocol';

/**
 * The analysis report panel: the host posts one report after the webview says `ready`.
 * DTOs are plain JSON, shaped for display (the engine's own types stay on the host side).
 */
export interface ReportIssueDto {
  readonly title: string;
  readonly kind: string;
  readonly handled: boolean;
  readonly count: number;
  readonly lastSeen: number;
  readonly dependency?: string;
  readonly culprit?: string;
}

export interface ReportFunctionDto {
  readonly name: string;
  readonly invocations: number;
  readonly errors: number;
  readonly errorRate: number | null;
  readonly coldStartRate: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly initP99Ms: number | null;
  readonly projectedMonthUsd: number | null;
  readonly issues: readonly ReportIssueDto[];
}

export interface ReportDto {
  readonly source: string;
  readonly window: { readonly from: number; readonly to: number } | null;
  readonly functions: readonly ReportFunctionDto[];
  readonly projectedMonthUsd: number | null;
  readonly skippedLines: number;
}

export type ReportHostMessage = { readonly type: 'report'; readonly report: ReportDto };
export type ReportWebviewMessage = ReadyMessage;
