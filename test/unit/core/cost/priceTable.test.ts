import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LAMBDA_PRICES, pricesFor, type PriceTable, type RegionPrices } from '../../../../src/core/cost/priceTable';
import { monthlyAccountCost } from '../../../../src/core/cost/lambdaCost';

describe('LAMBDA_PRICES matches the reference (section 5, us-east-1)', () => {
  const east = pricesFor(LAMBDA_PRICES, 'us-east-1');

  test('requests and free tier', () => {
    assert.equal(east.requestsUsdPerMillion, 0.2);
    assert.deepEqual(LAMBDA_PRICES.freeTier, { requests: 1_000_000, gbSeconds: 400_000 });
    assert.equal(LAMBDA_PRICES.defaultRegion, 'us-east-1');
  });

  test('x86_64 tiers: 6B at 0.0000166667, next 9B at 0.000015, then 0.0000133334', () => {
    assert.deepEqual(east.compute.x86_64, [
      { upToGbSeconds: 6e9, usdPerGbSecond: 0.0000166667 },
      { upToGbSeconds: 15e9, usdPerGbSecond: 0.000015 },
      { upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: 0.0000133334 },
    ]);
  });

  test('arm64 tiers: 7.5B at 0.0000133334, next 11.25B at 0.0000120001', () => {
    const arm = east.compute.arm64;
    assert.deepEqual(arm.slice(0, 2), [
      { upToGbSeconds: 7.5e9, usdPerGbSecond: 0.0000133334 },
      { upToGbSeconds: 18.75e9, usdPerGbSecond: 0.0000120001 },
    ]);
    assert.equal(arm[arm.length - 1]?.upToGbSeconds, Number.POSITIVE_INFINITY, 'the last tier is open-ended');
  });

  test('ephemeral storage and provisioned concurrency', () => {
    assert.equal(east.ephemeralStorageUsdPerGbSecond, 0.0000000309);
    assert.equal(east.provisionedConcurrencyUsdPerGbSecond.x86_64, 0.0000041667);
    assert.equal(east.provisionedExecutionUsdPerGbSecond.x86_64, 0.0000097222);
    // arm64: 20% below x86, as the on-demand rates are.
    assert.equal(east.provisionedConcurrencyUsdPerGbSecond.arm64, 0.0000033334);
    assert.equal(east.provisionedExecutionUsdPerGbSecond.arm64, 0.0000077778);
  });
});

describe('pricesFor', () => {
  const east = pricesFor(LAMBDA_PRICES, 'us-east-1');

  test('us-west-1 overrides ephemeral storage only', () => {
    const west1 = pricesFor(LAMBDA_PRICES, 'us-west-1');
    assert.equal(west1.ephemeralStorageUsdPerGbSecond, 0.000000037);
    assert.deepEqual({ ...west1, ephemeralStorageUsdPerGbSecond: 0 }, { ...east, ephemeralStorageUsdPerGbSecond: 0 });
  });

  test('regions without overrides, no region, and unknown regions get the default prices', () => {
    assert.deepEqual(pricesFor(LAMBDA_PRICES, 'us-west-2'), east);
    assert.deepEqual(pricesFor(LAMBDA_PRICES, undefined), east);
    assert.deepEqual(pricesFor(LAMBDA_PRICES, 'ap-south-1'), east);
    assert.equal(pricesFor(LAMBDA_PRICES, 'us-west-2').ephemeralStorageUsdPerGbSecond, 0.0000000309);
  });

  test('a region can override one architecture and keep the other', () => {
    const table: PriceTable = {
      ...LAMBDA_PRICES,
      regions: {
        ...LAMBDA_PRICES.regions,
        'xx-test-1': { requestsUsdPerMillion: 0.25, compute: { arm64: [{ upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: 0.00001 }] } as unknown as RegionPrices['compute'] },
      },
    };
    const p = pricesFor(table, 'xx-test-1');
    assert.equal(p.requestsUsdPerMillion, 0.25);
    assert.deepEqual(p.compute.arm64, [{ upToGbSeconds: Number.POSITIVE_INFINITY, usdPerGbSecond: 0.00001 }]);
    assert.deepEqual(p.compute.x86_64, east.compute.x86_64);
    assert.equal(p.ephemeralStorageUsdPerGbSecond, east.ephemeralStorageUsdPerGbSecond);
  });

  test('the region passed to monthlyAccountCost selects its prices', () => {
    const table: PriceTable = { ...LAMBDA_PRICES, regions: { ...LAMBDA_PRICES.regions, 'xx-test-1': { requestsUsdPerMillion: 0.4 } } };
    const u = [{ functionName: 'f', architecture: 'x86_64' as const, requests: 2_000_000, gbSeconds: 0 }];
    assert.ok(Math.abs(monthlyAccountCost(u, table, 'xx-test-1', false).totalUsd - 0.8) < 1e-12);
    assert.ok(Math.abs(monthlyAccountCost(u, table, 'us-east-1', false).totalUsd - 0.4) < 1e-12);
  });
});
