// JSON log format platform events ({"time","type":"platform.*","record"}).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { parseJsonPlatformEvent } from '../../../../src/core/logs/platformLines';
import { PUBLIC_SAMPLES, compact, fixtureLines } from './helpers';

const COLD_START = fixtureLines(join(PUBLIC_SAMPLES, 'json-format-cold-start-sequence.txt')).filter((l) => l.length > 0);
const DATADOG_JSON_REPORTS = fixtureLines(join(PUBLIC_SAMPLES, 'datadog-forwarder-test-fixtures.txt')).filter((l) => l.startsWith('{"time"'));
const RID = '4b142fc3-17b8-4cdb-a46b-a8dbe7918715';

describe('the cold-start sequence of a JSON-format Node.js function', () => {
  test('the sample holds the seven events this test expects', () => {
    assert.equal(COLD_START.length, 7);
  });

  test('platform.initStart', () => {
    assert.deepEqual(compact(parseLine(COLD_START[0]!)), { kind: 'initStart', runtimeVersion: 'nodejs:18.v28', initializationType: 'on-demand' });
  });

  test('platform.initRuntimeDone is not counted: an app line at DEBUG carrying the raw event', () => {
    assert.deepEqual(compact(parseLine(COLD_START[1]!)), { kind: 'app', level: 'DEBUG', text: COLD_START[1] });
  });

  test('platform.initReport', () => {
    assert.deepEqual(compact(parseLine(COLD_START[2]!)), { kind: 'initReport', phase: 'init', initDurationMs: 173.778, status: 'success' });
  });

  test('platform.start', () => {
    assert.deepEqual(compact(parseLine(COLD_START[3]!)), { kind: 'start', requestId: RID, version: '$LATEST' });
  });

  test("the function's own JSON record in between", () => {
    const line = parseLine(COLD_START[4]!);
    assert.deepEqual(compact({ ...line, text: undefined }), { kind: 'app', requestId: RID, level: 'INFO' });
    // Below ERROR the text may be the record as written (parsedLine.ts) or its message.
    assert.ok(line.kind === 'app' && [COLD_START[4], 'ENV 2024-05-20T16:29:42.891Z'].includes(line.text));
  });

  test('platform.runtimeDone', () => {
    assert.deepEqual(compact(parseLine(COLD_START[5]!)), { kind: 'runtimeDone', requestId: RID, status: 'success' });
  });

  test('platform.report with every metric', () => {
    assert.deepEqual(compact(parseLine(COLD_START[6]!)), {
      kind: 'report',
      requestId: RID,
      durationMs: 11.642,
      billedDurationMs: 12,
      memorySizeMb: 128,
      maxMemoryUsedMb: 67,
      initDurationMs: 174.055,
      status: 'success',
    });
  });

  test('a trailing \\n on the event does not matter', () => {
    assert.deepEqual(parseLine(`${COLD_START[6]!}\n`), parseLine(COLD_START[6]!));
  });
});

describe('platform.report (DataDog fixtures, json.dumps spacing)', () => {
  test('the sample holds three JSON reports', () => {
    assert.equal(DATADOG_JSON_REPORTS.length, 3);
  });

  test('cold start, status success', () => {
    assert.deepEqual(compact(parseLine(DATADOG_JSON_REPORTS[0]!)), {
      kind: 'report',
      requestId: '4d789d71-2f2c-4c66-a4b5-531a0223233d',
      durationMs: 0.81,
      billedDurationMs: 100,
      memorySizeMb: 128,
      maxMemoryUsedMb: 90,
      initDurationMs: 1234,
      status: 'success',
    });
  });

  test('status timeout', () => {
    assert.deepEqual(compact(parseLine(DATADOG_JSON_REPORTS[1]!)), {
      kind: 'report',
      requestId: 'b441820a-ebe5-4d5f-93bc-f945707b0225',
      durationMs: 30000,
      billedDurationMs: 30000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 74,
      initDurationMs: 985.413,
      status: 'timeout',
    });
  });

  test('Lambda Managed Instances: only durationMs (and spans)', () => {
    assert.deepEqual(compact(parseLine(DATADOG_JSON_REPORTS[2]!)), {
      kind: 'report',
      requestId: '4f423807-598d-47ae-9652-4f7ee31d4d10',
      durationMs: 2.524,
      status: 'success',
    });
  });
});

describe('platform.report statuses and optional metrics', () => {
  const report = (record: object) => JSON.stringify({ time: '2024-10-18T19:38:39.661Z', type: 'platform.report', record });

  test('status error with errorType', () => {
    const line = parseLine(report({ requestId: 'r-1', status: 'error', errorType: 'Runtime.OutOfMemory', metrics: { durationMs: 812.4, billedDurationMs: 813, memorySizeMB: 256, maxMemoryUsedMB: 256 } }));
    assert.deepEqual(compact(line), {
      kind: 'report',
      requestId: 'r-1',
      durationMs: 812.4,
      billedDurationMs: 813,
      memorySizeMb: 256,
      maxMemoryUsedMb: 256,
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
    });
  });

  test('status failure with errorType and no metrics object at all', () => {
    assert.deepEqual(compact(parseLine(report({ requestId: 'r-2', status: 'failure', errorType: 'Runtime.ExitError' }))), {
      kind: 'report',
      requestId: 'r-2',
      status: 'failure',
      errorType: 'Runtime.ExitError',
    });
  });

  test('SnapStart restoreDurationMs and billedRestoreDurationMs', () => {
    const line = parseLine(report({ requestId: 'r-3', status: 'success', metrics: { durationMs: 100.36, billedDurationMs: 247, memorySizeMB: 512, maxMemoryUsedMB: 143, restoreDurationMs: 474.16, billedRestoreDurationMs: 146 } }));
    assert.deepEqual(compact(line), {
      kind: 'report',
      requestId: 'r-3',
      durationMs: 100.36,
      billedDurationMs: 247,
      memorySizeMb: 512,
      maxMemoryUsedMb: 143,
      restoreDurationMs: 474.16,
      billedRestoreDurationMs: 146,
      status: 'success',
    });
  });

  test('metrics that are not finite numbers are dropped, not passed on', () => {
    assert.deepEqual(compact(parseLine(report({ requestId: 'r-4', metrics: { durationMs: '12', billedDurationMs: null, memorySizeMB: 128 } }))), {
      kind: 'report',
      requestId: 'r-4',
      memorySizeMb: 128,
    });
  });

  test('an unknown status value is left out', () => {
    assert.deepEqual(compact(parseLine(report({ requestId: 'r-5', status: 'succeeded', metrics: { durationMs: 1 } }))), { kind: 'report', requestId: 'r-5', durationMs: 1 });
  });

  test('a report without a requestId cannot be attributed: DEBUG app line', () => {
    const message = report({ metrics: { durationMs: 3 } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'app', level: 'DEBUG', text: message });
  });
});

describe('other platform events', () => {
  test('platform.runtimeDone with error and errorType', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.runtimeDone', record: { requestId: 'r-1', status: 'error', errorType: 'Runtime.ExitError', metrics: { durationMs: 5.1, producedBytes: 0 } } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'runtimeDone', requestId: 'r-1', status: 'error', errorType: 'Runtime.ExitError' });
  });

  test('platform.runtimeDone timeout', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.runtimeDone', record: { requestId: 'r-1', status: 'timeout' } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'runtimeDone', requestId: 'r-1', status: 'timeout' });
  });

  test('platform.initReport for the invoke phase, failed with an error type', () => {
    const message = JSON.stringify({
      time: 't',
      type: 'platform.initReport',
      record: { initializationType: 'on-demand', phase: 'invoke', status: 'error', errorType: 'Runtime.Unknown', metrics: { durationMs: 1712.41 } },
    });
    assert.deepEqual(compact(parseLine(message)), { kind: 'initReport', phase: 'invoke', initDurationMs: 1712.41, status: 'error', errorType: 'Runtime.Unknown' });
  });

  test('platform.initReport timeout', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.initReport', record: { initializationType: 'on-demand', phase: 'init', status: 'timeout', metrics: { durationMs: 9999.79 } } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'initReport', phase: 'init', initDurationMs: 9999.79, status: 'timeout' });
  });

  test('platform.initStart for SnapStart', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.initStart', record: { initializationType: 'snap-start', phase: 'init', runtimeVersion: 'java:21.v20', functionName: 'f', functionVersion: '3' } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'initStart', runtimeVersion: 'java:21.v20', initializationType: 'snap-start' });
  });

  test('platform.restoreReport', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.restoreReport', record: { status: 'success', metrics: { durationMs: 322.449 } } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'restoreReport', durationMs: 322.449, status: 'success' });
  });

  test('platform.restoreReport failure with errorType', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.restoreReport', record: { status: 'failure', errorType: 'Runtime.RestoreError', metrics: { durationMs: 10 } } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'restoreReport', durationMs: 10, status: 'failure', errorType: 'Runtime.RestoreError' });
  });

  test('platform.start with a version number', () => {
    const message = JSON.stringify({ time: 't', type: 'platform.start', record: { requestId: 'r-9', version: '8' } });
    assert.deepEqual(compact(parseLine(message)), { kind: 'start', requestId: 'r-9', version: '8' });
  });

  for (const type of ['platform.initRuntimeDone', 'platform.logsDropped', 'platform.restoreStart', 'platform.extension', 'platform.telemetrySubscription']) {
    test(`${type} is not counted: an app line at DEBUG`, () => {
      const message = JSON.stringify({ time: '2024-05-20T16:29:45.006Z', type, record: { reason: 'x', droppedRecords: 3, droppedBytes: 120, status: 'success' } });
      assert.deepEqual(compact(parseLine(message)), { kind: 'app', level: 'DEBUG', text: message });
    });
  }

  test('a platform event whose record is null does not throw', () => {
    const message = '{"time":"t","type":"platform.report","record":null}';
    assert.deepEqual(compact(parseLine(message)), { kind: 'app', level: 'DEBUG', text: message });
  });
});

describe('parseJsonPlatformEvent', () => {
  test('returns undefined for the types it does not count', () => {
    assert.equal(parseJsonPlatformEvent('platform.logsDropped', { droppedRecords: 1 }), undefined);
    assert.equal(parseJsonPlatformEvent('platform.start', {}), undefined);
  });
});
