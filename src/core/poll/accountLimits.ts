import type { Clock, FunctionCatalog } from '../ports';
import { ApiLimits, DEFAULT_API_RATES, RateBuckets, type ApiOperation, type ApiRate } from './apiLimits';

/** The 12-digit account an ARN names (arn:aws:lambda:REGION:ACCOUNT:function:…, arn:aws:iam::ACCOUNT:role/…). */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * The rate buckets of each account and region, for every watch at once: AWS's quotas
 * (FilterLogEvents 5/s, not adjustable) are per account and Region, so two profiles of one
 * account must share them, or together they would exceed them. A watch waits on its profile's
 * own buckets until its account is known, then on its account's.
 */
export class AccountLimits {
  private readonly buckets = new Map<string, RateBuckets>();

  constructor(
    private readonly clock: Clock,
    private readonly rates: Readonly<Record<ApiOperation, ApiRate>> = DEFAULT_API_RATES,
  ) {}

  /** A new watch's limits: on its account's buckets when the account is known (a role's ARN), else on its profile's. */
  forWatch(profile: string, region: string, account?: string): ApiLimits {
    const limits = new ApiLimits(this.clock, this.rates);
    limits.useBuckets(this.bucketsOf(account !== undefined ? `account:${account}` : `profile:${profile}`, region));
    return limits;
  }

  /** The watch's account is now known: from its next call on, it waits on that account's buckets. */
  join(limits: ApiLimits, account: string, region: string): void {
    const buckets = this.bucketsOf(`account:${account}`, region);
    if (limits.rateBuckets !== buckets) limits.useBuckets(buckets);
  }

  private bucketsOf(owner: string, region: string): RateBuckets {
    const key = `${owner}\u0000${region}`;
    let buckets = this.buckets.get(key);
    if (!buckets) {
      buckets = new RateBuckets(this.clock, this.rates);
      this.buckets.set(key, buckets);
    }
    return buckets;
  }
}

/**
 * The catalog, telling the account its functions' ARNs name at each listing (before the cycle's
 * metric and log calls, which then wait on the account's shared buckets).
 */
export function catalogTellingAccount(catalog: FunctionCatalog, onAccount: (account: string) => void): FunctionCatalog {
  const settingsOf = catalog.settingsOf?.bind(catalog);
  return {
    listFunctions: async (signal, beforeNextPage) => {
      const list = await catalog.listFunctions(signal, beforeNextPage);
      const account = list.map((f) => accountOfArn(f.arn)).find((a) => a !== undefined);
      if (account !== undefined) onAccount(account);
      return list;
    },
    tagsOf: (fn, signal) => catalog.tagsOf(fn, signal),
    ...(settingsOf ? { settingsOf } : {}),
  };
}
