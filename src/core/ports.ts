// The engine's ports: what it needs from an account (AWS or the demo), as plain data. `src/aws`
// implements them with SDK calls, `src/demo` with a simulation; the poller only sees these.
import type { Architecture } from './cost/priceTable';
import type { LogEvent } from './logEvent';

/** Time, injected so that the poller runs on a fake clock in tests. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with an AbortError-named error when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type LogFormat = 'Text' | 'JSON';

/** A function's configuration, as ListFunctions returns it (only what Lambdascope uses). */
export interface FunctionConfig {
  readonly name: string;
  readonly arn: string;
  readonly runtime?: string;
  readonly handler?: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: Architecture;
  readonly version: string;
  /** LoggingConfig.LogGroup, or the default `/aws/lambda/<name>`. */
  readonly logGroup: string;
  /** LoggingConfig.LogFormat (Text when absent). */
  readonly logFormat: LogFormat;
  readonly packageType?: 'Zip' | 'Image';
  /** ISO 8601, as Lambda returns it. */
  readonly lastModified?: string;
  readonly codeSha256?: string;
  /** EphemeralStorage.Size in MB (512 MB, the default, is free). */
  readonly ephemeralStorageMb?: number;
  /** TracingConfig.Mode (X-Ray): Active samples and traces requests. */
  readonly tracing?: 'Active' | 'PassThrough';
  /** DeadLetterConfig.TargetArn: where failed asynchronous events go. */
  readonly deadLetterTargetArn?: string;
}

/**
 * A function's settings that ListFunctions does not return (one call each, read rarely). A field
 * left undefined is not known: not read yet, or its call was denied or failed (see `problems`).
 */
export interface FunctionSettings {
  /** Reserved concurrency; null when none is reserved (the function shares the account's pool). */
  readonly reservedConcurrency?: number | null;
  /** Provisioned concurrency allocated over the function's versions and aliases (0 when none). */
  readonly provisionedConcurrency?: number;
  /** Asynchronous invocation: the on-failure destination's ARN, null when none is configured. */
  readonly onFailureDestination?: string | null;
  /** AWS service principals its resource policy lets invoke it (`s3.amazonaws.com`, …): empty when none. */
  readonly invokedBy?: readonly string[];
  /** Retention of its log group in days; null when the logs never expire. */
  readonly logRetentionDays?: number | null;
  /** Calls that could not be made, in a few words each (`GetPolicy: AccessDenied`). */
  readonly problems?: readonly string[];
  /** When they were read (epoch ms). */
  readonly readAt: number;
}

/** Tags, read on demand (one call per function): the stack that deployed it. */
export interface FunctionTags {
  readonly tags: Readonly<Record<string, string>>;
  readonly stackName?: string;
  readonly logicalId?: string;
}

/** Waits for the rate limiter before each page after the first (a paginated call is many calls). */
export type PagePacer = () => Promise<void>;

/** The calls behind `FunctionCatalog.settingsOf` (each page of a paginated one is a call). */
export type SettingsCall = 'GetFunctionConcurrency' | 'ListProvisionedConcurrencyConfigs' | 'GetFunctionEventInvokeConfig' | 'GetPolicy' | 'DescribeLogGroups';

/** Waits for the rate limiter before each of those calls. */
export type SettingsPacer = (call: SettingsCall) => Promise<void>;

export interface FunctionCatalog {
  /** Every function of the account and region (all pages). */
  listFunctions(signal?: AbortSignal, beforeNextPage?: PagePacer): Promise<FunctionConfig[]>;
  tagsOf(fn: FunctionConfig, signal?: AbortSignal): Promise<FunctionTags>;
  /**
   * Settings beyond ListFunctions (concurrency, async destinations, invokers, log retention). A
   * call that fails leaves its field unknown and says so in `problems`; only an abort rejects.
   */
  settingsOf?(fn: FunctionConfig, signal?: AbortSignal, beforeCall?: SettingsPacer): Promise<FunctionSettings>;
}

/** The Lambda metrics Lambdascope reads (namespace AWS/Lambda, dimension FunctionName). */
export type LambdaMetricName = 'Invocations' | 'Errors' | 'Throttles' | 'Duration' | 'ConcurrentExecutions';
export type MetricStat = 'Sum' | 'Maximum';

export interface MetricQuery {
  readonly functionName: string;
  readonly metric: LambdaMetricName;
  readonly stat: MetricStat;
}

export interface MetricSeries {
  readonly query: MetricQuery;
  /** One datapoint per period (the period's start time), in any order; periods without data are absent. */
  readonly points: ReadonlyArray<{ readonly time: number; readonly value: number }>;
}

export interface MetricWindow {
  readonly start: number;
  readonly end: number;
  /** Period of the datapoints (seconds, a multiple of 60). */
  readonly periodSeconds: number;
}

/** GetMetricData takes at most 500 queries a call. */
export const MAX_QUERIES_PER_METRIC_CALL = 500;

export interface MetricSource {
  /** One GetMetricData call (all its pages): at most MAX_QUERIES_PER_METRIC_CALL queries. Never percentiles. */
  getMetrics(queries: readonly MetricQuery[], window: MetricWindow, signal?: AbortSignal, beforeNextPage?: PagePacer): Promise<MetricSeries[]>;
}

export interface LogPageRequest {
  readonly logGroup: string;
  /** Inclusive start, exclusive end (epoch ms), as FilterLogEvents takes them. */
  readonly start: number;
  readonly end: number;
  readonly filterPattern?: string;
  /** Only streams of this prefix (a shared log group: one function's streams). */
  readonly streamPrefix?: string;
  readonly nextToken?: string;
}

export interface LogPage {
  readonly events: LogEvent[];
  readonly nextToken?: string;
  /** Bytes of the response body, for the cost figures. */
  readonly bytes: number;
}

export interface LogSource {
  /** One FilterLogEvents page. */
  filterPage(request: LogPageRequest, signal?: AbortSignal): Promise<LogPage>;
}

export type QueryStatus = 'Scheduled' | 'Running' | 'Complete' | 'Failed' | 'Cancelled' | 'Timeout' | 'Unknown';

export interface QueryResults {
  readonly status: QueryStatus;
  /** Each row as field name → value (Logs Insights returns every value as a string). */
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly bytesScanned?: number;
}

/** CloudWatch Logs Insights, for backfilling long windows. */
export interface InsightsSource {
  startQuery(logGroups: readonly string[], start: number, end: number, query: string, signal?: AbortSignal): Promise<string>;
  queryResults(queryId: string, signal?: AbortSignal): Promise<QueryResults>;
  /** Stop a query given up on: running queries count against the account's 30. */
  stopQuery?(queryId: string): Promise<void>;
}

/** Why a call to an account failed: what the poller does next depends on it. */
export type SourceErrorKind =
  /** Rate exceeded: back off and retry. */
  | 'throttled'
  /** 5xx, timeouts, connection resets: back off and retry. */
  | 'unavailable'
  /** Credentials expired or missing (SSO token, session): pause the profile until fixed. */
  | 'credentials'
  /** The caller lacks a permission: mark what needs it, carry on with the rest. */
  | 'accessDenied'
  /** The resource does not exist (a deleted function or log group). */
  | 'notFound'
  /** The profile or region is set up wrongly (unknown profile, no region). */
  | 'configuration'
  | 'aborted'
  | 'unknown';

/**
 * Marks a SourceError whichever copy of this module made it: the extension's services.js, the
 * CLI and aws.js are separate bundles, each with its own SourceError class, and an error thrown in
 * aws.js must still be one in the others (or throttling is not retried and every message is lost).
 * A copy made by JSON or a worker's structured clone loses the mark: send such errors as text.
 */
const SOURCE_ERROR: unique symbol = Symbol.for('lambdascope.SourceError');

/** A failed call, classified; its message says what to do and never carries a secret. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly [SOURCE_ERROR] = true;

  /** `instanceof` by the mark, not the prototype (see SOURCE_ERROR). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [SOURCE_ERROR]?: unknown })[SOURCE_ERROR] === true;
  }
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly details: {
      /** The API operation, e.g. `FilterLogEvents`. */
      readonly operation?: string;
      /** The permission that was missing, e.g. `logs:FilterLogEvents`. */
      readonly permission?: string;
      /** The AWS error code, e.g. `ThrottlingException`. */
      readonly code?: string;
      readonly httpStatus?: number;
    } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
  }
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}

/** One account and region that Lambdascope reads: the ports and a name to show. */
export interface AccountSources {
  readonly catalog: FunctionCatalog;
  readonly metrics: MetricSource;
  readonly logs: LogSource;
  readonly insights?: InsightsSource;
  dispose?(): void;
}
