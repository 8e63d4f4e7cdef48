// Lines that name a request other than the one running: they must never end it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Invocation } from '../../../../src/core/invocation';
import type { ErrorInfo } from '../../../../src/core/logs/parsedLine';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { StreamAssembler } from '../../../../src/core/logs/streamAssembler';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const iso = (t: number): string => new Date(t).toISOString();
const rid = (n: number): string => `${String(n).padStart(8, '0')}-aaaa-4aaa-8aaa-000000000000`;

function run(lines: ReadonlyArray<readonly [number, string]>): { invocations: Invocation[]; late: Array<{ requestId: string; error: ErrorInfo }>; incomplete: number } {
  const invocations: Invocation[] = [];
  const late: Array<{ requestId: string; error: ErrorInfo }> = [];
  const assembler = new StreamAssembler('fn', 'stream', {
    invocation: (i) => invocations.push(i),
    initFailure: () => undefined,
    lateError: (_f, requestId, _t, error) => late.push({ requestId, error }),
  }, { settleMs: 2_000 });
  for (const [t, m] of lines) assembler.accept(parseLine(m), t);
  return { invocations, late, incomplete: assembler.flush() };
}

function invocation(n: number, start: number): Array<readonly [number, string]> {
  return [
    [start, `START RequestId: ${rid(n)} Version: $LATEST\n`],
    [start + 5, `END RequestId: ${rid(n)}\n`],
    [start + 5, `REPORT RequestId: ${rid(n)}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`],
  ];
}

test('a late line of a long-finished request does not abandon the running one', () => {
  // Twenty finished requests push request 1 out of the assembler's short memory of recent ids.
  const lines = Array.from({ length: 20 }, (_, i) => invocation(i + 1, T0 + i * 100)).flat();
  const start = T0 + 5_000;
  lines.push([start, `START RequestId: ${rid(99)} Version: $LATEST\n`]);
  lines.push([start + 10, `${iso(start + 10)}\t${rid(1)}\tINFO\tbackground flush finished\n`]);
  lines.push([start + 11, `${iso(start + 11)}\t${rid(1)}\tERROR\tError: late failure of a background task\n`]);
  lines.push([start + 20, `END RequestId: ${rid(99)}\n`]);
  lines.push([start + 20, `REPORT RequestId: ${rid(99)}\tDuration: 20.00 ms\tBilled Duration: 20 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`]);
  const out = run(lines);
  assert.equal(out.invocations.length, 21);
  const running = out.invocations.find((i) => i.requestId === rid(99));
  assert.ok(running);
  assert.equal(running.status, 'success');
  assert.equal(running.durationMs, 20);
  assert.equal(out.incomplete, 0);
  assert.deepEqual(out.late.map((l) => [l.requestId, l.error.message]), [[rid(1), 'late failure of a background task']]);
});

test('a line for an unseen request is adopted when nothing runs (its START fell before the window)', () => {
  const out = run([
    [T0, `${iso(T0)}\t${rid(7)}\tINFO\tstill working\n`],
    [T0 + 30, `END RequestId: ${rid(7)}\n`],
    [T0 + 30, `REPORT RequestId: ${rid(7)}\tDuration: 812.00 ms\tBilled Duration: 812 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t\n`],
  ]);
  assert.equal(out.invocations.length, 1);
  assert.equal(out.invocations[0]?.requestId, rid(7));
  assert.equal(out.invocations[0]?.startTime, T0);
});
