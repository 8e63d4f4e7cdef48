// A SnapStart REPORT's Billed Duration already includes its Billed Restore Duration: in the sample
// below (the one parseLine.platformText.test.ts reads), 247 ms = ceil(100.36) + 146. GB-seconds
// come from Billed Duration alone, or the restore is billed twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import type { Invocation } from '../../../../src/core/invocation';
import { StatsBucket } from '../../../../src/core/stats/statsBucket';

const T = Date.UTC(2025, 5, 8, 18);
const ID = '4f423807-598d-47ae-9652-4f7ee31d4d10';
const REPORT = `REPORT RequestId: ${ID}\tDuration: 100.36 ms\tBilled Duration: 247 ms\tMemory Size: 512 MB\tMax Memory Used: 143 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 146 ms\t\n`;
/** 247 ms at 0.5 GB. */
const GB_SECONDS = 0.1235;

test('a SnapStart restore is billed once: Billed Duration × memory, its Billed Restore Duration inside it', () => {
  const restored: Invocation = { requestId: ID, functionName: 'java-api', logStream: 's', startTime: T, endTime: T + 101, durationMs: 100.36, billedDurationMs: 247, memorySizeMb: 512, maxMemoryUsedMb: 143, restoreDurationMs: 474.16, billedRestoreDurationMs: 146, coldStart: false, snapStartRestore: true, status: 'success', handledErrors: [], reported: true };
  const bucket = new StatsBucket(T, 60_000);
  bucket.add(restored, undefined);
  assert.equal(bucket.billedMs, 247);
  assert.equal(bucket.gbSeconds, GB_SECONDS);
});

test('from the log lines to the report: 0.1235 GB-s, and the restore still told apart', () => {
  const analyzer = new Analyzer();
  analyzer.ingestFor('java-api', '2025/06/08/[3]abc', T, `START RequestId: ${ID} Version: 3\n`);
  analyzer.ingestFor('java-api', '2025/06/08/[3]abc', T + 101, `END RequestId: ${ID}\n`);
  analyzer.ingestFor('java-api', '2025/06/08/[3]abc', T + 101, REPORT);
  analyzer.flush();
  const f = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions[0];
  assert.ok(f);
  assert.equal(f.billedGbSeconds, GB_SECONDS);
  assert.equal(f.cost.gbSeconds, GB_SECONDS);
  assert.deepEqual([f.snapStartRestores, f.coldStarts, f.restoreDurationMs?.p50], [1, 0, 474.16]);
});
