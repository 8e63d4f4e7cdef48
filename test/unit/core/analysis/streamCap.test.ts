// Past the per-function cap on streams followed at once, the quietest streams are finalised; a
// request still in progress is kept while a finished stream can go instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../../src/core/analysis/analyzer';
import type { Invocation } from '../../../../src/core/invocation';

const T = Date.UTC(2026, 10, 26, 9, 0, 0);
const GROUP = '/aws/lambda/capped';

function capped(maxStreams: number): { analyzer: Analyzer; invocations: Invocation[]; line: (stream: string, at: number, message: string) => void } {
  const invocations: Invocation[] = [];
  const analyzer = new Analyzer({ maxStreamsPerFunction: maxStreams, onInvocation: (i) => invocations.push(i) });
  const line = (stream: string, at: number, message: string): void => void analyzer.ingest({ logGroupName: GROUP, logStreamName: stream, timestamp: T + at, message });
  return { analyzer, invocations, line };
}
const start = (id: string): string => `START RequestId: ${id} Version: $LATEST\n`;
const end = (id: string): string => `END RequestId: ${id}\n`;
const report = (id: string, ms: number): string => `REPORT RequestId: ${id}\tDuration: ${ms}.00 ms\tBilled Duration: ${ms} ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`;

test('a quiet stream with a request in progress outlives busier streams whose requests have finished', () => {
  const { analyzer, invocations, line } = capped(4);
  line('s0', 0, start('r0'));
  for (let i = 1; i <= 3; i++) {
    line(`s${i}`, 10 * i, start(`r${i}`));
    line(`s${i}`, 10 * i + 5, end(`r${i}`));
    line(`s${i}`, 10 * i + 6, report(`r${i}`, 5));
  }
  // A fifth stream: s0 is the quietest, but it is the only one with a request in progress.
  line('s4', 100, start('r4'));
  line('s4', 105, end('r4'));
  line('s4', 106, report('r4', 5));
  line('s0', 5_000, end('r0'));
  line('s0', 5_001, report('r0', 5_000));
  analyzer.flush();
  const monitor = analyzer.find('capped');
  assert.equal(monitor?.incomplete, 0);
  assert.equal(invocations.length, 5);
  const r0 = invocations.find((i) => i.requestId === 'r0');
  assert.equal(r0?.startTime, T, 'r0 kept its START');
  assert.equal(r0?.durationMs, 5_000);
  assert.ok((monitor?.streamCount ?? 99) <= 4);
});

test('when every stream has a request in progress, the quietest is finalised and its request counted incomplete', () => {
  const { analyzer, invocations, line } = capped(4);
  for (let i = 0; i < 4; i++) line(`s${i}`, i, start(`r${i}`));
  line('s4', 10, start('r4'));
  const monitor = analyzer.find('capped');
  assert.equal(monitor?.streamCount, 4);
  assert.equal(monitor?.incomplete, 1);
  for (let i = 1; i <= 4; i++) {
    line(`s${i}`, 100 + i, end(`r${i}`));
    line(`s${i}`, 101 + i, report(`r${i}`, 50));
  }
  analyzer.flush();
  assert.deepEqual(invocations.map((i) => i.requestId).sort(), ['r1', 'r2', 'r3', 'r4']);
});

test('many more streams than the cap: the count stays under it and no finished invocation is lost', () => {
  const { analyzer, invocations, line } = capped(64);
  let most = 0;
  for (let i = 0; i < 1_000; i++) {
    line(`s${i}`, 3 * i, start(`r${i}`));
    line(`s${i}`, 3 * i + 1, end(`r${i}`));
    line(`s${i}`, 3 * i + 2, report(`r${i}`, 1));
    most = Math.max(most, analyzer.find('capped')?.streamCount ?? 0);
  }
  analyzer.flush();
  assert.ok(most <= 64, `${most} streams at once`);
  assert.equal(invocations.length, 1_000);
  assert.equal(new Set(invocations.map((i) => i.requestId)).size, 1_000);
  assert.equal(analyzer.find('capped')?.incomplete, 0);
});

test('a batch of evictions takes finished streams only; a request in progress goes alone, and only when it must', () => {
  const { analyzer, line } = capped(32);
  line('done', 0, start('d0'));
  line('done', 1, end('d0'));
  line('done', 2, report('d0', 1));
  for (let i = 0; i < 31; i++) line(`s${i}`, 10 + i, start(`r${i}`));
  const monitor = analyzer.find('capped');
  // Full: the next stream makes room. A batch would be two streams, but only one has finished.
  line('new1', 100, start('n1'));
  assert.equal(monitor?.incomplete, 0, 'no request in progress was evicted');
  assert.equal(monitor?.streamCount, 32);
  // Full of requests in progress: exactly one (the quietest) goes.
  line('new2', 101, start('n2'));
  assert.equal(monitor?.incomplete, 1);
  assert.equal(monitor?.streamCount, 32);
});
