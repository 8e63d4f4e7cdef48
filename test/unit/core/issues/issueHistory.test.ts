import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { issueHistoryModel } from '../../../../src/core/issues/issueHistoryModel';
import { OccurrenceHistory } from '../../../../src/core/issues/occurrenceHistory';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

test('occurrences per hour and per day, in any arrival order, bounded to 72 hours and 90 days', () => {
  const h = new OccurrenceHistory();
  const times = [T0 + 5 * HOUR + 1, T0 + 5 * HOUR + 2, T0 + 2 * HOUR, T0 + 30 * HOUR, T0 + 5 * HOUR + 3];
  for (const t of times) h.add(t);
  const shuffled = new OccurrenceHistory();
  for (const t of [...times].reverse()) shuffled.add(t);
  assert.deepEqual(shuffled.perHour(), h.perHour());
  const perHour = h.perHour();
  assert.equal(perHour[0]?.time, T0 + 2 * HOUR, 'starts at the first occurrence');
  assert.equal(perHour.find((p) => p.time === T0 + 5 * HOUR)?.count, 3);
  assert.equal(perHour.reduce((s, p) => s + p.count, 0), 5);
  assert.deepEqual(h.perDay().map((p) => [p.time, p.count]), [[T0, 4], [T0 + DAY, 1]]);
  // Four days later: the hours before the last 72 are gone (only hour 30 and hour 96 remain), the days remain.
  h.add(T0 + 4 * DAY);
  assert.equal(h.perHour().reduce((s, p) => s + p.count, 0), 2);
  assert.equal(h.perHour()[0]?.time, T0 + 30 * HOUR);
  assert.equal(h.perDay().reduce((s, p) => s + p.count, 0), 6);
  // An occurrence older than the rings keep changes nothing.
  h.add(T0 - 200 * DAY);
  assert.equal(h.perDay().reduce((s, p) => s + p.count, 0), 6);
  assert.deepEqual(new OccurrenceHistory().perHour(), []);
});

test("an issue's history model on demo traffic: counts add up, recent occurrences newest first, the stack as text", () => {
  const analyzer = new Analyzer();
  const start = Date.UTC(2026, 10, 26, 6);
  for (const e of new TrafficGenerator({ seed: 13, start, durationMs: 3 * HOUR })) analyzer.ingest(e);
  analyzer.flush();
  const checkout = analyzer.functions().find((m) => m.name === 'checkout-api');
  assert.ok(checkout);
  const typeError = checkout.issues.all().find((i) => i.errorType === 'TypeError');
  assert.ok(typeError);
  const model = issueHistoryModel(typeError);
  assert.equal(model.perHour.reduce((s, p) => s + p.count, 0), typeError.count);
  assert.equal(model.perDay.reduce((s, p) => s + p.count, 0), typeError.count);
  assert.ok(model.perHour.length >= 3 && model.perHour.length <= 4);
  assert.ok(model.recent.length > 0 && model.recent.length <= 50);
  for (let i = 1; i < model.recent.length; i++) assert.ok((model.recent[i - 1]?.time ?? 0) >= (model.recent[i]?.time ?? 0));
  assert.equal(model.recent[0]?.time, typeError.lastSeen);
  assert.ok(model.frames.some((f) => f.inApp && f.file?.endsWith('.js') && typeof f.line === 'number'));
  assert.match(model.message, /^Cannot read properties of undefined/);
  // JSON-serialisable as it is: what the webview receives.
  assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
});
