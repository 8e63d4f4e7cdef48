// Bad, odd and hostile input: parseLine never throws, keeps the text as written, and does not let an
// application's words pass for platform lines.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLine } from '../../../../src/core/logs/parseLine';
import type { ParsedLine } from '../../../../src/core/logs/parsedLine';
import { REQUEST_ID as RID, TIME, asApp, compact } from './helpers';

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const KINDS = new Set(['start', 'end', 'report', 'initStart', 'initReport', 'runtimeDone', 'restoreReport', 'xray', 'timeout', 'runtimeExit', 'app']);

/** What every parse result must satisfy, whatever the input. */
function assertWellFormed(line: ParsedLine): void {
  assert.ok(KINDS.has(line.kind), `unknown kind ${String(line.kind)}`);
  for (const [key, value] of Object.entries(line)) {
    if (typeof value === 'number') assert.ok(Number.isFinite(value), `${key} is ${value}`);
  }
  if ('requestId' in line && line.requestId !== undefined) assert.ok(typeof line.requestId === 'string' && line.requestId.length > 0);
  if (line.kind === 'app') {
    assert.equal(typeof line.text, 'string');
    if (line.level !== undefined) assert.ok(LEVELS.has(line.level), `level ${String(line.level)}`);
    if (line.error) {
      assert.equal(typeof line.error.type, 'string');
      assert.equal(typeof line.error.message, 'string');
      assert.ok(Array.isArray(line.error.frames));
    }
  }
}

function timed(message: string): { line: ParsedLine; ms: number } {
  const start = performance.now();
  const line = parseLine(message);
  return { line, ms: performance.now() - start };
}

describe("an application's words are not platform lines", () => {
  test('a Node INFO line quoting a REPORT is an INFO line', () => {
    const quoted = `REPORT RequestId: ${RID}\tDuration: 26.73 ms\tBilled Duration: 27 ms\tMemory Size: 128 MB\tMax Memory Used: 75 MB`;
    assert.deepEqual(compact(parseLine(`${TIME}\t${RID}\tINFO\t${quoted}\n`)), { kind: 'app', requestId: RID, level: 'INFO', text: quoted });
  });

  test('a Python INFO line quoting START/END', () => {
    assert.deepEqual(compact(parseLine(`[INFO]\t${TIME}\t${RID}\tSTART RequestId: abc Version: 1`)), { kind: 'app', requestId: RID, level: 'INFO', text: 'START RequestId: abc Version: 1' });
  });

  test('REPORT RequestId: abc (no Duration) is text', () => {
    assert.deepEqual(compact(parseLine('REPORT RequestId: abc')), { kind: 'app', text: 'REPORT RequestId: abc' });
  });

  test('a JSON function record whose message quotes a platform event is the function record', () => {
    const message = JSON.stringify({ level: 'INFO', requestId: RID, message: '{"type":"platform.report","record":{"requestId":"x","metrics":{"durationMs":1}}}' });
    const line = parseLine(message);
    assert.equal(line.kind, 'app');
  });

  test('a Node INFO line holding JSON with level ERROR stays INFO', () => {
    assert.deepEqual(compact(parseLine(`${TIME}\t${RID}\tINFO\t{"level":"ERROR","message":"nested"}`)), {
      kind: 'app',
      requestId: RID,
      level: 'INFO',
      text: '{"level":"ERROR","message":"nested"}',
    });
  });
});

describe('bad input is text, never an exception', () => {
  const cases: Array<[string, string, string]> = [
    ['empty string', '', ''],
    ['lone \\n', '\n', ''],
    ['only whitespace', ' \t\r\n', ''],
    ['lone {', '{', '{'],
    ['broken JSON', '{"level":"ERROR","message":"unterminated', '{"level":"ERROR","message":"unterminated'],
    ['JSON array', '[1,2,3]', '[1,2,3]'],
    ['JSON null', 'null', 'null'],
    ['HTML', '<script>alert(document.cookie)</script>', '<script>alert(document.cookie)</script>'],
    ['ANSI colour escapes', '\u001b[31mERROR\u001b[0m connection reset', '\u001b[31mERROR\u001b[0m connection reset'],
    ['bidi override U+202E', 'invoice_\u202Efdp.exe', 'invoice_\u202Efdp.exe'],
    ['NUL and other control characters', 'a\u0000b\u0007c', 'a\u0000b\u0007c'],
    ['lone surrogate', 'x\uD800y', 'x\uD800y'],
    ['Go log line', '2018/03/13 20:21:44 unexpected EOF', '2018/03/13 20:21:44 unexpected EOF'],
  ];
  for (const [name, message, text] of cases) {
    test(name, () => {
      assert.deepEqual(compact(parseLine(message)), { kind: 'app', text });
    });
  }

  test('HTML, ANSI and bidi characters inside a Node line are kept verbatim (escaping is the view’s job)', () => {
    const text = 'paid \u202Egnp.exe <img src=x onerror=alert(1)> \u001b[2J';
    assert.deepEqual(compact(parseLine(`${TIME}\t${RID}\tINFO\t${text}`)), { kind: 'app', requestId: RID, level: 'INFO', text });
  });

  test('a JSON platform event with the wrong shapes everywhere', () => {
    for (const message of [
      '{"type":"platform.report","record":"x"}',
      '{"type":"platform.report","record":{"requestId":5,"metrics":[1,2]}}',
      '{"type":"platform.start","record":{"requestId":null}}',
      '{"type":5,"record":{}}',
      '{"errorType":{},"errorMessage":[],"stackTrace":"nope"}',
      '{"level":{},"message":null}',
      '{"errorType":"E","stackTrace":[null,1,{"path":7},["nested"]]}',
    ]) {
      assertWellFormed(parseLine(message));
    }
  });

  test('request ids made of prototype names do not matter', () => {
    assertWellFormed(parseLine('{"level":"INFO","requestId":"__proto__","message":"m"}'));
    assertWellFormed(parseLine('{"__proto__":{"level":"ERROR"},"message":"m"}'));
  });

  test('a level field spelled like an Object.prototype property is not a level', () => {
    for (const message of [`${TIME}\t${RID}\t__proto__\tmsg`, `${TIME}\t${RID}\tconstructor\tmsg`, `${TIME}\t${RID}\thasOwnProperty\tmsg`, `[toString]\t${TIME}\t${RID}\tmsg`]) {
      assert.deepEqual(compact(parseLine(message)), { kind: 'app', text: message });
    }
  });
});

describe('size', () => {
  const MB = 1 << 20;

  test('1 MB lines of every shape parse quickly and keep their text', () => {
    const inputs: Array<[string, string]> = [
      ['plain text', 'x'.repeat(MB)],
      ['words', 'lorem ipsum '.repeat(MB / 12)],
      ['Node INFO', `${TIME}\t${RID}\tINFO\t${'y'.repeat(MB)}`],
      ['Node ERROR with a long stack', `${TIME}\t${RID}\tERROR\tTypeError: x${'\r    at f (/var/task/a.js:1:2)'.repeat(MB / 32)}`],
      ['Python traceback', `[ERROR]\t${TIME}\t${RID}\tx\nTraceback (most recent call last):\n${'  File "/var/task/a.py", line 1, in f\n    g()\n'.repeat(MB / 44)}ValueError: v`],
      ['JSON record', JSON.stringify({ level: 'ERROR', requestId: RID, message: 'z'.repeat(MB) })],
      ['unterminated JSON', `{"message":"${'z'.repeat(MB)}`],
      ['REPORT padded with digits', `REPORT RequestId: ${RID} Duration: ${'1'.repeat(MB)}`],
    ];
    for (const [name, message] of inputs) {
      const { line, ms } = timed(message);
      assertWellFormed(line);
      assert.ok(ms < 2000, `${name}: ${ms.toFixed(0)} ms`);
    }
    const info = asApp(parseLine(`${TIME}\t${RID}\tINFO\t${'y'.repeat(MB)}`));
    assert.equal(info.text.length, MB);
  });

  // 32 KB is far below CloudWatch's event size limit. A linear parse takes about a millisecond; the
  // frame regexes once backtracked quadratically on such lines (about 1 s here, minutes at 1 MB).
  const WIDE = 32_000;
  test('a Node stack line with a long run of spaces', () => {
    const { ms } = timed(`${TIME}\t${RID}\tERROR\tTypeError: x\r    at f${' '.repeat(WIDE)}y`);
    assert.ok(ms < 250, `${ms.toFixed(0)} ms`);
  });

  test('a Python frame line with a long run of spaces', () => {
    const { ms } = timed(`[ERROR] KeyError: 'x'\rTraceback (most recent call last):\r  File "/var/task/a.py", line 1, in f${' '.repeat(WIDE)}x`);
    assert.ok(ms < 250, `${ms.toFixed(0)} ms`);
  });

  test('a Java frame line with a long run of spaces', () => {
    const { ms } = timed(`java.lang.IllegalStateException: x\n\tat a.b(${' '.repeat(WIDE)}x`);
    assert.ok(ms < 250, `${ms.toFixed(0)} ms`);
  });
});

describe('generated input', () => {
  test('any string: no exception, a well-formed result', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        assertWellFormed(parseLine(s));
      }),
      { numRuns: 2000 },
    );
  });

  // Fragments of the formats parseLine recognises, so that generated lines reach its inner branches.
  const fragment = fc.constantFrom(
    'START RequestId: ', 'END RequestId: ', 'REPORT RequestId: ', 'INIT_START ', 'INIT_REPORT ', 'XRAY TraceId: ', 'RequestId: ',
    'Duration: ', 'Billed Duration: ', 'Init Duration: ', 'Restore Duration: ', 'Memory Size: ', 'Max Memory Used: ', 'Status: ', 'Error Type: ', 'Phase: ',
    'Runtime Version: ', 'Task timed out after ', ' seconds', 'Error: ', 'Runtime exited with error: signal: killed', 'Runtime.ExitError', 'Process exited before completing request',
    ' ms', ' MB', '12.5', '0', '-1', '1e999', 'NaN', 'init', 'invoke', 'error', 'timeout', 'success',
    TIME, RID, 'undefined', '\t', ' ', '\n', '\r', '\u00a0', 'INFO', 'ERROR', 'FATAL', '[ERROR]', '[INFO]', '[WARNING]',
    'Invoke Error ', 'Uncaught Exception ', 'Unhandled Promise Rejection ', 'TypeError: ', 'Runtime.ImportModuleError: ', 'Traceback (most recent call last):',
    'File "/var/task/app.py", line 3, in h', '    at h (/var/task/a.js:1:2)', 'at a.B.c(B.java:9)', 'MemoryError', 'JavaScript heap out of memory',
    '{', '}', '[', ']', '"', ':', ',', '"type":"platform.report"', '"record":', '"metrics":{"durationMs":3}', '"requestId":"r"', '"level":"ERROR"', '"log_level":"ERROR"',
    '"errorType":"E"', '"errorMessage":"m"', '"stackTrace":["x"]', '"stack":[{"path":"p","line":1}]', '"message":{"errorType":"T"}',
  );

  test('strings made of log-format fragments: no exception, a well-formed result', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join('')), (s) => {
        assertWellFormed(parseLine(s));
      }),
      { numRuns: 3000 },
    );
  });

  test('a REPORT built from any durations reports exactly those values', () => {
    const amount = fc.integer({ min: 0, max: 99_999_999 }).map((n) => n / 100);
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 10_240 }), fc.integer({ min: 1, max: 10_240 }), fc.constantFrom('\t', ' ', '  ', ' \t'), (duration, size, used, sep) => {
        const billed = Math.ceil(duration);
        const message = `REPORT RequestId: ${RID}${sep}Duration: ${duration.toFixed(2)} ms${sep}Billed Duration: ${billed} ms${sep}Memory Size: ${size} MB${sep}Max Memory Used: ${used} MB${sep}\n`;
        assert.deepEqual(compact(parseLine(message)), { kind: 'report', requestId: RID, durationMs: duration, billedDurationMs: billed, memorySizeMb: size, maxMemoryUsedMb: used });
      }),
      { numRuns: 500 },
    );
  });
});
