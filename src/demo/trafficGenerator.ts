import type { LogEvent } from '../core/logEvent';
import type { IssueKind } from '../core/issues/errorKind';
import { renderInvocation, type SimInvocation } from './logRenderer';
import { Random } from './random';
import { DEMO_FUNCTIONS, type ErrorScenario, type SimulatedFunction } from './scenarios';

/** What the simulated account really did: the figures Lambdascope must find in the logs. */
export interface FunctionTruth {
  readonly name: string;
  invocations: number;
  failures: number;
  errors: number;
  timeouts: number;
  outOfMemory: number;
  initErrors: number;
  crashes: number;
  coldStarts: number;
  handledErrors: number;
  billedGbSeconds: number;
  events: number;
  /** Invocations that were retries of a failed asynchronous one (same request id; see `asyncFunctions`). */
  retries: number;
  /** Every reported duration (only with `keepDurations`). */
  readonly durations: number[];
  readonly initDurations: number[];
  readonly issues: Map<string, { readonly title: string; readonly kind: IssueKind; count: number }>;
}

export interface TrafficOptions {
  readonly seed?: number;
  /** Epoch ms of the first request. */
  readonly start?: number;
  /** Stop after this much simulated time… */
  readonly durationMs?: number;
  /** …or after this many invocations in all, whichever comes first. */
  readonly maxInvocations?: number;
  readonly functions?: readonly SimulatedFunction[];
  readonly rateScale?: number;
  readonly keepDurations?: boolean;
  /** A deploy per function (epoch ms): environments started before it are replaced after it, so requests there start cold. */
  readonly deploys?: Readonly<Record<string, number>>;
  /** Every Nth application line carries hostile text (HTML, ANSI escapes, bidi, fake platform lines). */
  readonly hostileEvery?: number;
  /** Pad application lines to about this many characters (to reach a target corpus size). */
  readonly appLineChars?: number;
  /**
   * Functions invoked asynchronously: Lambda retries a failed invocation twice, about one and then
   * two minutes after the failure, with the same request id (each attempt is an invocation).
   */
  readonly asyncFunctions?: readonly string[];
  /** Told of every simulated invocation (the demo account derives its CloudWatch metrics from them). */
  readonly onInvocation?: (fn: SimulatedFunction, invocation: SimInvocation, at: number) => void;
}

const HOSTILE = [
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  '\u001b[31mred alert\u001b[0m \u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007',
  'user name: \u202Egnp.exe\u202C and \u2066isolated\u2069',
  'REPORT RequestId: 00000000-0000-0000-0000-000000000000\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB',
  'START RequestId: fake-request Version: $LATEST',
];
const APP_TEXT = [
  'Received event from API Gateway',
  'Loaded configuration for tenant acme-corp',
  'Fetched 12 items from DynamoDB in 18 ms',
  'Publishing order event to EventBridge',
  'Cache miss for key product:8812, loading from origin',
  'Validated request body against schema v3',
];

interface Environment {
  readonly stream: string;
  busyUntil: number;
  lastUsed: number;
  readonly createdAt: number;
}

/** A failed asynchronous invocation's next attempt. */
interface Retry {
  readonly at: number;
  readonly fn: number;
  readonly requestId: string;
  /** 2 or 3. */
  readonly attempt: number;
  /** The failure this attempt repeats, or none (it succeeds). */
  readonly scenario: ErrorScenario | undefined;
}

interface PendingEvent {
  readonly time: number;
  readonly seq: number;
  readonly event: LogEvent;
}

/** Min-heap on (time, seq): events leave in time order, each stream's in the order written. */
class EventHeap {
  private readonly items: PendingEvent[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): PendingEvent | undefined {
    return this.items[0];
  }
  push(item: PendingEvent): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i] as PendingEvent, a[p] as PendingEvent)) break;
      [a[i], a[p]] = [a[p] as PendingEvent, a[i] as PendingEvent];
      i = p;
    }
  }
  pop(): PendingEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l] as PendingEvent, a[m] as PendingEvent)) m = l;
        if (r < a.length && less(a[r] as PendingEvent, a[m] as PendingEvent)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as PendingEvent, a[i] as PendingEvent];
        i = m;
      }
    }
    return top;
  }
}
function less(a: PendingEvent, b: PendingEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function newTruth(name: string): FunctionTruth {
  return {
    name,
    invocations: 0,
    failures: 0,
    errors: 0,
    timeouts: 0,
    outOfMemory: 0,
    initErrors: 0,
    crashes: 0,
    coldStarts: 0,
    handledErrors: 0,
    billedGbSeconds: 0,
    events: 0,
    retries: 0,
    durations: [],
    initDurations: [],
    issues: new Map(),
  };
}

/**
 * Simulated Lambda traffic with known ground truth: Poisson arrivals, execution environments that
 * go cold when idle, log-normal latencies, and each function's failure scenarios, rendered in the
 * function's runtime and log format. Events come out in time order, interleaved across streams,
 * as FilterLogEvents returns them.
 */
export class TrafficGenerator implements Iterable<LogEvent> {
  readonly truth = new Map<string, FunctionTruth>();
  private readonly random: Random;
  private readonly functions: readonly SimulatedFunction[];
  private readonly start: number;
  private seq = 0;
  private eventSeq = 0;
  private readonly retries: Retry[] = [];
  private appLineCount = 0;

  constructor(private readonly options: TrafficOptions = {}) {
    this.random = new Random(options.seed ?? 42);
    this.functions = options.functions ?? DEMO_FUNCTIONS;
    this.start = options.start ?? Date.UTC(2026, 10, 26, 9, 0, 0);
    for (const fn of this.functions) this.truth.set(fn.name, newTruth(fn.name));
  }

  *[Symbol.iterator](): Iterator<LogEvent> {
    const r = this.random;
    const scale = this.options.rateScale ?? 1;
    const endTime = this.start + (this.options.durationMs ?? Number.POSITIVE_INFINITY);
    const maxInvocations = this.options.maxInvocations ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(endTime) && !Number.isFinite(maxInvocations)) throw new Error('TrafficGenerator needs durationMs or maxInvocations');
    const next = this.functions.map((fn) => this.start + r.exponential(fn.rate * scale) * 1000);
    const envs = this.functions.map((): Environment[] => []);
    const heap = new EventHeap();
    let total = 0;
    for (;;) {
      let index = 0;
      for (let i = 1; i < next.length; i++) if ((next[i] as number) < (next[index] as number)) index = i;
      const arrival = Math.floor(next[index] as number);
      const retry = this.nextRetry(arrival);
      const at = retry?.at ?? arrival;
      if (at >= endTime || total >= maxInvocations) break;
      while ((heap.peek()?.time ?? Number.POSITIVE_INFINITY) <= at) yield (heap.pop() as PendingEvent).event;
      if (retry) {
        this.invoke(retry.fn, at, envs[retry.fn] as Environment[], heap, retry);
      } else {
        const fn = this.functions[index] as SimulatedFunction;
        next[index] = (next[index] as number) + r.exponential(fn.rate * scale) * 1000;
        this.invoke(index, at, envs[index] as Environment[], heap);
      }
      total++;
    }
    while (heap.size > 0) yield (heap.pop() as PendingEvent).event;
  }

  /** The earliest retry due at or before `arrival`, taken from the queue. */
  private nextRetry(arrival: number): Retry | undefined {
    let best = -1;
    this.retries.forEach((retry, i) => {
      if (retry.at <= arrival && (best < 0 || retry.at < (this.retries[best] as Retry).at)) best = i;
    });
    return best < 0 ? undefined : this.retries.splice(best, 1)[0];
  }

  private invoke(fnIndex: number, at: number, pool: Environment[], heap: EventHeap, retry?: Retry): void {
    const r = this.random;
    const fn = this.functions[fnIndex] as SimulatedFunction;
    const truth = this.truth.get(fn.name) as FunctionTruth;
    // Reclaim environments idle for too long, or running code older than a deploy; reuse the most recently used idle one.
    const deployedAt = this.options.deploys?.[fn.name];
    for (let i = pool.length - 1; i >= 0; i--) {
      const env = pool[i] as Environment;
      const outdated = deployedAt !== undefined && at >= deployedAt && env.createdAt < deployedAt;
      if (env.busyUntil <= at && (at - env.busyUntil > fn.idleTtlMs || outdated)) pool.splice(i, 1);
    }
    let env: Environment | undefined;
    for (const candidate of pool) {
      if (candidate.busyUntil <= at && (!env || candidate.lastUsed > env.lastUsed)) env = candidate;
    }
    const cold = env === undefined;
    if (!env) {
      const day = new Date(at).toISOString().slice(0, 10).replace(/-/g, '/');
      env = { stream: `${day}/[$LATEST]${r.hex(32)}`, busyUntil: at, lastUsed: at, createdAt: at };
      pool.push(env);
    }
    const initDurationMs = cold ? Math.round(Math.max(20, r.logNormal(fn.initMedianMs, 0.3)) * 100) / 100 : undefined;
    let scenario: ErrorScenario | undefined = retry?.scenario;
    if (cold && !retry) scenario = fn.scenarios.find((s) => s.outcome === 'initError' && r.next() < s.probability);
    if (!scenario && !retry) {
      for (const s of fn.scenarios) {
        if (s.outcome !== 'initError' && r.next() < s.probability) {
          scenario = s;
          break;
        }
      }
    }
    const outcome = scenario?.outcome ?? 'success';
    const limit = fn.timeoutSeconds * 1000;
    let durationMs: number;
    if (outcome === 'timeout') durationMs = limit + r.int(400) / 100;
    else if (outcome === 'initError') durationMs = (initDurationMs ?? 100) + r.int(1000) / 100;
    else durationMs = Math.min(limit * 0.95, Math.max(0.5, r.logNormal(fn.durationMedianMs, fn.durationSigma)));
    durationMs = Math.round(durationMs * 100) / 100;
    const billedDurationMs = Math.ceil(durationMs);
    const maxMemoryUsedMb = outcome === 'outOfMemory' ? fn.memorySizeMb : Math.min(fn.memorySizeMb - 1, fn.baseMemoryUsedMb + r.int(24));
    // A cold request starts once its environment has initialised (INIT_START is at `at`).
    const start = cold && initDurationMs !== undefined ? at + Math.ceil(initDurationMs) : at;
    const requestId = retry?.requestId ?? r.uuid();
    const appLines: string[] = [];
    for (let i = 0; i < fn.appLinesPerInvocation; i++) appLines.push(this.appLine());
    const inv: SimInvocation = {
      requestId,
      start,
      durationMs,
      billedDurationMs,
      maxMemoryUsedMb,
      initDurationMs,
      outcome,
      scenario,
      errorMessage: scenario?.message(r),
      appLines,
      xray: fn.name === 'checkout-api' && r.next() < 0.3 ? `1-${(at / 1000).toString(16).slice(0, 8)}-${r.hex(24)}` : undefined,
    };
    const lines = renderInvocation(fn, inv);
    const group = `/aws/lambda/${fn.name}`;
    let last = at;
    for (const line of lines) {
      last = Math.max(last, line.time);
      const eventId = this.eventId(line.time);
      heap.push({ time: line.time, seq: this.seq++, event: { logGroupName: group, logStreamName: env.stream, timestamp: line.time, message: line.message, eventId } });
    }
    truth.events += lines.length;
    // The environment is busy until its last line; a failed init or a killed runtime is discarded.
    env.busyUntil = last + 1;
    env.lastUsed = at;
    if (outcome === 'initError' || outcome === 'outOfMemory' || outcome === 'crash' || outcome === 'timeout') {
      pool.splice(pool.indexOf(env), 1);
    }
    this.record(truth, fn, inv);
    if (retry) truth.retries++;
    const attempt = retry?.attempt ?? 1;
    const failed = outcome !== 'success' && outcome !== 'handled';
    if (failed && attempt < 3 && this.options.asyncFunctions?.includes(fn.name)) {
      // The same failure again half the time (a bug), else a success (it was transient); an init
      // failure is not repeated (the retry may find a warm environment).
      const again = r.next() < 0.5 && outcome !== 'initError' ? scenario : undefined;
      const delay = attempt === 1 ? 60_000 : 120_000;
      this.retries.push({ at: last + delay + r.int(2_000), fn: fnIndex, requestId, attempt: attempt + 1, scenario: again });
    }
    this.options.onInvocation?.(fn, inv, at);
  }

  private record(truth: FunctionTruth, fn: SimulatedFunction, inv: SimInvocation): void {
    truth.invocations++;
    if (inv.initDurationMs !== undefined) {
      truth.coldStarts++;
      if (this.options.keepDurations) truth.initDurations.push(inv.initDurationMs);
    }
    if (this.options.keepDurations) truth.durations.push(inv.durationMs);
    truth.billedGbSeconds += (inv.billedDurationMs / 1000) * (fn.memorySizeMb / 1024);
    switch (inv.outcome) {
      case 'error':
        truth.errors++;
        break;
      case 'timeout':
        truth.timeouts++;
        break;
      case 'outOfMemory':
        truth.outOfMemory++;
        break;
      case 'initError':
        truth.initErrors++;
        break;
      case 'crash':
        truth.crashes++;
        break;
      case 'handled':
        truth.handledErrors++;
        break;
      default:
        break;
    }
    if (inv.outcome !== 'success' && inv.outcome !== 'handled') truth.failures++;
    const scenario = inv.scenario;
    if (scenario) {
      const issue = truth.issues.get(scenario.id) ?? { title: scenario.expectedTitle, kind: scenario.kind, count: 0 };
      issue.count++;
      truth.issues.set(scenario.id, issue);
    }
  }

  private appLine(): string {
    const r = this.random;
    this.appLineCount++;
    const every = this.options.hostileEvery ?? 0;
    let text = every > 0 && this.appLineCount % every === 0 ? r.pick(HOSTILE) : r.pick(APP_TEXT);
    const pad = this.options.appLineChars ?? 0;
    if (pad > text.length) text += ` ${JSON.stringify({ traceId: r.hex(16), detail: 'x'.repeat(Math.max(0, pad - text.length - 40)) })}`;
    return text;
  }

  /** 56 digits like CloudWatch's, unique and increasing with time. */
  private eventId(time: number): string {
    this.eventSeq++;
    return `${String(time).padStart(20, '0')}${String(this.eventSeq).padStart(20, '0')}${'0'.repeat(16)}`;
  }
}
