import type { FunctionReport } from '../analysis/analysisReport';
import type { Architecture } from '../cost/priceTable';
import { MEMORY_HEADROOM } from '../cost/whatIf';

/** Best-practice findings over a function's configuration and its measured behaviour. */
export type FindingId = 'memory.overProvisioned' | 'memory.nearLimit' | 'timeout.tight' | 'timeout.loose' | 'coldStart.high' | 'architecture.arm64' | 'throttles';

export interface Finding {
  readonly id: FindingId;
  readonly severity: 'warning' | 'info';
  /** The figures behind it. */
  readonly evidence: string;
  readonly why: string;
  readonly fix: string;
  /** The value a quick fix would write (MemorySize, Timeout, Architectures). */
  readonly recommended?: number | string;
}

export interface FindingInput {
  readonly report: FunctionReport;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: Architecture;
  readonly throttles?: number;
  /** The latency objective: the function is latency-sensitive when it has one. */
  readonly thresholdMs?: number;
  /** Monthly savings on arm64 (from the cost what-if), when known. */
  readonly arm64SavingsUsd?: number;
  /** Rules turned off by id. */
  readonly disabled?: ReadonlySet<FindingId>;
}

/** Invocations a window needs before its figures say anything about the configuration. */
const MIN_INVOCATIONS = 50;

export function findingsFor(input: FindingInput): Finding[] {
  const r = input.report;
  const out: Finding[] = [];
  const add = (f: Finding): void => {
    if (!input.disabled?.has(f.id)) out.push(f);
  };
  const enough = r.invocations >= MIN_INVOCATIONS;
  const used = r.maxMemoryUsedMb;
  if (enough && used !== null && used > 0) {
    const share = used / input.memoryMb;
    const recommended = Math.max(128, Math.ceil((used * MEMORY_HEADROOM) / 64) * 64);
    if (share >= 0.9) {
      const up = Math.min(10_240, Math.ceil((input.memoryMb * 1.5) / 64) * 64);
      add({ id: 'memory.nearLimit', severity: 'warning', evidence: `${Math.round(used)} MB used at most of ${input.memoryMb} MB (${Math.round(share * 100)}%)`, why: 'A little more data and the runtime is killed for lack of memory (an out-of-memory crash, not an exception).', fix: `Raise MemorySize to ${up} MB.`, recommended: up });
    } else if (share < 0.4 && recommended < input.memoryMb && input.memoryMb > 256) {
      add({ id: 'memory.overProvisioned', severity: 'info', evidence: `${Math.round(used)} MB used at most of ${input.memoryMb} MB (${Math.round(share * 100)}%)`, why: 'Memory is billed whether used or not (GB-seconds).', fix: `Lower MemorySize to ${recommended} MB (30% headroom) if the function is not CPU-bound; measure its duration after.`, recommended });
    }
  }
  const d = r.durationMs;
  if (enough && d) {
    const timeoutMs = input.timeoutSeconds * 1000;
    if (d.max >= 0.8 * timeoutMs || d.p99 >= 0.5 * timeoutMs) {
      const up = Math.min(900, Math.max(input.timeoutSeconds + 1, Math.ceil((d.max * 2) / 1000)));
      add({ id: 'timeout.tight', severity: 'warning', evidence: `p99 ${Math.round(d.p99)} ms, max ${Math.round(d.max)} ms against a ${input.timeoutSeconds} s timeout`, why: 'A slow dependency will push invocations over the timeout: they fail, and are retried or lost.', fix: `Raise Timeout to ${up} s, or make the slow path faster.`, recommended: up });
    } else if (timeoutMs >= 30_000 && d.max * 10 < timeoutMs) {
      const down = Math.max(3, Math.ceil((d.max * 3) / 1000));
      add({ id: 'timeout.loose', severity: 'info', evidence: `max ${Math.round(d.max)} ms against a ${input.timeoutSeconds} s timeout`, why: 'A hung invocation runs (and is billed) for the whole timeout before it fails.', fix: `Lower Timeout to ${down} s (three times the slowest invocation seen).`, recommended: down });
    }
  }
  if (enough && input.thresholdMs !== undefined && (r.coldStartRate > 0.05 || (r.initDurationMs?.p99 ?? 0) > 1000)) {
    add({ id: 'coldStart.high', severity: 'warning', evidence: `${(r.coldStartRate * 100).toFixed(1)}% cold starts, init p99 ${Math.round(r.initDurationMs?.p99 ?? 0)} ms, on a function with a ${input.thresholdMs} ms objective`, why: 'Cold starts add their init time to the request: the slowest requests are often just cold ones.', fix: 'Consider provisioned concurrency, SnapStart (Java, Python, .NET), a smaller bundle or lazy imports.' });
  }
  if (input.architecture === 'x86_64' && input.arm64SavingsUsd !== undefined && input.arm64SavingsUsd >= 0.01) {
    add({ id: 'architecture.arm64', severity: 'info', evidence: `$${input.arm64SavingsUsd.toFixed(2)}/month less on arm64 for the same traffic`, why: 'arm64 (Graviton) compute is priced about 20% lower than x86_64.', fix: 'Set Architectures to [arm64] (rebuild native dependencies for it).', recommended: 'arm64' });
  }
  if ((input.throttles ?? 0) > 0) {
    add({ id: 'throttles', severity: 'warning', evidence: `${input.throttles} throttled invocations in the window`, why: 'Throttled requests are rejected (synchronous callers see 429) or retried with delay.', fix: 'Reserve concurrency for this function, or raise the account limit.' });
  }
  return out;
}
