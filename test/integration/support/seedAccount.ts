// Fills a moto server with a simulated account: the demo functions (Lambda), their log groups and
// the events of a TrafficGenerator run (CloudWatch Logs), and the AWS/Lambda metrics of the same
// run (CloudWatch), all through the real SDK. Returns the generator's ground truth, so that a test
// can compare what Lambdascope reads back with what really happened.
import { crc32 } from 'node:zlib';
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, type InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, LambdaClient, type Runtime as LambdaRuntime } from '@aws-sdk/client-lambda';
import { DEMO_FUNCTIONS, type Runtime, type SimulatedFunction } from '../../../src/demo/scenarios';
import { TrafficGenerator, type FunctionTruth } from '../../../src/demo/trafficGenerator';

export interface SeedOptions {
  /** Seed of the traffic (default 42). */
  readonly seed?: number;
  /** Default: the demo account's functions. */
  readonly functions?: readonly SimulatedFunction[];
  /**
   * Epoch ms of the first request (default: `durationMs` plus 5 minutes ago, on a minute). Logs
   * accepts events from the last 14 days up to 2 hours ahead only; others are refused.
   */
  readonly start?: number;
  readonly durationMs: number;
  /** Default us-east-1. Tests sharing one server keep apart by region (backends are regional). */
  readonly region?: string;
  readonly rateScale?: number;
  readonly hostileEvery?: number;
}

/** One function's AWS/Lambda metrics for one minute, as put with PutMetricData. */
export interface MinuteMetrics {
  /** Epoch ms of the minute's start. */
  readonly minute: number;
  readonly invocations: number;
  /** Invocations that failed (errors, timeouts, out of memory, crashes, init errors): `FunctionTruth.failures`. */
  readonly errors: number;
  readonly throttles: number;
  readonly durationSumMs: number;
  readonly durationMinMs: number;
  readonly durationMaxMs: number;
}

export interface SeededAccount {
  readonly truth: Map<string, FunctionTruth>;
  /** Log events put, in all. */
  readonly events: number;
  /** Function names, in the order created. */
  readonly functions: string[];
  /** Per function, the minutes with invocations, oldest first; their sums equal the truth. */
  readonly metrics: Map<string, MinuteMetrics[]>;
  readonly region: string;
  /** First request and last event + 1 ms: a window that holds every event. */
  readonly start: number;
  readonly end: number;
  readonly streams: number;
  /**
   * Whether moto kept LoggingConfig {LogFormat: 'JSON'} for the JSON-format functions (moto 5.2.1:
   * false, it accepts and drops it, so ListFunctions shows no LoggingConfig). Undefined when no
   * function asked for JSON.
   */
  readonly loggingConfigHonoured?: boolean;
}

export const SEED_ACCOUNT_ID = '123456789012';
export const SEED_ROLE_NAME = 'lambdascope-seed-role';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// PutLogEvents limits: 10,000 events and 1,048,576 bytes a batch (each event's UTF-8 message
// plus 26 bytes), and at most 24 hours between the first and last event of a batch.
const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
// PutMetricData takes up to 1,000 metrics a call.
const MAX_METRICS_PER_CALL = 1_000;
const PARALLEL_STREAMS = 4;

const floorMinute = (t: number): number => Math.floor(t / MINUTE) * MINUTE;

/** The SDK clients for a moto (or proxy) endpoint: any static credentials do. */
export function clientConfig(endpoint: string, region = 'us-east-1') {
  return { endpoint, region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } } as const;
}

/**
 * Creates the role the functions run as. moto's Lambda refuses a role that does not exist ("The
 * role defined for the function cannot be assumed by Lambda"), and @aws-sdk/client-iam is not a
 * dependency, so this speaks IAM's query protocol directly. moto routes a request by the signing
 * name in the Authorization header's credential scope and never checks the signature, so an
 * unsigned header naming `iam` is enough.
 */
export async function ensureRole(url: string, roleName = SEED_ROLE_NAME): Promise<string> {
  const arn = `arn:aws:iam::${SEED_ACCOUNT_ID}:role/${roleName}`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=testing/${day}/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Action: 'CreateRole', Version: '2010-05-08', RoleName: roleName, AssumeRolePolicyDocument: trust }).toString(),
  });
  const text = await response.text();
  if (response.ok || text.includes('EntityAlreadyExists')) return arn;
  throw new Error(`IAM CreateRole ${roleName} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
}

// The handler each runtime would name; moto stores it and never runs the code.
const HANDLERS: Record<Runtime, string> = {
  'nodejs24.x': 'index.handler',
  'nodejs20.x': 'index.handler',
  'python3.12': 'app.lambda_handler',
  java21: 'com.acme.Handler::handleRequest',
  'provided.al2023': 'bootstrap',
};

/** A zip (stored, not deflated) of one file: all CreateFunction needs. */
export function zipOneFile(name: string, content: string): Uint8Array {
  const data = Buffer.from(content, 'utf8');
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by
  central.writeUInt16LE(20, 6); // version needed
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

interface Counters {
  readonly invocations: number;
  readonly failures: number;
  readonly durations: number;
}

function countersOf(truth: Map<string, FunctionTruth>): Map<string, Counters> {
  const out = new Map<string, Counters>();
  for (const [name, t] of truth) out.set(name, { invocations: t.invocations, failures: t.failures, durations: t.durations.length });
  return out;
}

interface Generated {
  readonly truth: Map<string, FunctionTruth>;
  /** `group` → `stream` → events in time order, streams in the order they first appeared. */
  readonly streams: Map<string, Map<string, InputLogEvent[]>>;
  readonly metrics: Map<string, MinuteMetrics[]>;
  readonly events: number;
  readonly lastTimestamp: number;
}

/**
 * Runs the generator and splits its truth into minutes by the arrival of each invocation.
 *
 * The generator records an invocation's truth when it simulates it, between two yields, and its
 * first line is stamped with the arrival time; events leave in time order. So the truth as it
 * stood when the last event before a minute boundary came out counts exactly the invocations that
 * arrived before that boundary: no per-invocation record is needed.
 */
function generate(options: SeedOptions, start: number, functions: readonly SimulatedFunction[]): Generated {
  const generator = new TrafficGenerator({
    seed: options.seed ?? 42,
    start,
    durationMs: options.durationMs,
    functions,
    keepDurations: true,
    rateScale: options.rateScale,
    hostileEvery: options.hostileEvery,
  });
  const truth = generator.truth;
  const streams = new Map<string, Map<string, InputLogEvent[]>>();
  const metrics = new Map<string, MinuteMetrics[]>(functions.map((f) => [f.name, []]));

  const close = (minute: number, from: Map<string, Counters>, to: Map<string, Counters>): void => {
    for (const fn of functions) {
      const a = from.get(fn.name) as Counters;
      const b = to.get(fn.name) as Counters;
      const invocations = b.invocations - a.invocations;
      if (invocations === 0) continue;
      const durations = (truth.get(fn.name) as FunctionTruth).durations.slice(a.durations, b.durations);
      (metrics.get(fn.name) as MinuteMetrics[]).push({
        minute,
        invocations,
        errors: b.failures - a.failures,
        throttles: 0,
        durationSumMs: durations.reduce((s, d) => s + d, 0),
        durationMinMs: Math.min(...durations),
        durationMaxMs: Math.max(...durations),
      });
    }
  };

  let open: number | undefined;
  let base = countersOf(truth);
  let last = base;
  let events = 0;
  let lastTimestamp = start;
  for (const event of generator) {
    const minute = floorMinute(event.timestamp);
    if (open === undefined) open = minute;
    else if (minute > open) {
      close(open, base, last);
      base = last;
      open = minute;
    }
    let group = streams.get(event.logGroupName);
    if (!group) streams.set(event.logGroupName, (group = new Map()));
    let stream = group.get(event.logStreamName);
    if (!stream) group.set(event.logStreamName, (stream = []));
    stream.push({ timestamp: event.timestamp, message: event.message });
    events++;
    lastTimestamp = event.timestamp;
    // Taken while the generator is paused at this yield: see the comment above.
    last = countersOf(truth);
  }
  if (open !== undefined) close(open, base, countersOf(truth));
  return { truth, streams, metrics, events, lastTimestamp };
}

/** Splits one stream's events into PutLogEvents batches within the service's limits. */
function batches(events: readonly InputLogEvent[]): InputLogEvent[][] {
  const out: InputLogEvent[][] = [];
  let batch: InputLogEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.message ?? '', 'utf8') + EVENT_OVERHEAD_BYTES;
    const first = batch[0]?.timestamp ?? 0;
    if (batch.length > 0 && (batch.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES || (event.timestamp ?? 0) - first >= DAY)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function metricData(name: string, m: MinuteMetrics): MetricDatum[] {
  const timestamp = new Date(m.minute);
  const dimensions = [{ Name: 'FunctionName', Value: name }];
  const datum = (metric: string, unit: StandardUnit, sum: number, min: number, max: number): MetricDatum => ({
    MetricName: metric,
    Dimensions: dimensions,
    Timestamp: timestamp,
    Unit: unit,
    // One datapoint per invocation, as Lambda reports them, summarised per minute: Sum,
    // SampleCount, Average, Minimum and Maximum all come out as from AWS.
    StatisticValues: { SampleCount: m.invocations, Sum: sum, Minimum: min, Maximum: max },
  });
  const n = m.invocations;
  return [
    datum('Invocations', 'Count', n, 1, 1),
    datum('Errors', 'Count', m.errors, m.errors === n ? 1 : 0, m.errors > 0 ? 1 : 0),
    datum('Throttles', 'Count', m.throttles, 0, 0),
    datum('Duration', 'Milliseconds', m.durationSumMs, m.durationMinMs, m.durationMaxMs),
  ];
}

function withHint(error: unknown, what: string): Error {
  const name = error instanceof Error ? error.name : '';
  const already = /ResourceConflict|ResourceAlreadyExists/.test(name);
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${what}: ${name} ${message}${already ? ' (seed a fresh account: reset the server or use another region)' : ''}`);
}

/** Creates the functions, log groups, streams, events and metrics of a simulated account. */
export async function seedAccount(url: string, options: SeedOptions): Promise<SeededAccount> {
  const region = options.region ?? 'us-east-1';
  const functions = options.functions ?? DEMO_FUNCTIONS;
  const now = Date.now();
  const start = options.start ?? floorMinute(now - options.durationMs - 5 * MINUTE);
  if (start < now - 14 * DAY + 60 * MINUTE) throw new Error('seedAccount: CloudWatch Logs refuses events older than 14 days; choose a later start.');
  if (start + options.durationMs + 5 * MINUTE > now + 2 * 60 * MINUTE) throw new Error('seedAccount: CloudWatch Logs refuses events more than 2 hours ahead; choose an earlier start.');

  const generated = generate(options, start, functions);
  const config = clientConfig(url, region);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
  // The SDK gzips PutMetricData bodies of 10 KiB and more; moto 5.2.1's server then decompresses
  // them twice (Flask layer and response class) and answers HTTP 500 BadGzipFile.
  const cloudwatch = new CloudWatchClient({ ...config, disableRequestCompression: true });
  try {
    const role = await ensureRole(url);
    const zip = zipOneFile('index.js', 'exports.handler = async () => ({ statusCode: 200 });\n');
    let loggingConfigHonoured: boolean | undefined;
    for (const fn of functions) {
      const json = fn.logFormat === 'JSON';
      const created = await lambda
        .send(
          new CreateFunctionCommand({
            FunctionName: fn.name,
            Runtime: fn.runtime as LambdaRuntime,
            Handler: HANDLERS[fn.runtime],
            Role: role,
            Code: { ZipFile: zip },
            MemorySize: fn.memorySizeMb,
            Timeout: fn.timeoutSeconds,
            Architectures: [fn.architecture],
            ...(json ? { LoggingConfig: { LogFormat: 'JSON' as const } } : {}),
          }),
        )
        .catch((error: unknown) => {
          throw withHint(error, `CreateFunction ${fn.name}`);
        });
      if (json) loggingConfigHonoured = (loggingConfigHonoured ?? true) && created.LoggingConfig?.LogFormat === 'JSON';
    }

    // Every function gets its group, even one without traffic, as Lambda's first log line would.
    const groups = functions.map((f) => `/aws/lambda/${f.name}`);
    for (const group of groups) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch((error: unknown) => {
        throw withHint(error, `CreateLogGroup ${group}`);
      });
    }
    const work: Array<{ group: string; stream: string; events: InputLogEvent[] }> = [];
    for (const [group, streams] of generated.streams) for (const [stream, events] of streams) work.push({ group, stream, events });
    // Streams are created in the order they first appear in the traffic, before any events: moto
    // answers FilterLogEvents stream by stream in creation order (see harness.test.ts).
    for (const { group, stream } of work) await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    await inParallel(work, PARALLEL_STREAMS, async ({ group, stream, events }) => {
      for (const batch of batches(events)) {
        const result = await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: batch }));
        const rejected = result.rejectedLogEventsInfo;
        if (rejected && Object.values(rejected).some((v) => v !== undefined)) {
          throw new Error(`PutLogEvents ${group} ${stream}: events rejected ${JSON.stringify(rejected)}`);
        }
      }
    });

    const data: MetricDatum[] = [];
    for (const [name, minutes] of generated.metrics) for (const m of minutes) data.push(...metricData(name, m));
    for (let i = 0; i < data.length; i += MAX_METRICS_PER_CALL) {
      await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/Lambda', MetricData: data.slice(i, i + MAX_METRICS_PER_CALL) }));
    }

    return {
      truth: generated.truth,
      events: generated.events,
      functions: functions.map((f) => f.name),
      metrics: generated.metrics,
      region,
      start,
      end: generated.lastTimestamp + 1,
      streams: work.length,
      ...(loggingConfigHonoured === undefined ? {} : { loggingConfigHonoured }),
    };
  } finally {
    lambda.destroy();
    logs.destroy();
    cloudwatch.destroy();
  }
}
