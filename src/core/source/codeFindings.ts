// What the editor shows on the code: diagnostics on handlers and on the frames that threw, and a
// CodeLens above each handler — computed from the watches' snapshots and the workspace index.
import { activeIssues, type IssueReport } from '../analysis/analysisReport';
import { formatAgo, formatCount, formatMs, formatPercent, formatUsd, visibleText } from '../health/figureText';
import { framesFromText, type StackFrame } from '../issues/stackFrames';
import type { FunctionView, WatchSnapshot } from '../watch/accountWatch';
import type { DeployedFunction } from './functionDefinition';
import type { HandlerLocation } from './handlerLocation';
import type { SourcePosition } from './sourceMaps';

/** The two questions asked of the workspace (WorkspaceIndex answers them). */
export interface CodeLocator {
  resolveHandler(fn: DeployedFunction): Promise<HandlerLocation | undefined>;
  mapFrame(fn: DeployedFunction, frame: StackFrame): Promise<SourcePosition | undefined>;
}

export interface WatchedFunction {
  readonly profile: string;
  readonly region: string;
  readonly view: FunctionView;
  /** Tags (stack name, logical id), when known: they pick the right template resource. */
  readonly stackName?: string;
  readonly logicalId?: string;
}

export interface CodeFinding {
  readonly file: string;
  /** 0-based. */
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The other in-app frames of the issue, placed in the workspace. */
  readonly related: ReadonlyArray<{ readonly file: string; readonly line: number; readonly column: number; readonly message: string }>;
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
  readonly fingerprint?: string;
}

export interface HandlerLens {
  readonly file: string;
  readonly line: number;
  readonly title: string;
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
}

export interface CodeFindings {
  readonly findings: CodeFinding[];
  readonly lenses: HandlerLens[];
  /** Functions whose handler was found, by `profile|region|name`. */
  readonly handlers: ReadonlyMap<string, HandlerLocation>;
}

const MAX_RELATED = 8;

/** Every function of the watches' snapshots, with where it is watched. */
export function watchedFunctions(snapshots: readonly Pick<WatchSnapshot, 'profile' | 'region' | 'functions'>[]): WatchedFunction[] {
  return snapshots.flatMap((s) => s.functions.map((view) => ({ profile: s.profile, region: s.region, view })));
}

export function deployedFunction(w: WatchedFunction): DeployedFunction {
  const c = w.view.status.config;
  return { name: c.name, runtime: c.runtime, handler: c.handler, ...(w.stackName ? { stackName: w.stackName } : {}), ...(w.logicalId ? { logicalId: w.logicalId } : {}) };
}

/** `TypeError: … — 39× in checkout-api in the last hour, last 4 min ago` */
function issueMessage(issue: IssueReport, functionName: string, windowLabel: string, now: number): string {
  return `${oneLine(issue.title)} — ${formatCount(issue.count)}× in ${functionName} ${windowLabel}, last ${formatAgo(issue.lastSeen, now)}${issue.handled ? ' (handled)' : ''}`;
}

/** `λ checkout-api · p99 812 ms · 39 errors in 1 h · 14% cold · $4.20/mo · last error 4 min ago` */
export function lensTitle(view: FunctionView, windowShort: string, now: number): string {
  const r = view.report;
  if (!r || r.invocations === 0) return `λ ${view.name} · idle in the last ${windowShort}`;
  const parts = [`λ ${view.name}`, `p99 ${formatMs(r.durationMs?.p99)}`, `${formatCount(r.errors)} error${r.errors === 1 ? '' : 's'} in ${windowShort}`, `${formatPercent(r.coldStartRate)} cold`, `${formatUsd(r.cost.projectedMonthUsd)}/mo`];
  const last = r.issues.reduce((max, i) => (i.handled ? max : Math.max(max, i.lastSeen)), Number.NEGATIVE_INFINITY);
  if (Number.isFinite(last)) parts.push(`last error ${formatAgo(last, now)}`);
  return parts.join(' · ');
}

/**
 * Diagnostics and lenses for the watched functions whose code is in the workspace. Only open
 * issues are passed in (muted and resolved ones produce nothing). A frame that cannot be placed
 * produces nothing here: it stays text in the issue's view.
 */
export async function computeCodeFindings(functions: readonly WatchedFunction[], locator: CodeLocator, options: { now: number; windowLabel: string; windowShort: string }): Promise<CodeFindings> {
  const findings: CodeFinding[] = [];
  const lenses: HandlerLens[] = [];
  const handlers = new Map<string, HandlerLocation>();
  for (const w of functions) {
    const fn = deployedFunction(w);
    let handler: HandlerLocation | undefined;
    try {
      handler = await locatorSafe(() => locator.resolveHandler(fn));
    } catch {
      handler = undefined;
    }
    const base = { functionName: w.view.name, profile: w.profile, region: w.region };
    if (handler && (handler.line < 0 || !Number.isFinite(handler.line))) handler = undefined;
    if (handler) {
      handlers.set(`${w.profile}|${w.region}|${w.view.name}`, handler);
      lenses.push({ ...base, file: handler.file, line: handler.line, title: lensTitle(w.view, options.windowShort, options.now) });
    }
    const r = w.view.report;
    if (!r) continue;
    const failing = activeIssues(r.issues).filter((i) => !i.handled);
    if (handler && failing.length > 0) {
      const total = failing.reduce((s, i) => s + i.count, 0);
      const top = [...failing].sort((a, b) => b.count - a.count)[0] as IssueReport;
      findings.push({
        ...base,
        file: handler.file,
        line: handler.line,
        column: 0,
        severity: 'error',
        message: `${w.view.name} failed ${formatCount(total)}× ${options.windowLabel} (${failing.length} issue${failing.length === 1 ? '' : 's'}); most often ${oneLine(top.title)}`,
        related: [],
        fingerprint: top.fingerprint,
      });
    } else if (handler && w.view.thresholdMs !== undefined && r.durationMs && r.durationMs.p99 > w.view.thresholdMs) {
      findings.push({ ...base, file: handler.file, line: handler.line, column: 0, severity: 'warning', message: `${w.view.name}: p99 ${formatMs(r.durationMs.p99)} is over its ${formatMs(w.view.thresholdMs)} objective ${options.windowLabel}`, related: [] });
    }
    for (const issue of activeIssues(r.issues)) {
      const frames = framesFromText(issue.stack).filter((f) => f.inApp);
      const placed: Array<{ frame: StackFrame; at: SourcePosition }> = [];
      for (const frame of frames.slice(0, MAX_RELATED + 1)) {
        const at = await locatorSafe(() => locator.mapFrame(fn, frame)).catch(() => undefined);
        // A crafted source map can point anywhere: only real positions become diagnostics.
        if (at && at.line >= 0 && at.column >= 0) placed.push({ frame, at });
      }
      const [first, ...rest] = placed;
      if (!first) continue;
      findings.push({
        ...base,
        file: first.at.file,
        line: first.at.line,
        column: first.at.column,
        severity: issue.handled ? 'warning' : 'error',
        message: issueMessage(issue, w.view.name, options.windowLabel, options.now),
        related: rest.map((p) => ({ file: p.at.file, line: p.at.line, column: p.at.column, message: p.frame.function ? `called from ${p.frame.function}` : 'called from here' })),
        fingerprint: issue.fingerprint,
      });
    }
  }
  return { findings, lenses, handlers };
}

/** Log text in a diagnostic: one line, control and bidi characters shown, not obeyed. */
function oneLine(text: string): string {
  return visibleText(text).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

async function locatorSafe<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    return undefined;
  }
}
