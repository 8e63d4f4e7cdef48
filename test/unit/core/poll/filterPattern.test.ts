import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../../src/core/cost/priceTable';
import { filterPatternFor, filterPatternTerms } from '../../../../src/core/poll/filterPattern';
import { TrafficGenerator } from '../../../../src/demo/trafficGenerator';
import type { LogEvent } from '../../../../src/core/logEvent';

const T0 = Date.UTC(2026, 10, 26, 9);

/** CloudWatch's term semantics are not documented precisely: check both readings. */
function substringMatch(terms: string[], message: string): boolean {
  return terms.some((t) => message.includes(t));
}
function wordMatch(terms: string[], message: string): boolean {
  const words = new Set(message.split(/[^A-Za-z0-9_]+/));
  // A quoted phrase (with spaces or punctuation) is matched as a substring in either reading.
  return terms.some((t) => (/^[A-Za-z0-9_]+$/.test(t) ? words.has(t) : message.includes(t)));
}

function analyse(events: Iterable<LogEvent>) {
  const analyzer = new Analyzer();
  for (const e of events) analyzer.ingest(e);
  analyzer.flush();
  // Everything but the counts of raw events, which narrowing is meant to change.
  return buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES }).functions.map(({ name, invocations, errors, timeouts, outOfMemory, initErrors, coldStarts, durationMs, initDurationMs, billedGbSeconds, maxMemoryUsedMb, issues }) => ({
    name, invocations, errors, timeouts, outOfMemory, initErrors, coldStarts, durationMs, initDurationMs, billedGbSeconds, maxMemoryUsedMb,
    issues: issues.map((i) => ({ fingerprint: i.fingerprint, count: i.count, kind: i.kind, title: i.title })),
  }));
}

test('the narrowed download keeps every line the engine needs, in every runtime and log format', () => {
  const events = [...new TrafficGenerator({ seed: 21, start: T0, durationMs: 40 * 60_000, hostileEvery: 50 })];
  const terms = filterPatternTerms().map((t) => t.replace(/^"|"$/g, ''));
  const full = analyse(events);
  assert.equal(full.length, 5);
  for (const [reading, match] of [['substring', substringMatch], ['word', wordMatch]] as const) {
    const kept = events.filter((e) => match(terms, e.message));
    assert.ok(kept.length < events.length * 0.75, `${reading}: narrowing drops ordinary output (${kept.length} of ${events.length})`);
    assert.deepEqual(analyse(kept), full, `${reading} reading gives the same analysis`);
  }
});

test('the pattern is CloudWatch syntax: OR terms, phrases quoted, within the 1,024-character limit', () => {
  const pattern = filterPatternFor();
  assert.match(pattern, /^(\?(\w+|"[^"]+")\s?)+$/);
  assert.ok(pattern.includes('?"platform."'), 'JSON-format platform events');
  assert.ok(pattern.includes('?REPORT') && pattern.includes('?"timed out"'));
  assert.ok(pattern.length <= 1024);
});
