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
