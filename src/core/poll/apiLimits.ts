import type { Clock } from '../ports';
import { TokenBucket } from './tokenBucket';

/** The AWS operations the poller calls. */
export type ApiOperation = 'ListFunctions' | 'ListTags' | 'GetMetricData' | 'FilterLogEvents' | 'StartQuery' | 'GetQueryResults' | 'GetFunctionSettings' | 'DescribeLogGroups';

export interface ApiRate {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * What Lambdascope allows itself per account and region, well under AWS's quotas so that the
 * team's own scripts and consoles keep their share:
 * - FilterLogEvents: quota 5/s per account and Region, not adjustable → 3/s.
 * - GetMetricData: quota 50/s → 5/s (a cycle needs one or two calls).
 * - ListFunctions / ListTags: Lambda control-plane quota 15/s shared by every call → 2/s and 5/s.
 * - StartQuery / GetQueryResults (Logs Insights): 5/s each, 30 concurrent queries → 1/s and 2/s.
 * - GetFunctionSettings: the four Lambda reads of a function's settings (GetFunctionConcurrency,
 *   ListProvisionedConcurrencyConfigs, GetFunctionEventInvokeConfig, GetPolicy) share one bucket,
 *   also on the 15/s control plane → 3/s, so that all Lambda buckets together stay at 10/s.
 * - DescribeLogGroups (log retention): quota 5/s per account and Region, shared with the
 *   console's log views → 1/s.
 */
export const DEFAULT_API_RATES: Readonly<Record<ApiOperation, ApiRate>> = {
  ListFunctions: { perSecond: 2, burst: 2 },
  ListTags: { perSecond: 5, burst: 5 },
  GetMetricData: { perSecond: 5, burst: 5 },
  FilterLogEvents: { perSecond: 3, burst: 3 },
  StartQuery: { perSecond: 1, burst: 1 },
  GetQueryResults: { perSecond: 2, burst: 2 },
  GetFunctionSettings: { perSecond: 3, burst: 3 },
  DescribeLogGroups: { perSecond: 1, burst: 1 },
};

/** One token bucket per operation: what one account and region may spend, whoever calls. */
export class RateBuckets {
  private readonly buckets = new Map<ApiOperation, TokenBucket>();

  constructor(
    private readonly clock: Clock,
    private readonly rates: Readonly<Record<ApiOperation, ApiRate>> = DEFAULT_API_RATES,
  ) {}

  /** Wait for the operation's turn. */
  async take(operation: ApiOperation, signal?: AbortSignal): Promise<void> {
    let bucket = this.buckets.get(operation);
    if (!bucket) {
      const rate = this.rates[operation];
      bucket = new TokenBucket(rate.perSecond, rate.burst, this.clock);
      this.buckets.set(operation, bucket);
    }
    await bucket.take(signal);
  }
}

/**
 * One poller's (or read's) rate limits and the count of the calls it made. Its buckets are its
 * own unless it shares those of the other watches of its account and region (see AccountLimits):
 * the waits are shared, the counts stay its own (a cycle's summary and budgets count its calls).
 */
export class ApiLimits {
  private buckets: RateBuckets;
  private readonly counts = new Map<ApiOperation, number>();

  constructor(clock: Clock, rates: Readonly<Record<ApiOperation, ApiRate>> = DEFAULT_API_RATES) {
    this.buckets = new RateBuckets(clock, rates);
  }

  /** Wait for the operation's turn, then count the call. */
  async acquire(operation: ApiOperation, signal?: AbortSignal): Promise<void> {
    await this.buckets.take(operation, signal);
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  /** From the next call on, wait on these buckets (a wait under way ends on the old ones). */
  useBuckets(buckets: RateBuckets): void {
    this.buckets = buckets;
  }

  get rateBuckets(): RateBuckets {
    return this.buckets;
  }

  /** Calls made so far, by operation. */
  callCounts(): Partial<Record<ApiOperation, number>> {
    return Object.fromEntries(this.counts) as Partial<Record<ApiOperation, number>>;
  }
}
