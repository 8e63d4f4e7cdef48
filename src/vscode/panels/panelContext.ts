import type * as vscode from 'vscode';
import type { Issue } from '../../core/issues/issueTracker';
import type { FunctionMonitor } from '../../core/analysis/functionMonitor';
import type { FunctionView, WatchSnapshot } from '../../core/watch/accountWatch';
import type { InvocationDetailDto } from '../../shared/panelData';
import type { CodeInsights } from '../editor/codeInsights';
import type { IssueStates } from '../issueStates';
import type { WatchManager } from '../watchManager';
import { invocationDetailDto } from './panelDtos';
import { PanelError } from './panelHost';

export interface FunctionRef {
  readonly profile: string;
  readonly region: string;
  readonly functionName: string;
}

export interface IssueRef extends FunctionRef {
  readonly fingerprint: string;
}

/** What the panels read from the rest of the extension. */
export interface PanelsOptions {
  readonly extensionUri: vscode.Uri;
  readonly watches: WatchManager;
  readonly insights: CodeInsights;
  readonly log: vscode.LogOutputChannel;
  readonly windowMs: () => number;
  readonly states: IssueStates;
}

/** …and how they open one another. */
export interface PanelContext extends PanelsOptions {
  showFunction(ref: FunctionRef): void;
  showIssue(ref: IssueRef): void;
}

/** A function as the watch sees it now: its snapshot's view and the engine's monitor. */
export interface FunctionNow {
  readonly snapshot: WatchSnapshot;
  readonly view?: FunctionView;
  readonly monitor?: FunctionMonitor;
}

export function functionNow(context: PanelContext, ref: FunctionRef): FunctionNow | undefined {
  const watch = context.watches.watch(ref.profile, ref.region);
  const snapshot = context.watches.state(context.windowMs()).snapshots.find((s) => s.profile === ref.profile && s.region === ref.region);
  if (!watch || !snapshot || snapshot.loading) return undefined;
  const view = snapshot.functions.find((f) => f.name === ref.functionName);
  const monitor = watch.analyzer.find(ref.functionName);
  return { snapshot, ...(view ? { view } : {}), ...(monitor ? { monitor } : {}) };
}

/**
 * Why a panel has nothing to show for `ref` (and the issue `fingerprint`, for an issue panel), once
 * that is known; undefined while it may still come (the profiles or the first poll are loading).
 * A link from Slack the next morning, or a teammate's, names what this window may never read.
 */
export function missingReason(context: PanelContext, ref: FunctionRef, fingerprint?: string): string | undefined {
  const state = context.watches.state(context.windowMs());
  if (!state.loaded) return undefined;
  const where = `${ref.profile} · ${ref.region}`;
  const snapshot = state.snapshots.find((s) => s.profile === ref.profile && s.region === ref.region);
  if (!snapshot) return `Lambdascope does not watch ${where}: the settings lambdascope.profiles and lambdascope.regions choose what it watches.`;
  if (snapshot.loading) return undefined;
  if (!snapshot.functions.some((f) => f.name === ref.functionName)) return `${ref.functionName} was not found in ${where}.`;
  if (fingerprint === undefined) return undefined;
  const monitor = context.watches.watch(ref.profile, ref.region)?.analyzer.find(ref.functionName);
  if (monitor?.issues.get(fingerprint)) return undefined;
  return `This issue has not occurred in the logs of ${ref.functionName} that this window has read (from the hour before it started watching). It shows here when it occurs again.`;
}

/** The issue an invocation belongs to: the one its point names, or one that lists its request id. */
function issueOf(monitor: FunctionMonitor | undefined, requestId: string, fingerprint: string | undefined, time: number | undefined): Issue | undefined {
  if (!monitor) return undefined;
  if (fingerprint) return monitor.issues.get(fingerprint);
  // With its time when known: a retried request's attempts share its id, not their issues.
  return monitor.issues.all().find((i) => i.requestIds.some((id, k) => id === requestId && (time === undefined || i.requestTimes[k] === time)));
}

/** One invocation with its log lines, for either panel. */
export async function invocationDetail(context: PanelContext, ref: FunctionRef, requestId: string, time: number | undefined, signal: AbortSignal): Promise<InvocationDetailDto> {
  const watch = context.watches.watch(ref.profile, ref.region);
  if (!watch) throw new PanelError(`${ref.profile} · ${ref.region} is no longer watched: its invocations cannot be read.`);
  const { point, lines } = await watch.invocation(ref.functionName, requestId, time, signal);
  const monitor = watch.analyzer.find(ref.functionName);
  const issue = issueOf(monitor, requestId, point?.issue, point?.time ?? time);
  const config = watch.poller.configOf(ref.functionName);
  return invocationDetailDto({
    functionName: ref.functionName,
    requestId,
    ...(time !== undefined ? { time } : {}),
    ...(point ? { point } : {}),
    lines,
    ...(config ? { config } : {}),
    ...(issue ? { issue: { fingerprint: issue.fingerprint, title: issue.title } } : {}),
  });
}
