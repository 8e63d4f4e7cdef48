import { pricesFor, type Architecture, type FreeTier, type PriceTable, type PriceTier } from './priceTable';

export interface FunctionUsage {
  readonly functionName: string;
  readonly architecture: Architecture;
  readonly requests: number;
  readonly gbSeconds: number;
  /** Memory size: turns GB-seconds back into seconds for ephemeral storage and provisioned concurrency. */
  readonly memoryMb?: number;
  /** Ephemeral storage size (the first 512 MB are free). */
  readonly ephemeralStorageMb?: number;
  /** Provisioned concurrency kept enabled for the whole period. */
  readonly provisionedConcurrency?: number;
}

export interface FunctionCost {
  readonly functionName: string;
  readonly requests: number;
  readonly gbSeconds: number;
  readonly requestCostUsd: number;
  /** Duration: on-demand tiers, or the provisioned-concurrency execution rate. */
  readonly computeCostUsd: number;
  /** Provisioned concurrency kept warm, whether used or not. */
  readonly provisionedCostUsd: number;
  readonly ephemeralCostUsd: number;
  readonly totalUsd: number;
}

export interface AccountCost {
  readonly functions: readonly FunctionCost[];
  readonly requests: number;
  readonly gbSeconds: number;
  readonly freeRequestsUsed: number;
  readonly freeGbSecondsUsed: number;
  readonly totalUsd: number;
}

/** The free ephemeral storage every function has. */
const FREE_EPHEMERAL_MB = 512;

/** Cost of `gbSeconds` starting at cumulative monthly usage `already` through a tier list. */
export function tieredCost(tiers: readonly PriceTier[], already: number, gbSeconds: number): number {
  const end = already + gbSeconds;
  let lower = 0;
  let cost = 0;
  for (const tier of tiers) {
    const overlap = Math.min(end, tier.upToGbSeconds) - Math.max(already, lower);
    if (overlap > 0) cost += overlap * tier.usdPerGbSecond;
    lower = tier.upToGbSeconds;
  }
  return cost;
}

/**
 * A month of Lambda usage across one account and region: tiers count per architecture; the free
 * tier (requests and GB-seconds, shared by both architectures) is applied at account level.
 * Assumption, stated: free GB-seconds go first to x86_64 (the dearer rate), then to arm64, and
 * each function's share of the free tier is proportional to its share of that usage. `freeTier`:
 * the part of the account's free tier these functions get (all of it unless shared with other
 * regions: see shareFreeTier).
 */
export function monthlyAccountCost(usage: readonly FunctionUsage[], table: PriceTable, region?: string, applyFreeTier = true, periodMs = 0, freeTier: FreeTier = table.freeTier): AccountCost {
  const prices = pricesFor(table, region);
  const totalRequests = usage.reduce((n, u) => n + u.requests, 0);
  const freeRequests = applyFreeTier ? Math.min(totalRequests, freeTier.requests) : 0;
  const byArch: Record<Architecture, number> = { x86_64: 0, arm64: 0 };
  // Duration served by provisioned concurrency has its own rate, outside the tiers and the free tier.
  for (const u of usage) if (!provisioned(u)) byArch[u.architecture] += u.gbSeconds;
  let freeLeft = applyFreeTier ? freeTier.gbSeconds : 0;
  const freeByArch: Record<Architecture, number> = { x86_64: 0, arm64: 0 };
  for (const arch of ['x86_64', 'arm64'] as const) {
    freeByArch[arch] = Math.min(byArch[arch], freeLeft);
    freeLeft -= freeByArch[arch];
  }
  const archCost: Record<Architecture, number> = {
    x86_64: tieredCost(prices.compute.x86_64, 0, byArch.x86_64 - freeByArch.x86_64),
    arm64: tieredCost(prices.compute.arm64, 0, byArch.arm64 - freeByArch.arm64),
  };
  const requestRate = prices.requestsUsdPerMillion / 1_000_000;
  const functions = usage.map((u): FunctionCost => {
    const archTotal = byArch[u.architecture];
    const memoryGb = (u.memoryMb ?? 0) / 1024;
    const pc = provisioned(u);
    const computeCostUsd = pc ? u.gbSeconds * prices.provisionedExecutionUsdPerGbSecond[u.architecture] : archTotal > 0 ? (archCost[u.architecture] * u.gbSeconds) / archTotal : 0;
    const provisionedCostUsd = pc ? (u.provisionedConcurrency ?? 0) * memoryGb * (periodMs / 1000) * prices.provisionedConcurrencyUsdPerGbSecond[u.architecture] : 0;
    const extraStorageGb = Math.max(0, (u.ephemeralStorageMb ?? 0) - FREE_EPHEMERAL_MB) / 1024;
    const seconds = memoryGb > 0 ? u.gbSeconds / memoryGb : 0;
    const ephemeralCostUsd = extraStorageGb * seconds * prices.ephemeralStorageUsdPerGbSecond;
    const billableRequests = totalRequests > 0 ? u.requests * (1 - freeRequests / totalRequests) : 0;
    const requestCostUsd = billableRequests * requestRate;
    return { functionName: u.functionName, requests: u.requests, gbSeconds: u.gbSeconds, requestCostUsd, computeCostUsd, provisionedCostUsd, ephemeralCostUsd, totalUsd: requestCostUsd + computeCostUsd + provisionedCostUsd + ephemeralCostUsd };
  });
  return {
    functions,
    requests: totalRequests,
    gbSeconds: usage.reduce((n, u) => n + u.gbSeconds, 0),
    freeRequestsUsed: freeRequests,
    freeGbSecondsUsed: freeByArch.x86_64 + freeByArch.arm64,
    totalUsd: functions.reduce((n, f) => n + f.totalUsd, 0),
  };
}

/** The usage the free tier can apply to: every request, and on-demand duration only. */
export function freeTierEligible(usage: readonly FunctionUsage[]): FreeTier {
  let requests = 0;
  let gbSeconds = 0;
  for (const u of usage) {
    requests += u.requests;
    if (!provisioned(u)) gbSeconds += u.gbSeconds;
  }
  return { requests, gbSeconds };
}

/**
 * Assumption, stated in reports: a function with provisioned concurrency has all its invocations
 * served by it (spillover to on-demand is not told apart), and its PC is enabled all period.
 */
function provisioned(u: FunctionUsage): boolean {
  return (u.provisionedConcurrency ?? 0) > 0 && (u.memoryMb ?? 0) > 0;
}

/** Scale usage seen over `windowMs` to a whole month of `monthMs` (linear: same traffic all month). */
export function projectToMonth(usage: FunctionUsage, windowMs: number, monthMs: number): FunctionUsage {
  const factor = windowMs > 0 ? monthMs / windowMs : 0;
  return { ...usage, requests: usage.requests * factor, gbSeconds: usage.gbSeconds * factor };
}

/** Length of the calendar month (UTC) that contains `time`. */
export function monthLengthMs(time: number): number {
  const d = new Date(time);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return end - start;
}

/** The usage one region of an account projects for the month that the free tier can apply to. */
export interface RegionUsage {
  /** The account id, or what stands for it (the profile) when it is not known. */
  readonly account: string;
  readonly region: string;
  readonly requests: number;
  readonly gbSeconds: number;
}

/**
 * The free tier is the account's, across all its regions: each region gets a share in proportion
 * to its projected usage (requests and GB-seconds shared apart), so that together they use it once.
 * A region alone in its account keeps the whole free tier (undefined: nothing to change).
 */
export function shareFreeTier(regions: readonly RegionUsage[], free: FreeTier): Array<FreeTier | undefined> {
  const totals = new Map<string, { regions: number; requests: number; gbSeconds: number }>();
  // Two profiles of one account watching one region see the same usage: it counts once.
  const seen = new Set<string>();
  for (const r of regions) {
    const place = `${r.account}\u0000${r.region}`;
    if (seen.has(place)) continue;
    seen.add(place);
    const t = totals.get(r.account) ?? { regions: 0, requests: 0, gbSeconds: 0 };
    t.regions++;
    t.requests += r.requests;
    t.gbSeconds += r.gbSeconds;
    totals.set(r.account, t);
  }
  return regions.map((r) => {
    const t = totals.get(r.account);
    if (!t || t.regions < 2) return undefined;
    const share = (part: number, total: number, whole: number): number => (total > 0 ? (whole * part) / total : whole / t.regions);
    return { requests: share(r.requests, t.requests, free.requests), gbSeconds: share(r.gbSeconds, t.gbSeconds, free.gbSeconds) };
  });
}
