import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import { arm64WhatIf, listPrice, memoryWhatIf, rightSizedMemoryMb } from '../../../../src/core/cost/whatIf';

// A month: 10M requests of 120 ms at 1,024 MB = 1.2M GB-s.
const usage = { functionName: 'checkout-api', architecture: 'x86_64' as const, requests: 10_000_000, gbSeconds: 1_200_000 };

test('the list price of a month, by hand: requests at $0.20 per million, GB-seconds at the first tier', () => {
  const usd = listPrice(usage, LAMBDA_PRICES, 'us-east-1');
  assert.ok(Math.abs(usd - (2 + 1_200_000 * 0.0000166667)) < 1e-9, String(usd));
});

test('the same traffic on arm64 costs 20% less compute (list prices), the requests the same', () => {
  const w = arm64WhatIf(usage, LAMBDA_PRICES, 'us-east-1');
  assert.ok(w);
  assert.ok(Math.abs(w.arm64Usd - (2 + 1_200_000 * 0.0000133334)) < 1e-9);
  assert.ok(Math.abs(w.savingsUsd - 1_200_000 * (0.0000166667 - 0.0000133334)) < 1e-9);
  assert.match(w.assumption, /same durations/);
  assert.equal(arm64WhatIf({ ...usage, architecture: 'arm64' }, LAMBDA_PRICES), undefined, 'already on arm64');
});

test('the cheapest memory keeps 30% headroom over the most used, in 64 MB steps, within Lambda\'s limits', () => {
  const w = memoryWhatIf(usage, 1024, 300, LAMBDA_PRICES, 'us-east-1');
  assert.ok(w);
  assert.equal(w.memoryMb, 448, '300 × 1.3 = 390 → 448 MB');
  assert.ok(Math.abs(w.usd - (2 + 1_200_000 * (448 / 1024) * 0.0000166667)) < 1e-9);
  assert.ok(w.savingsUsd > 0);
  assert.match(w.assumption, /448 MB keeps 30% headroom over the 300 MB used at most/);
  assert.equal(memoryWhatIf(usage, 1024, 40, LAMBDA_PRICES)?.memoryMb, 128, 'never below 128 MB');
  assert.equal(memoryWhatIf(usage, 10_240, 9_000, LAMBDA_PRICES)?.memoryMb, 10_240, 'never above 10,240 MB');
  const tight = memoryWhatIf(usage, 512, 500, LAMBDA_PRICES);
  assert.ok(tight && tight.memoryMb > 512 && tight.savingsUsd < 0, 'near the limit: the fix costs more, and says so');
  assert.equal(memoryWhatIf(usage, 1024, undefined, LAMBDA_PRICES), undefined, 'no memory figure: no advice');
});

test('with provisioned concurrency the what-ifs use the PC rates of each architecture, kept warm all month', () => {
  const month = 30 * 86_400_000;
  // 2 environments × 1 GB × 2,592,000 s kept warm; 100,000 GB-s of execution; no requests.
  const pc = { functionName: 'api', architecture: 'x86_64' as const, requests: 0, gbSeconds: 100_000, memoryMb: 1024, provisionedConcurrency: 2 };
  const w = arm64WhatIf(pc, LAMBDA_PRICES, 'us-east-1', month);
  const x86 = 2 * 2_592_000 * 0.0000041667 + 100_000 * 0.0000097222;
  const arm = 2 * 2_592_000 * 0.0000033334 + 100_000 * 0.0000077778;
  assert.ok(w && Math.abs(w.currentUsd - x86) < 1e-6 && Math.abs(w.arm64Usd - arm) < 1e-6, JSON.stringify(w));
  // Half the memory halves both the warm pool and the execution GB-s.
  const m = memoryWhatIf(pc, 1024, 300, LAMBDA_PRICES, 'us-east-1', month);
  assert.equal(m?.memoryMb, 448);
  assert.ok(m && Math.abs(m.usd - x86 * (448 / 1024)) < 1e-6, JSON.stringify(m));
});

test('the right size: 30% headroom, 64 MB steps, within 128 MB and 10,240 MB', () => {
  assert.equal(rightSizedMemoryMb(300), 448);
  assert.equal(rightSizedMemoryMb(10), 128);
  assert.equal(rightSizedMemoryMb(9_000), 10_240);
});
