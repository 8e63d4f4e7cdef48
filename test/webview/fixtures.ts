// Realistic panel data for the webview harness and the render bench, made by the engine itself
// (simulated traffic → analyzer → the same DTO builders the extension uses), plus hostile text.
import { Analyzer } from '../../src/core/analysis/analyzer';
import { buildAnalysisReport, type CostConfig } from '../../src/core/analysis/analysisReport';
import { findingsFor } from '../../src/core/insights/findings';
import { LAMBDA_PRICES } from '../../src/core/cost/priceTable';
import { issueHistoryModel } from '../../src/core/issues/issueHistoryModel';
import { buildTimeline } from '../../src/core/timeline/timelineModel';
import { DEMO_FUNCTIONS } from '../../src/demo/scenarios';
import { TrafficGenerator } from '../../src/demo/trafficGenerator';
import { issueHistoryDto, timelineDto } from '../../src/vscode/panels/panelDtos';
import type { FindingDto, InvocationDetailDto, InvocationPointDto, IssueHistoryDto, TimelineDto } from '../../src/shared/panelData';

export const T0 = Date.UTC(2026, 10, 26, 9);

export interface Fixture {
  readonly timeline: TimelineDto;
  readonly issue: IssueHistoryDto;
  /** Points that arrive after the timeline (for timelineAppend). */
  readonly later: InvocationPointDto[];
}

/**
 * `invocations` of checkout-api (4 requests/s, errors, timeouts, cold starts, hostile log text),
 * drawn up to `maxPoints`; the last 2% are held back to be appended (unless `holdBack: false`).
 * `costConfig` stands in for what the catalog read (x86_64 gives an arm64 what-if; provisioned
 * concurrency and ephemeral storage a longer cost split); `findings` runs the engine's rules on the
 * report (without it the Findings tab is empty, as with every rule turned off).
 */
export function buildFixture(options: { invocations?: number; maxPoints?: number; holdBack?: boolean; costConfig?: Omit<CostConfig, 'memoryMb'>; findings?: boolean } = {}): Fixture {
  const fn = DEMO_FUNCTIONS.find((f) => f.name === 'checkout-api') ?? DEMO_FUNCTIONS[0];
  if (!fn) throw new Error('no demo function');
  const invocations = options.invocations ?? 3000;
  const analyzer = new Analyzer({ thresholdMs: () => 1000 });
  for (const e of new TrafficGenerator({ seed: 7, start: T0, maxInvocations: invocations, functions: [fn], hostileEvery: 25 })) analyzer.ingest(e);
  analyzer.flush();
  const monitor = analyzer.functions()[0];
  if (!monitor) throw new Error('no monitor');
  const all = monitor.timeline.points();
  const last = all.reduce((m, p) => Math.max(m, p.time), T0);
  const window = { from: T0, to: last + 1000 };
  const costConfig = options.costConfig ? { ...options.costConfig, memoryMb: fn.memorySizeMb } : undefined;
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES, window, ...(costConfig ? { costConfigOf: () => costConfig } : { costConfigOf: () => ({ architecture: fn.architecture }) }) }).functions[0];
  const model = buildTimeline(all, report, window, { thresholdMs: 1000, maxPoints: options.maxPoints ?? 3000 });
  const config = { runtime: fn.runtime, architecture: costConfig?.architecture ?? fn.architecture, memoryMb: fn.memorySizeMb, timeoutSeconds: fn.timeoutSeconds, version: '42', lastModified: new Date(window.to - 2 * 3_600_000).toISOString() };
  const findings = options.findings ? findingsFor({ report, config: { ...config, tracing: 'PassThrough' }, thresholdMs: 1000, arm64SavingsUsd: report?.cost.whatIf.arm64?.savingsUsd, now: window.to }) : [];
  const base = timelineDto(model, { functionName: fn.name, profile: 'Demo', region: 'us-east-1', ...(report ? { report } : {}), config: config as never, findings });
  // Two deploys in the window (the simulated account does not deploy), so markers are drawn.
  const span = window.to - window.from;
  const deploys = [
    { time: window.from + span * 0.35, version: '41' },
    { time: window.from + span * 0.7, version: '42' },
  ];
  const cut = options.holdBack === false ? base.points.length : base.points.length - Math.max(1, Math.floor(base.points.length * 0.02));
  const timeline: TimelineDto = { ...base, deploys, points: base.points.slice(0, cut) };
  const later = base.points.slice(cut);

  const issue = monitor.issues.all().find((i) => i.errorType === 'TypeError') ?? monitor.issues.all()[0];
  if (!issue) throw new Error('no issue');
  const history = issueHistoryModel(issue);
  const placed = history.frames.map((f) => (f.inApp && f.file ? { file: `checkout-api/${f.file.replace(/^.*?src\//, 'src/')}`, line: f.line ?? 1, column: f.column ?? 1 } : undefined));
  return { timeline, issue: issueHistoryDto(history, placed, { profile: 'Demo', region: 'us-east-1', state: 'regressed' }), later };
}

/** Lines an attacker could make a function print: each must show literally and run nothing. */
export const HOSTILE_LINES: readonly string[] = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<a href="javascript:window.__pwned=\'href\'">click me</a> javascript:alert(1)',
  '<style>body { display: none }</style><link rel=stylesheet href="https://evil.example/x.css">',
  '</li></ol></div><h1 style="color:red" onclick="window.__pwned=1">injected heading</h1>',
  '\u001b[31mred alert\u001b[0m \u001b]8;;http://evil.example\u0007hyperlink\u001b]8;;\u0007',
  'invoice_\u202Efdp.exe\u202C and \u2066isolated\u2069 and \u200Fmark',
  'pass\u200Bword\u00ADhidden\uFEFFbom \u2028line separator\u2029 tab\there NUL\u0000 BEL\u0007 CR\r C1\u0085',
  '{"level":"ERROR","message":"TypeError: Cannot read properties of undefined (reading \'id\')"}',
];

/**
 * A finding whose texts carry what an attacker could put where findings quote AWS (an invoking
 * principal, a runtime name): the engine's rules write no such text, so the harness adds this one.
 */
export const HOSTILE_FINDING: FindingDto = {
  id: 'async.noFailureDestination',
  severity: 'warning',
  title: `Hostile title ${HOSTILE_LINES[4]}`,
  evidence: `invoked asynchronously by ${HOSTILE_LINES[0]} ${HOSTILE_LINES[1]} ${HOSTILE_LINES[6]}`,
  why: HOSTILE_LINES[3] ?? '',
  fix: HOSTILE_LINES[2] ?? '',
};

/** The detail the stub extension answers with (the page asks for it by request id). */
export function detailTemplate(timeline: TimelineDto): Omit<InvocationDetailDto, 'requestId' | 'time'> {
  const failing = timeline.issues[0];
  return {
    functionName: timeline.functionName,
    status: 'error',
    coldStart: true,
    durationMs: 812.4,
    initDurationMs: 640.2,
    billedDurationMs: 1453,
    maxMemoryUsedMb: 250,
    memorySizeMb: 512,
    version: '42',
    issue: failing ? { fingerprint: failing.fingerprint, title: failing.title } : null,
    lines: [],
    note: 'Lines before 09:12:03 were not fetched: the invocation started before the stream was read <b>(bold?)</b>.',
  };
}
