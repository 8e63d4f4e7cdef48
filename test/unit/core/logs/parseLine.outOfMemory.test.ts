// The language runtimes' own out-of-memory messages (the strings DataDog's forwarder matches).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { REQUEST_ID as RID, TIME, asApp, compact } from './helpers';

describe('out-of-memory messages', () => {
  test('Node FATAL line from the DataDog fixture (space separated prefix)', () => {
    const line = asApp(parseLine('2020-06-09T15:02:26.150Z 7c9567b5-107b-4a6c-8798-0157ac21db52 FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - JavaScript heap out of memory'));
    assert.deepEqual([line.level, line.outOfMemory, line.error?.type], ['ERROR', true, 'OutOfMemory']);
  });

  test("V8's own stderr line, unprefixed, with the GC summary before it in the same event", () => {
    const message = '<--- Last few GCs --->\r\r[8:0x6c1d6e0]    11873 ms: Mark-Compact 251.6 (258.3) -> 250.9 (258.5) MB\r\rFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';
    const line = asApp(parseLine(message));
    assert.deepEqual([line.level, line.outOfMemory, line.error?.type], ['ERROR', true, 'OutOfMemory']);
  });

  test('Go: fatal error: runtime: out of memory', () => {
    assert.deepEqual(compact(parseLine('fatal error: runtime: out of memory')), {
      kind: 'app',
      level: 'ERROR',
      text: 'fatal error: runtime: out of memory',
      error: { type: 'OutOfMemory', message: 'fatal error: runtime: out of memory', frames: [] },
      outOfMemory: true,
    });
  });

  test('Java: Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', () => {
    const line = asApp(parseLine('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space'));
    assert.deepEqual([line.level, line.outOfMemory], ['ERROR', true]);
  });

  test('Java: java.lang.OutOfMemoryError as the headline of a stack trace keeps its type and frames', () => {
    const message = 'java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tat com.example.ReportHandler.handleRequest(ReportHandler.java:42)';
    const line = asApp(parseLine(message));
    assert.deepEqual([line.level, line.outOfMemory, line.error?.type, line.error?.message], ['ERROR', true, 'java.lang.OutOfMemoryError', 'Java heap space']);
    assert.deepEqual(line.error?.frames.map((f) => [f.function, f.file, f.line, f.inApp]), [
      ['java.base/java.util.Arrays.copyOf', 'Arrays.java', 3537, false],
      ['com.example.ReportHandler.handleRequest', 'ReportHandler.java', 42, true],
    ]);
  });

  test('Java error document with type java.lang.OutOfMemoryError', () => {
    const line = asApp(parseLine('{"errorMessage":"Java heap space","errorType":"java.lang.OutOfMemoryError","stackTrace":[]}'));
    assert.deepEqual([line.failure, line.outOfMemory, line.error?.type], [true, true, 'java.lang.OutOfMemoryError']);
  });

  test('Ruby: failed to allocate memory (NoMemoryError)', () => {
    assert.equal(asApp(parseLine('failed to allocate memory (NoMemoryError)')).outOfMemory, true);
  });

  test('Python MemoryError as the uncaught error type', () => {
    const line = asApp(parseLine('[ERROR] MemoryError\rTraceback (most recent call last):\r\u00a0\u00a0File "/var/task/app.py", line 5, in handler'));
    assert.deepEqual([line.failure, line.outOfMemory, line.error?.type], [true, true, 'MemoryError']);
  });

  test('Python MemoryError logged with logger.exception (handled) still flags out of memory', () => {
    const text = 'could not build report\nTraceback (most recent call last):\n  File "/var/task/app.py", line 9, in handler\n    rows = load_all()\nMemoryError';
    const line = asApp(parseLine(`[ERROR]\t${TIME}\t${RID}\t${text}`));
    assert.deepEqual([line.failure, line.outOfMemory, line.error?.type], [undefined, true, 'MemoryError']);
  });

  test('Python JSON uncaught record with errorType MemoryError', () => {
    const line = asApp(parseLine(JSON.stringify({ timestamp: TIME, log_level: 'ERROR', errorMessage: '', errorType: 'MemoryError', requestId: RID, stackTrace: [] })));
    assert.deepEqual([line.requestId, line.failure, line.outOfMemory, line.error?.type], [RID, true, true, 'MemoryError']);
  });

  test('Node Invoke Error document whose message is the heap message', () => {
    const doc = JSON.stringify({ errorType: 'Error', errorMessage: 'JavaScript heap out of memory', stack: ['Error: JavaScript heap out of memory'] });
    assert.equal(asApp(parseLine(`${TIME}\t${RID}\tERROR\tInvoke Error \t${doc}`)).outOfMemory, true);
  });

  test('ordinary error lines are not out of memory', () => {
    assert.equal(asApp(parseLine(`${TIME}\t${RID}\tERROR\tTypeError: x is not a function\r    at h (/var/task/a.js:1:1)`)).outOfMemory, false);
    assert.equal(asApp(parseLine('[ERROR] KeyError: \'memory\'')).outOfMemory, false);
    assert.equal(asApp(parseLine('memory usage at 512 MB')).outOfMemory, undefined);
  });
});
