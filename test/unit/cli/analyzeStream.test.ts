// The CLI's reading path (bytes → lines → events) gives exactly what feeding the engine directly gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { analyzeStream } from '../../../src/cli/analyzeCommand';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';

test('JSON Lines read in odd-sized chunks give the same report as the events fed directly', async () => {
  const events = [...new TrafficGenerator({ seed: 11, durationMs: 15 * 60_000, hostileEvery: 40 })];
  const direct = new Analyzer({ retention: { minutes: 180, hours: 72, days: 36_500 } });
  for (const e of events) direct.ingest(e);
  direct.flush();
  const expected = buildAnalysisReport(direct, { prices: LAMBDA_PRICES });

  const bytes = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8');
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 4093) pieces.push(bytes.subarray(i, i + 4093));
  const result = await analyzeStream(Readable.from(pieces));
  assert.equal(result.events, events.length);
  assert.deepEqual(result.skipped, { lines: 0, reasons: {} });
  assert.deepEqual(JSON.parse(JSON.stringify(result.report)), JSON.parse(JSON.stringify(expected)));
});
