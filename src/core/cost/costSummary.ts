// The cost summary of one watched account and region: what the Cost view lists, dearest first.
import type { AnalysisReport, CostParts, FunctionCostReport } from '../analysis/analysisReport';
import { formatCount, formatPercent, formatUsd } from '../health/figureText';

export interface CostRow {
  readonly name: string;
  readonly cost: FunctionCostReport;
  /** `$12.10/mo · 34% · 1.2M requests` */
  readonly description: string;
}

export interface RegionCost {
  /** `$18.40/mo projected · $0.03 this window` */
  readonly description: string;
  /** `Free tier: 12% of 400,000 GB-s and 3% of 1M requests used; 352,000 GB-s left` */
  readonly freeTier: string;
  /** What the month costs by what is billed (only the parts that are not zero). */
  readonly split: string;
  /** The whole month's savings on arm64 and at the right memory sizes, when any. */
  readonly savings?: string;
  readonly rows: readonly CostRow[];
  /** Functions without invocations in the window (they cost nothing). */
  readonly idle: number;
  readonly assumptions: readonly string[];
}

/** `requests $1.16 · duration $57.54 · provisioned concurrency $10.80`: the parts that are billed. */
export function costSplitText(parts: CostParts): string {
  return [
    `requests ${formatUsd(parts.requestUsd)}`,
    `duration ${formatUsd(parts.computeUsd)}`,
    parts.provisionedUsd > 0 ? `provisioned concurrency ${formatUsd(parts.provisionedUsd)}` : '',
    parts.ephemeralUsd > 0 ? `ephemeral storage ${formatUsd(parts.ephemeralUsd)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function compactCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return formatCount(Math.round(n));
}

export function regionCost(analysis: AnalysisReport, functionCount: number): RegionCost {
  const c = analysis.cost;
  const rows = analysis.functions
    .filter((f) => f.invocations > 0 || f.cost.projectedMonthUsd > 0)
    .map((f): CostRow => ({ name: f.name, cost: f.cost, description: `${formatUsd(f.cost.projectedMonthUsd)}/mo · ${formatPercent(f.cost.shareOfAccount)} · ${compactCount(f.cost.month.requests)} requests/mo` }))
    .sort((a, b) => b.cost.projectedMonthUsd - a.cost.projectedMonthUsd || a.name.localeCompare(b.name));
  const gbFree = c.freeTier.gbSeconds.used + c.freeTier.gbSeconds.left;
  const reqFree = c.freeTier.requests.used + c.freeTier.requests.left;
  const freeTier =
    gbFree > 0 && reqFree > 0
      ? `Free tier: ${formatPercent(c.freeTier.gbSeconds.used / gbFree)} of ${formatCount(gbFree)} GB-s and ${formatPercent(c.freeTier.requests.used / reqFree)} of ${compactCount(reqFree)} requests used by the projected month; ${formatCount(Math.round(c.freeTier.gbSeconds.left))} GB-s left`
      : // Only a region of an account watched in several regions is given none: it has no usage yet.
        "Free tier: none for this region (shared by the account's regions in proportion to their usage)";
  const arm = rows.reduce((n, r) => n + Math.max(0, r.cost.whatIf.arm64?.savingsUsd ?? 0), 0);
  const mem = rows.reduce((n, r) => n + Math.max(0, r.cost.whatIf.memory?.savingsUsd ?? 0), 0);
  const savings = [arm >= 0.01 ? `${formatUsd(arm)}/mo on arm64` : '', mem >= 0.01 ? `${formatUsd(mem)}/mo at the right memory sizes` : ''].filter(Boolean).join(' · ');
  return {
    description: `${formatUsd(c.projectedMonthUsd)}/mo projected · ${formatUsd(c.windowUsd)} this window`,
    freeTier,
    split: `Month: ${costSplitText(c.month)}`,
    ...(savings ? { savings: `Could save ${savings} (list prices, before the free tier)` } : {}),
    rows,
    idle: Math.max(0, functionCount - rows.length),
    assumptions: c.assumptions,
  };
}
