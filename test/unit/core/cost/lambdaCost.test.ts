import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { monthLengthMs, monthlyAccountCost, projectToMonth, freeTierEligible, shareFreeTier, tieredCost, type FunctionUsage } from '../../../../src/core/cost/lambdaCost';
import { LAMBDA_PRICES, pricesFor } from '../../../../src/core/cost/priceTable';

/** Floating-point equality to 1e-12 relative (and 1e-12 absolute near zero). */
function close(actual: number | undefined, expected: number, what = ''): void {
  assert.ok(actual !== undefined && Number.isFinite(actual), `${what}: got ${actual}`);
  const tolerance = Math.max(1e-12, Math.abs(expected) * 1e-12);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual}`);
}

// us-east-1 list prices, written out by hand from the reference (section 5).
const X86_T1 = 0.0000166667;
const X86_T2 = 0.000015;
const X86_T3 = 0.0000133334;
const ARM_T1 = 0.0000133334;
const ARM_T2 = 0.0000120001;
const PER_REQUEST = 0.2 / 1_000_000;

const x86Tiers = pricesFor(LAMBDA_PRICES, 'us-east-1').compute.x86_64;
const armTiers = pricesFor(LAMBDA_PRICES, 'us-east-1').compute.arm64;

function usage(functionName: string, architecture: FunctionUsage['architecture'], requests: number, gbSeconds: number): FunctionUsage {
  return { functionName, architecture, requests, gbSeconds };
}

describe('monthlyAccountCost: one function', () => {
  // 1,000,000 invocations × 100 ms billed × 512 MB = 1e6 × 0.1 s × 0.5 GB = 50,000 GB-s.
  const ONE_MILLION_AT_100MS_512MB = 50_000;

  test('x86_64 list price, no free tier: 50,000 GB-s × $0.0000166667 + 1M × $0.20/1M', () => {
    const cost = monthlyAccountCost([usage('api', 'x86_64', 1_000_000, ONE_MILLION_AT_100MS_512MB)], LAMBDA_PRICES, 'us-east-1', false);
    const f = cost.functions[0];
    close(f?.computeCostUsd, 0.833335, 'compute');
    close(f?.requestCostUsd, 0.2, 'requests');
    close(f?.totalUsd, 1.033335, 'function total');
    close(cost.totalUsd, 1.033335, 'account total');
    assert.equal(cost.requests, 1_000_000);
    assert.equal(cost.gbSeconds, 50_000);
    assert.equal(cost.freeRequestsUsed, 0);
    assert.equal(cost.freeGbSecondsUsed, 0);
    assert.equal(f?.functionName, 'api');
    assert.equal(f?.requests, 1_000_000);
    assert.equal(f?.gbSeconds, 50_000);
  });

  test('the same usage inside the free tier costs nothing', () => {
    const cost = monthlyAccountCost([usage('api', 'x86_64', 1_000_000, ONE_MILLION_AT_100MS_512MB)], LAMBDA_PRICES);
    assert.equal(cost.totalUsd, 0);
    assert.equal(cost.functions[0]?.computeCostUsd, 0);
    assert.equal(cost.functions[0]?.requestCostUsd, 0);
    assert.equal(cost.freeRequestsUsed, 1_000_000);
    assert.equal(cost.freeGbSecondsUsed, 50_000);
  });

  test('arm64 list price: 50,000 GB-s × $0.0000133334 + $0.20', () => {
    const cost = monthlyAccountCost([usage('api', 'arm64', 1_000_000, ONE_MILLION_AT_100MS_512MB)], LAMBDA_PRICES, undefined, false);
    close(cost.functions[0]?.computeCostUsd, 0.66667, 'compute');
    close(cost.totalUsd, 0.86667, 'total');
  });

  test('usage beyond the free tier pays only for the excess', () => {
    // 3M requests, 500,000 GB-s: 2M requests and 100,000 GB-s are billable.
    const cost = monthlyAccountCost([usage('api', 'x86_64', 3_000_000, 500_000)], LAMBDA_PRICES);
    close(cost.functions[0]?.requestCostUsd, 0.4, 'requests');
    close(cost.functions[0]?.computeCostUsd, 100_000 * X86_T1, 'compute');
    close(cost.totalUsd, 0.4 + 1.66667, 'total');
    assert.equal(cost.freeRequestsUsed, 1_000_000);
    assert.equal(cost.freeGbSecondsUsed, 400_000);
  });

  test('no usage costs nothing and divides by nothing', () => {
    const empty = monthlyAccountCost([], LAMBDA_PRICES);
    assert.deepEqual(empty, { functions: [], requests: 0, gbSeconds: 0, freeRequestsUsed: 0, freeGbSecondsUsed: 0, totalUsd: 0 });
    const idle = monthlyAccountCost([usage('idle', 'arm64', 0, 0)], LAMBDA_PRICES, undefined, false);
    assert.equal(idle.totalUsd, 0);
    assert.equal(idle.functions[0]?.computeCostUsd, 0);
    assert.equal(idle.functions[0]?.requestCostUsd, 0);
  });
});

describe('monthlyAccountCost: free tier shared across functions and architectures', () => {
  test('free GB-s go to x86_64 first (the stated assumption), then arm64; shares are proportional', () => {
    const cost = monthlyAccountCost(
      [
        usage('x1', 'x86_64', 1_000_000, 100_000),
        usage('x2', 'x86_64', 1_000_000, 200_000),
        usage('a1', 'arm64', 500_000, 150_000),
        usage('a2', 'arm64', 500_000, 50_000),
      ],
      LAMBDA_PRICES,
    );
    // x86 300,000 GB-s all free; arm 200,000 GB-s of which 100,000 free → 100,000 × ARM_T1 = $1.33334,
    // split 150:50 between a1 and a2. Requests: 3M, 1M free → each pays 2/3 of its requests.
    assert.equal(cost.requests, 3_000_000);
    assert.equal(cost.gbSeconds, 500_000);
    assert.equal(cost.freeRequestsUsed, 1_000_000);
    assert.equal(cost.freeGbSecondsUsed, 400_000);
    const [x1, x2, a1, a2] = cost.functions;
    assert.deepEqual(cost.functions.map((f) => f.functionName), ['x1', 'x2', 'a1', 'a2']);
    close(x1?.computeCostUsd, 0, 'x1 compute');
    close(x2?.computeCostUsd, 0, 'x2 compute');
    close(a1?.computeCostUsd, 1.000005, 'a1 compute');
    close(a2?.computeCostUsd, 0.333335, 'a2 compute');
    close(x1?.requestCostUsd, (1_000_000 * 2) / 3 * PER_REQUEST, 'x1 requests');
    close(x2?.requestCostUsd, (1_000_000 * 2) / 3 * PER_REQUEST, 'x2 requests');
    close(a1?.requestCostUsd, (500_000 * 2) / 3 * PER_REQUEST, 'a1 requests');
    close(a2?.requestCostUsd, (500_000 * 2) / 3 * PER_REQUEST, 'a2 requests');
    close(a1?.totalUsd, 1.000005 + (500_000 * 2) / 3 * PER_REQUEST, 'a1 total');
    close(cost.totalUsd, 0.4 + 1.33334, 'account total');
  });

  test('x86_64 usage above the free tier leaves nothing free for arm64', () => {
    const cost = monthlyAccountCost([usage('x', 'x86_64', 0, 500_000), usage('a', 'arm64', 0, 100_000)], LAMBDA_PRICES);
    close(cost.functions[0]?.computeCostUsd, 100_000 * X86_T1, 'x86');
    close(cost.functions[1]?.computeCostUsd, 100_000 * ARM_T1, 'arm64');
    assert.equal(cost.freeGbSecondsUsed, 400_000);
  });

  test('the account total is the sum of the functions', () => {
    const cost = monthlyAccountCost(
      [usage('a', 'x86_64', 2_500_000, 700_000), usage('b', 'arm64', 400_000, 90_000), usage('c', 'x86_64', 10, 1)],
      LAMBDA_PRICES,
    );
    close(cost.totalUsd, cost.functions.reduce((n, f) => n + f.totalUsd, 0), 'sum');
    // 2,900,010 requests, 1,900,010 billable; x86 700,001 − 400,000 free; arm 90,000 billable.
    close(cost.totalUsd, 1_900_010 * PER_REQUEST + 300_001 * X86_T1 + 90_000 * ARM_T1, 'total');
  });
});

describe('monthlyAccountCost: tiers', () => {
  test('tiers aggregate across the functions of one architecture', () => {
    // 7e9 GB-s x86 in two functions: 6e9 at tier 1, 1e9 at tier 2, split half and half.
    const cost = monthlyAccountCost([usage('a', 'x86_64', 0, 3.5e9), usage('b', 'x86_64', 0, 3.5e9)], LAMBDA_PRICES, undefined, false);
    close(cost.totalUsd, 6e9 * X86_T1 + 1e9 * X86_T2, 'total');
    close(cost.totalUsd, 115_000.2, 'total by hand');
    close(cost.functions[0]?.computeCostUsd, 57_500.1, 'a');
    close(cost.functions[1]?.computeCostUsd, 57_500.1, 'b');
  });

  test('tiers count separately per architecture', () => {
    const cost = monthlyAccountCost([usage('x', 'x86_64', 0, 6e9), usage('a', 'arm64', 0, 6e9)], LAMBDA_PRICES, undefined, false);
    close(cost.functions[0]?.computeCostUsd, 100_000.2, 'x86 all at tier 1');
    close(cost.functions[1]?.computeCostUsd, 80_000.4, 'arm64 all at tier 1');
  });
});

describe('tieredCost', () => {
  test('crossing the 6e9 GB-s boundary from just below it', () => {
    close(tieredCost(x86Tiers, 6e9 - 1000, 3000), 1000 * X86_T1 + 2000 * X86_T2, 'formula');
    close(tieredCost(x86Tiers, 6e9 - 1000, 3000), 0.0466667, 'by hand');
  });

  test('starting exactly on the boundary is all at the second tier', () => {
    close(tieredCost(x86Tiers, 6e9, 1000), 0.015, 'tier 2');
    close(tieredCost(x86Tiers, 6e9 - 1000, 1000), 1000 * X86_T1, 'ending on the boundary is all tier 1');
  });

  test('through all three x86 tiers', () => {
    close(tieredCost(x86Tiers, 0, 16e9), 6e9 * X86_T1 + 9e9 * X86_T2 + 1e9 * X86_T3, 'formula');
    close(tieredCost(x86Tiers, 0, 16e9), 248_333.6, 'by hand');
  });

  test('arm64 boundaries at 7.5e9 and 18.75e9 GB-s', () => {
    close(tieredCost(armTiers, 7.5e9 - 500, 1000), 500 * ARM_T1 + 500 * ARM_T2, 'first boundary');
    close(tieredCost(armTiers, 7.5e9 - 500, 1000), 0.01266675, 'first boundary by hand');
    close(tieredCost(armTiers, 18.75e9 - 100, 200), 200 * ARM_T2, 'second boundary (third tier = second rate)');
  });

  test('is additive: cost(0, a) + cost(a, b) = cost(0, a + b)', () => {
    for (const [a, b] of [
      [5.9e9, 0.3e9],
      [1, 20e9],
      [14.9e9, 0.2e9],
    ] as const) {
      close(tieredCost(x86Tiers, 0, a) + tieredCost(x86Tiers, a, b), tieredCost(x86Tiers, 0, a + b), `${a} + ${b}`);
    }
  });

  test('zero usage costs nothing', () => {
    assert.equal(tieredCost(x86Tiers, 0, 0), 0);
    assert.equal(tieredCost(x86Tiers, 6e9, 0), 0);
  });
});

describe('projectToMonth', () => {
  test('one hour of usage scaled to a 30-day month is × 720', () => {
    const hour = 3_600_000;
    const month = 30 * 24 * hour;
    const projected = projectToMonth(usage('api', 'arm64', 1000, 50), hour, month);
    assert.deepEqual(projected, { functionName: 'api', architecture: 'arm64', requests: 720_000, gbSeconds: 36_000 });
  });

  test('a window longer than the month scales down', () => {
    const day = 86_400_000;
    const projected = projectToMonth(usage('api', 'x86_64', 600, 90), 60 * day, 30 * day);
    assert.equal(projected.requests, 300);
    assert.equal(projected.gbSeconds, 45);
  });

  test('an empty window projects to nothing', () => {
    const projected = projectToMonth(usage('api', 'x86_64', 10, 5), 0, 30 * 86_400_000);
    assert.equal(projected.requests, 0);
    assert.equal(projected.gbSeconds, 0);
  });
});

describe('monthLengthMs', () => {
  const DAY = 86_400_000;

  test('February 2024 has 29 days (leap year), February 2023 28', () => {
    assert.equal(monthLengthMs(Date.UTC(2024, 1, 15, 12)), 29 * DAY);
    assert.equal(monthLengthMs(Date.UTC(2023, 1, 15, 12)), 28 * DAY);
  });

  test('November 2026 has 30 days, December 2026 31', () => {
    assert.equal(monthLengthMs(Date.UTC(2026, 10, 1)), 30 * DAY);
    assert.equal(monthLengthMs(Date.UTC(2026, 10, 30, 23, 59, 59, 999)), 30 * DAY);
    assert.equal(monthLengthMs(Date.UTC(2026, 11, 31, 23, 59, 59, 999)), 31 * DAY);
  });

  test('the month is the UTC one: the last millisecond of February, then the first of March', () => {
    assert.equal(monthLengthMs(Date.UTC(2024, 2, 1) - 1), 29 * DAY);
    assert.equal(monthLengthMs(Date.UTC(2024, 2, 1)), 31 * DAY);
  });
});

describe('monthlyAccountCost: provisioned concurrency and ephemeral storage', () => {
  const MONTH_30_DAYS = 30 * 86_400_000;
  const PC_RATE = 0.0000041667;
  const PC_EXECUTION = 0.0000097222;
  const EPHEMERAL = 0.0000000309;

  test('PC is billed while enabled, its execution at the PC rate, outside the tiers and the free tier', () => {
    // 5 environments × 1 GB × 2,592,000 s = 12,960,000 GB-s kept warm; 100,000 GB-s of execution.
    const pc: FunctionUsage = { functionName: 'api', architecture: 'x86_64', requests: 2_000_000, gbSeconds: 100_000, memoryMb: 1024, provisionedConcurrency: 5 };
    const worker = usage('worker', 'x86_64', 0, 500_000);
    const cost = monthlyAccountCost([pc, worker], LAMBDA_PRICES, 'us-east-1', true, MONTH_30_DAYS);
    const api = cost.functions[0]!;
    close(api.provisionedCostUsd, 5 * 1 * 2_592_000 * PC_RATE, 'kept warm');
    close(api.computeCostUsd, 100_000 * PC_EXECUTION, 'execution');
    close(api.requestCostUsd, 1_000_000 * PER_REQUEST, 'requests beyond the free million');
    // The free 400,000 GB-s all go to the on-demand worker: 100,000 GB-s billed at tier 1.
    close(cost.functions[1]!.computeCostUsd, 100_000 * X86_T1, 'worker after the free tier');
    close(cost.freeGbSecondsUsed, 400_000, 'free GB-s');
    close(cost.totalUsd, api.totalUsd + cost.functions[1]!.totalUsd, 'total');
  });

  test('ephemeral storage: only the part above the free 512 MB, for the seconds the function ran', () => {
    // 100,000 GB-s at 1024 MB = 100,000 s; 10,240 MB of storage = 9.5 GB above the free 512 MB.
    const big: FunctionUsage = { functionName: 'etl', architecture: 'arm64', requests: 0, gbSeconds: 100_000, memoryMb: 1024, ephemeralStorageMb: 10_240 };
    const cost = monthlyAccountCost([big], LAMBDA_PRICES, 'us-east-1', false);
    close(cost.functions[0]!.ephemeralCostUsd, 9.5 * 100_000 * EPHEMERAL, 'ephemeral');
    close(cost.functions[0]!.computeCostUsd, 100_000 * ARM_T1, 'compute unchanged');
    const free = monthlyAccountCost([{ ...big, ephemeralStorageMb: 512 }], LAMBDA_PRICES, 'us-east-1', false);
    assert.equal(free.functions[0]!.ephemeralCostUsd, 0, 'the default 512 MB is free');
    const westOne = monthlyAccountCost([big], LAMBDA_PRICES, 'us-west-1', false);
    close(westOne.functions[0]!.ephemeralCostUsd, 9.5 * 100_000 * 0.000000037, 'us-west-1 rate');
  });
});

describe('shareFreeTier: one free tier per account, across its regions', () => {
  const free = { requests: 1_000_000, gbSeconds: 400_000 };
  test('regions of one account share it in proportion to their usage; another account keeps its own', () => {
    const shares = shareFreeTier(
      [
        { account: '111111111111', region: 'us-east-1', requests: 3_000_000, gbSeconds: 100_000 },
        { account: '111111111111', region: 'eu-west-1', requests: 1_000_000, gbSeconds: 300_000 },
        { account: '222222222222', region: 'us-east-1', requests: 5_000_000, gbSeconds: 900_000 },
      ],
      free,
    );
    assert.deepEqual(shares, [{ requests: 750_000, gbSeconds: 100_000 }, { requests: 250_000, gbSeconds: 300_000 }, undefined]);
  });
  test('two profiles of one account in one region count its usage once', () => {
    const shares = shareFreeTier(
      [
        { account: '111111111111', region: 'us-east-1', requests: 3_000_000, gbSeconds: 100_000 },
        { account: '111111111111', region: 'us-east-1', requests: 3_000_000, gbSeconds: 100_000 },
        { account: '111111111111', region: 'eu-west-1', requests: 1_000_000, gbSeconds: 300_000 },
      ],
      free,
    );
    assert.deepEqual(shares[0], { requests: 750_000, gbSeconds: 100_000 });
    assert.deepEqual(shares[1], shares[0]);
    assert.deepEqual(shares[2], { requests: 250_000, gbSeconds: 300_000 });
  });
  test('regions with no usage yet split it evenly', () => {
    const shares = shareFreeTier(
      [
        { account: 'dev', region: 'us-east-1', requests: 0, gbSeconds: 0 },
        { account: 'dev', region: 'eu-west-1', requests: 0, gbSeconds: 0 },
      ],
      free,
    );
    assert.deepEqual(shares, [{ requests: 500_000, gbSeconds: 200_000 }, { requests: 500_000, gbSeconds: 200_000 }]);
  });
  test('a share is what monthlyAccountCost applies: usage beyond it is paid', () => {
    const usage = [{ functionName: 'f', architecture: 'x86_64' as const, requests: 1_000_000, gbSeconds: 0 }];
    const whole = monthlyAccountCost(usage, LAMBDA_PRICES, 'us-east-1', true, 0);
    const half = monthlyAccountCost(usage, LAMBDA_PRICES, 'us-east-1', true, 0, { requests: 500_000, gbSeconds: 200_000 });
    assert.equal(whole.totalUsd, 0);
    assert.equal(half.freeRequestsUsed, 500_000);
    assert.ok(Math.abs(half.totalUsd - 0.1) < 1e-9, `${half.totalUsd}`);
  });
});

test('provisioned concurrency takes no share of the free tier: only on-demand GB-seconds are eligible', () => {
  const usage: FunctionUsage[] = [
    { functionName: 'warm', architecture: 'x86_64', requests: 1_000, gbSeconds: 500_000, memoryMb: 1024, provisionedConcurrency: 5 },
    { functionName: 'plain', architecture: 'x86_64', requests: 2_000, gbSeconds: 300_000, memoryMb: 1024 },
  ];
  assert.deepEqual(freeTierEligible(usage), { requests: 3_000, gbSeconds: 300_000 });
  // A region whose usage is all provisioned concurrency leaves the GB-seconds to the others.
  const shares = shareFreeTier(
    [
      { account: '1', region: 'us-east-1', ...freeTierEligible([usage[0] as FunctionUsage]) },
      { account: '1', region: 'eu-west-1', ...freeTierEligible([usage[1] as FunctionUsage]) },
    ],
    { requests: 1_000_000, gbSeconds: 400_000 },
  );
  assert.equal(shares[0]?.gbSeconds, 0);
  assert.equal(shares[1]?.gbSeconds, 400_000);
});
