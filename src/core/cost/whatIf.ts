import { monthlyAccountCost, type FunctionUsage } from './lambdaCost';
import type { PriceTable } from './priceTable';

/** Lambda's memory sizes: 128 MB to 10,240 MB, in 1 MB steps. */
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
/** Headroom kept over the largest memory use seen, against out-of-memory kills. */
export const MEMORY_HEADROOM = 1.3;

/**
 * A function's own list price for `usage` over `periodMs` (no free tier: that is the account's),
 * provisioned concurrency and ephemeral storage included.
 */
export function listPrice(usage: FunctionUsage, table: PriceTable, region?: string, periodMs = 0): number {
  return monthlyAccountCost([usage], table, region, false, periodMs).totalUsd;
}

/** The smallest size, in 64 MB steps, that keeps the headroom over `maxMemoryUsedMb` (within Lambda's range). */
export function rightSizedMemoryMb(maxMemoryUsedMb: number): number {
  return Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.ceil((maxMemoryUsedMb * MEMORY_HEADROOM) / 64) * 64));
}

export interface Arm64WhatIf {
  readonly currentUsd: number;
  readonly arm64Usd: number;
  readonly savingsUsd: number;
  readonly assumption: string;
}

/** The same month of traffic on arm64. Undefined when the function already runs there. */
export function arm64WhatIf(usage: FunctionUsage, table: PriceTable, region?: string, periodMs = 0): Arm64WhatIf | undefined {
  if (usage.architecture === 'arm64') return undefined;
  const currentUsd = listPrice(usage, table, region, periodMs);
  const arm64Usd = listPrice({ ...usage, architecture: 'arm64' }, table, region, periodMs);
  return { currentUsd, arm64Usd, savingsUsd: currentUsd - arm64Usd, assumption: 'the same durations on arm64 (Graviton is often as fast or faster; measure before switching native dependencies), list prices before the free tier' };
}

export interface MemoryWhatIf {
  readonly currentMemoryMb: number;
  readonly memoryMb: number;
  readonly currentUsd: number;
  readonly usd: number;
  readonly savingsUsd: number;
  readonly assumption: string;
}

/**
 * The memory size at which the measured traffic would cost least: the smallest size that keeps
 * 30% headroom over the largest memory use seen (rounded up to 64 MB). Assumption, stated: the
 * duration does not change with memory — true of I/O-bound handlers, the common case; a CPU-bound
 * handler gets faster with more memory (CPU is allotted in proportion), so its best size can be
 * larger: measure it (e.g. AWS Lambda Power Tuning) before lowering.
 */
export function memoryWhatIf(usage: FunctionUsage, memoryMb: number, maxMemoryUsedMb: number | undefined, table: PriceTable, region?: string, periodMs = 0): MemoryWhatIf | undefined {
  if (maxMemoryUsedMb === undefined || !Number.isFinite(maxMemoryUsedMb) || maxMemoryUsedMb <= 0 || memoryMb <= 0) return undefined;
  const best = rightSizedMemoryMb(maxMemoryUsedMb);
  const currentUsd = listPrice({ ...usage, memoryMb }, table, region, periodMs);
  const usd = listPrice({ ...usage, memoryMb: best, gbSeconds: (usage.gbSeconds * best) / memoryMb }, table, region, periodMs);
  return {
    currentMemoryMb: memoryMb,
    memoryMb: best,
    currentUsd,
    usd,
    savingsUsd: currentUsd - usd,
    assumption: `${best} MB keeps ${Math.round((MEMORY_HEADROOM - 1) * 100)}% headroom over the ${Math.round(maxMemoryUsedMb)} MB used at most; durations assumed unchanged with memory (I/O-bound); a CPU-bound handler may be faster, and cheaper, with more`,
  };
}
