import type { FunctionReport } from '../analysis/analysisReport';
import { formatCount, formatUsd } from '../health/figureText';
import { MAX_MEMORY_MB, rightSizedMemoryMb } from '../cost/whatIf';
import type { FunctionConfig, FunctionSettings } from '../ports';
import { DEPRECATION_NOTICE_DAYS, runsOnArm64, runtimeLifecycle } from './runtimeSupport';

/** Best-practice findings over a function's configuration and its measured behaviour. */
export const FINDING_IDS = [
  'memory.overProvisioned',
  'memory.nearLimit',
  'timeout.tight',
  'timeout.loose',
  'coldStart.high',
  'architecture.arm64',
  'logs.noRetention',
  'async.noFailureDestination',
  'runtime.deprecated',
  'throttles.noReservedConcurrency',
  'concurrency.zero',
  'tracing.disabled',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

/**
 * The function setting a finding is about, when the fix is a value in the infrastructure code:
 * the template layer maps it to SAM/CloudFormation (`MemorySize`, `Timeout`, `Architectures`,
 * `Tracing`, `Runtime`, `ReservedConcurrentExecutions`) or serverless.yml (`memorySize`, …).
 */
export type FindingProperty = 'memory' | 'timeout' | 'architecture' | 'tracing' | 'runtime' | 'reservedConcurrency';

export interface Finding {
  readonly id: FindingId;
  /** One line: "Memory over-provisioned: 1024 MB, 181 MB used". */
  readonly title: string;
  readonly severity: 'warning' | 'info';
  /** The figures behind it. */
  readonly evidence: string;
  readonly why: string;
  readonly fix: string;
  readonly property?: FindingProperty;
  /**
   * The value a quick fix writes for `property`: MB for memory, seconds for timeout, `arm64`,
   * `Active` for tracing, a runtime identifier, a concurrency. Absent: no single right value.
   */
  readonly recommended?: number | string;
}

export interface FindingInput {
  /** The window's figures from the logs (undefined when the function had no invocations in it). */
  readonly report?: FunctionReport;
  readonly config: Pick<FunctionConfig, 'memoryMb' | 'timeoutSeconds' | 'architecture' | 'runtime' | 'tracing' | 'deadLetterTargetArn'>;
  readonly settings?: FunctionSettings;
  /** Throttled requests in the window (CloudWatch metrics: throttles never reach the logs). */
  readonly throttles?: number;
  /** The latency objective: the function is latency-sensitive when it has one. */
  readonly thresholdMs?: number;
  /** Monthly savings on arm64 (from the cost what-if), when known. */
  readonly arm64SavingsUsd?: number;
  readonly now: number;
  /** Rules turned off by id. */
  readonly disabled?: ReadonlySet<string>;
}

/** Invocations a window needs before its figures say anything about the configuration. */
const MIN_INVOCATIONS = 50;

/** Services that invoke Lambda asynchronously (their events are retried, then dropped without a destination). */
const ASYNC_INVOKERS = new Set(['s3.amazonaws.com', 'sns.amazonaws.com', 'events.amazonaws.com', 'ses.amazonaws.com', 'logs.amazonaws.com', 'iot.amazonaws.com', 'codecommit.amazonaws.com', 'config.amazonaws.com', 'scheduler.amazonaws.com', 'cloudformation.amazonaws.com']);

const DAY = 86_400_000;

export function findingsFor(input: FindingInput): Finding[] {
  const out: Finding[] = [];
  const add = (f: Finding): void => {
    if (!input.disabled?.has(f.id)) out.push(f);
  };
  const r = input.report;
  const c = input.config;
  const s = input.settings;
  const enough = r !== undefined && r.invocations >= MIN_INVOCATIONS;
  const used = r?.maxMemoryUsedMb ?? null;
  if (enough && used !== null && used > 0) {
    const share = used / c.memoryMb;
    const recommended = rightSizedMemoryMb(used);
    const evidence = `${Math.round(used)} MB used at most of ${c.memoryMb} MB (${Math.round(share * 100)}%) over ${formatCount(r.invocations)} invocations`;
    if (share >= 0.9) {
      // Half again: the most used is only a floor when the function already hits the limit.
      const up = Math.min(MAX_MEMORY_MB, Math.ceil((c.memoryMb * 1.5) / 64) * 64);
      const canRaise = up > c.memoryMb;
      add({ id: 'memory.nearLimit', title: `Memory near the limit: ${Math.round(used)} of ${c.memoryMb} MB used`, severity: 'warning', evidence, why: 'A little more data and the runtime is killed for lack of memory (an out-of-memory crash, not an exception).', fix: canRaise ? `Raise the memory size to ${up} MB.` : 'The memory size is at Lambda\'s maximum: use less memory (stream large payloads, free caches) or split the work.', property: 'memory', ...(canRaise ? { recommended: up } : {}) });
    } else if (share < 0.4 && recommended < c.memoryMb && c.memoryMb > 256) {
      add({ id: 'memory.overProvisioned', title: `Memory over-provisioned: ${c.memoryMb} MB, ${Math.round(used)} MB used`, severity: 'info', evidence, why: 'Memory is billed whether used or not (GB-seconds).', fix: `Lower the memory size to ${recommended} MB (30% headroom over the most used) if the function is not CPU-bound; compare its duration after.`, property: 'memory', recommended });
    }
  }
  const d = r?.durationMs;
  if (enough && d) {
    const timeoutMs = c.timeoutSeconds * 1000;
    if (d.max >= 0.8 * timeoutMs || d.p99 >= 0.5 * timeoutMs) {
      // Twice the slowest run that finished (invocations at the timeout tell nothing of how long they needed).
      const slowest = d.max >= timeoutMs * 0.999 ? d.p99 : d.max;
      const up = niceTimeout(Math.max(c.timeoutSeconds + 1, Math.ceil((slowest * 2) / 1000)));
      const canRaise = up > c.timeoutSeconds;
      add({ id: 'timeout.tight', title: `Timeout tight: ${c.timeoutSeconds} s against a ${fmtMs(d.max)} slowest run`, severity: 'warning', evidence: `p99 ${fmtMs(d.p99)}, max ${fmtMs(d.max)} against a ${c.timeoutSeconds} s timeout`, why: 'A slow dependency will push invocations over the timeout: they fail, and are retried or lost.', fix: canRaise ? `Raise the timeout to ${up} s, or make the slow path faster.` : 'The timeout is at Lambda\'s 900 s maximum: make the slow path faster, or move the work to Step Functions or a queue.', property: 'timeout', ...(canRaise ? { recommended: up } : {}) });
    } else if (timeoutMs >= 30_000 && d.max * 10 < timeoutMs) {
      const down = Math.max(3, Math.ceil((d.max * 3) / 1000));
      add({ id: 'timeout.loose', title: `Timeout loose: ${c.timeoutSeconds} s for runs of at most ${fmtMs(d.max)}`, severity: 'info', evidence: `max ${fmtMs(d.max)} against a ${c.timeoutSeconds} s timeout`, why: 'A hung invocation runs (and is billed) for the whole timeout before it fails.', fix: `Lower the timeout to ${down} s (three times the slowest invocation seen).`, property: 'timeout', recommended: down });
    }
  }
  if (enough && input.thresholdMs !== undefined && (r.coldStartRate > 0.05 || (r.initDurationMs?.p99 ?? 0) > 1000)) {
    add({ id: 'coldStart.high', title: `Cold starts: ${(r.coldStartRate * 100).toFixed(1)}%, init p99 ${fmtMs(r.initDurationMs?.p99 ?? 0)}`, severity: 'warning', evidence: `${(r.coldStartRate * 100).toFixed(1)}% cold starts, init p99 ${fmtMs(r.initDurationMs?.p99 ?? 0)}, on a function with a ${fmtMs(input.thresholdMs)} objective`, why: 'Cold starts add their init time to the request: the slowest requests are often just cold ones.', fix: 'Consider provisioned concurrency, SnapStart (Java, Python, .NET), a smaller bundle or lazy imports.' });
  }
  if (c.architecture === 'x86_64' && input.arm64SavingsUsd !== undefined && input.arm64SavingsUsd >= 0.01 && runsOnArm64(c.runtime)) {
    add({ id: 'architecture.arm64', title: `arm64 would save ${formatUsd(input.arm64SavingsUsd)}/month`, severity: 'info', evidence: `${formatUsd(input.arm64SavingsUsd)}/month less on arm64 for the same traffic (list prices)`, why: 'arm64 (Graviton) compute is priced about 20% lower than x86_64.', fix: 'Set the architecture to arm64 (rebuild native dependencies for it).', property: 'architecture', recommended: 'arm64' });
  }
  if (s?.logRetentionDays === null) {
    add({ id: 'logs.noRetention', title: 'Logs kept forever: no retention on the log group', severity: 'info', evidence: 'the log group has no retention period', why: 'CloudWatch Logs bills storage every month for every byte ever logged.', fix: 'Set a retention period on the log group (for example 30 days; AWS::Logs::LogGroup RetentionInDays, or provider.logRetentionInDays in serverless.yml).' });
  }
  const asyncInvokers = (s?.invokedBy ?? []).filter((p) => ASYNC_INVOKERS.has(p));
  if (asyncInvokers.length > 0 && s?.onFailureDestination === null && !c.deadLetterTargetArn) {
    add({ id: 'async.noFailureDestination', title: 'Asynchronous events can be lost: no on-failure destination or dead-letter queue', severity: 'warning', evidence: `invoked asynchronously by ${asyncInvokers.join(', ')}; no on-failure destination, no dead-letter queue`, why: 'An event that still fails after Lambda\'s retries is dropped, with nothing left to replay.', fix: 'Configure an on-failure destination (SQS, SNS, EventBridge, S3) or a dead-letter queue.' });
  }
  const life = runtimeLifecycle(c.runtime);
  if (life) {
    const deprecation = Date.parse(`${life.deprecation}T00:00:00Z`);
    const past = input.now >= deprecation;
    if (past || deprecation - input.now <= DEPRECATION_NOTICE_DAYS * DAY) {
      const blocks = [life.blockCreate ? `creating functions blocked from ${life.blockCreate}` : '', life.blockUpdate ? `updates blocked from ${life.blockUpdate}` : ''].filter(Boolean).join(', ');
      add({ id: 'runtime.deprecated', title: past ? `Runtime ${life.id} is deprecated (since ${life.deprecation})` : `Runtime ${life.id} is deprecated on ${life.deprecation}`, severity: past ? 'warning' : 'info', evidence: `${life.id}: deprecation ${life.deprecation}${blocks ? `; ${blocks}` : ''}`, why: 'A deprecated runtime gets no security patches, and after the block dates the function can no longer be updated.', fix: life.successor ? `Move to ${life.successor} and test.` : 'Move to a supported runtime and test.', property: 'runtime', ...(life.successor ? { recommended: life.successor } : {}) });
    }
  }
  if (s?.reservedConcurrency === 0) {
    add({ id: 'concurrency.zero', title: 'Reserved concurrency is 0: every invocation is throttled', severity: 'warning', evidence: 'reserved concurrency 0', why: 'A function with reserved concurrency 0 cannot run at all (this is how a function is switched off).', fix: 'Remove the reserved concurrency, or set it to the concurrency the function needs.', property: 'reservedConcurrency' });
  } else if ((input.throttles ?? 0) > 0 && s !== undefined && s.reservedConcurrency === null) {
    add({ id: 'throttles.noReservedConcurrency', title: `${formatCount(input.throttles ?? 0)} throttles, no reserved concurrency`, severity: 'warning', evidence: `${formatCount(input.throttles ?? 0)} throttled requests in the window; the function shares the account's unreserved pool`, why: 'Other functions can take the whole pool: throttled requests are rejected (synchronous callers see 429) or retried with delay.', fix: 'Reserve concurrency for this function, or raise the account\'s concurrency limit.' });
  }
  const outliers = r?.latency.outliers.length ?? 0;
  if (c.tracing !== undefined && c.tracing !== 'Active' && outliers > 0) {
    add({ id: 'tracing.disabled', title: `Tracing off on a function with ${outliers} latency outlier${outliers === 1 ? '' : 's'}`, severity: 'info', evidence: `${outliers} invocation${outliers === 1 ? '' : 's'} above the window's p99 (${fmtMs(r?.durationMs?.p99 ?? 0)}) or the latency objective; X-Ray tracing ${c.tracing}`, why: 'Without traces nobody can tell which downstream call made the slow requests slow.', fix: 'Turn on active tracing (X-Ray) to see where the time goes.', property: 'tracing', recommended: 'Active' });
  }
  return out;
}

/** Timeouts people write: the next of a few round values (Lambda's maximum is 900 s). */
const NICE_TIMEOUTS = [3, 5, 6, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900];
function niceTimeout(seconds: number): number {
  return NICE_TIMEOUTS.find((t) => t >= seconds) ?? 900;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** Warnings before notices, otherwise in the rules' order (how the explorer and the panel list them). */
export function warningsFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => Number(a.severity === 'info') - Number(b.severity === 'info'));
}
