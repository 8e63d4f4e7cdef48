// Text-format platform lines: START / END / REPORT / XRAY / INIT_START / INIT_REPORT.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLine } from '../../../../src/core/logs/parseLine';
import { compact } from './helpers';

const RID = '4ce9340a-b765-490f-ad8a-02ab3415e2bf';

describe('START and END', () => {
  test('START with $LATEST, as GetLogEvents returns it (trailing \\n)', () => {
    assert.deepEqual(compact(parseLine(`START RequestId: ${RID} Version: $LATEST\n`)), {
      kind: 'start',
      requestId: RID,
      version: '$LATEST',
    });
  });

  test('START with a numbered version', () => {
    assert.deepEqual(compact(parseLine(`START RequestId: ${RID} Version: 8\n`)), { kind: 'start', requestId: RID, version: '8' });
  });

  test('START without a Version part still names the request', () => {
    assert.deepEqual(compact(parseLine(`START RequestId: ${RID}`)), { kind: 'start', requestId: RID });
  });

  test('END with trailing \\n', () => {
    assert.deepEqual(compact(parseLine(`END RequestId: ${RID}\n`)), { kind: 'end', requestId: RID });
  });
});

describe('REPORT', () => {
  test('tab separated, space before a tab, trailing \\t and \\n (raw GetLogEvents message)', () => {
    const message = `REPORT RequestId: ${RID}\tDuration: 26.73 ms\tBilled Duration: 27 ms \tMemory Size: 128 MB\tMax Memory Used: 75 MB\t\n`;
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: RID,
      durationMs: 26.73,
      billedDurationMs: 27,
      memorySizeMb: 128,
      maxMemoryUsedMb: 75,
    });
  });

  test('space separated with double spaces (DataDog standard_report)', () => {
    const message = 'REPORT RequestId: 8edab1f8-7d34-4a8e-a965-15ccbbb78d4c Duration: 0.62 ms  Billed Duration: 100 ms Memory Size: 128 MB Max Memory Used: 51 MB';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: '8edab1f8-7d34-4a8e-a965-15ccbbb78d4c',
      durationMs: 0.62,
      billedDurationMs: 100,
      memorySizeMb: 128,
      maxMemoryUsedMb: 51,
    });
  });

  test('Init Duration marks the cold start (space separated, DataDog cold_start_report)', () => {
    const message = 'REPORT RequestId: 8edab1f8-7d34-4a8e-a965-15ccbbb78d4c Duration: 0.81 ms  Billed Duration: 100 ms Memory Size: 128 MB Max Memory Used: 90 MB  Init Duration: 1234 ms';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: '8edab1f8-7d34-4a8e-a965-15ccbbb78d4c',
      durationMs: 0.81,
      billedDurationMs: 100,
      memorySizeMb: 128,
      maxMemoryUsedMb: 90,
      initDurationMs: 1234,
    });
  });

  test('Init Duration, tab separated', () => {
    const message = `REPORT RequestId: ${RID}\tDuration: 198.50 ms\tBilled Duration: 200 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tInit Duration: 524.75 ms\t\n`;
    const line = parseLine(message);
    assert.equal(line.kind, 'report');
    assert.equal(line.kind === 'report' && line.initDurationMs, 524.75);
    assert.equal(line.kind === 'report' && line.durationMs, 198.5);
  });

  test('SnapStart: Restore Duration and Billed Restore Duration, no Init Duration', () => {
    const message = `REPORT RequestId: ${RID}\tDuration: 100.36 ms\tBilled Duration: 247 ms\tMemory Size: 512 MB\tMax Memory Used: 143 MB\tRestore Duration: 474.16 ms\tBilled Restore Duration: 146 ms\t\n`;
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: RID,
      durationMs: 100.36,
      billedDurationMs: 247,
      memorySizeMb: 512,
      maxMemoryUsedMb: 143,
      restoreDurationMs: 474.16,
      billedRestoreDurationMs: 146,
    });
  });

  test('Status: timeout', () => {
    const message = `REPORT RequestId: ${RID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout\n`;
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: RID,
      durationMs: 3000,
      billedDurationMs: 3000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 60,
      status: 'timeout',
    });
  });

  test('Init Duration, then Status: error and Error Type: Runtime.OutOfMemory (browse-dot-show line)', () => {
    const message =
      'REPORT RequestId: 806ab12b-e660-4a4a-8d9a-eee01e457f98\tDuration: 376256.59 ms\tBilled Duration: 376257 ms\tMemory Size: 10239 MB\tMax Memory Used: 10239 MB\tInit Duration: 551.73 ms\tStatus: error\tError Type: Runtime.OutOfMemory';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: '806ab12b-e660-4a4a-8d9a-eee01e457f98',
      durationMs: 376256.59,
      billedDurationMs: 376257,
      memorySizeMb: 10239,
      maxMemoryUsedMb: 10239,
      initDurationMs: 551.73,
      status: 'error',
      errorType: 'Runtime.OutOfMemory',
    });
  });

  test('Status and Error Type separated by spaces', () => {
    const message = `REPORT RequestId: ${RID} Duration: 12.50 ms Billed Duration: 13 ms Memory Size: 128 MB Max Memory Used: 60 MB Status: error Error Type: Runtime.ExitError`;
    const line = compact(parseLine(message));
    assert.deepEqual(
      line.kind === 'report' ? { status: line.status, errorType: line.errorType, durationMs: line.durationMs } : line,
      { status: 'error', errorType: 'Runtime.ExitError', durationMs: 12.5 },
    );
  });

  test('the XRAY part after an embedded \\n belongs to the same event', () => {
    const message =
      'REPORT RequestId: 814ba7cb-071e-4181-9a09-fa41db5bccad\tDuration: 1711.87 ms\tBilled Duration: 1800 ms\tMemory Size: 128 MB\tMax Memory Used: 98 MB\t\nXRAY TraceId: 1-5d83c0ad-b8eb33a0b1de97d804fac890\tSegmentId: 31255c3b19bd3637\tSampled: true\t\n';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: '814ba7cb-071e-4181-9a09-fa41db5bccad',
      durationMs: 1711.87,
      billedDurationMs: 1800,
      memorySizeMb: 128,
      maxMemoryUsedMb: 98,
      xrayTraceId: '1-5d83c0ad-b8eb33a0b1de97d804fac890',
    });
  });

  test('XRAY fields on the same line (nodejs-logging doc sample)', () => {
    const message =
      'REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02xmpl480aed55ef0\tSegmentId: 3d752xmpl1bbe37e\tSampled: true';
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: 'c793869b-ee49-115b-a5b6-4fd21e8dedac',
      durationMs: 128.83,
      billedDurationMs: 200,
      memorySizeMb: 128,
      maxMemoryUsedMb: 74,
      initDurationMs: 166.62,
      xrayTraceId: '1-5d9d007f-0a8c7fd02xmpl480aed55ef0',
    });
  });

  test('Max Memory Used above Memory Size is kept as written (old OOM sign)', () => {
    const message = 'REPORT RequestId: 16f8d3a2-26fc-11e8-bca6-73dbc61c39e7 Duration: 24792.85 ms Billed Duration: 24800 ms Memory Size: 128 MB Max Memory Used: 129 MB';
    const line = parseLine(message);
    assert.deepEqual(line.kind === 'report' ? [line.memorySizeMb, line.maxMemoryUsedMb] : line, [128, 129]);
  });

  test('a REPORT with no Duration field is not a report', () => {
    assert.deepEqual(compact(parseLine('REPORT RequestId: abc')), { kind: 'app', text: 'REPORT RequestId: abc' });
    assert.deepEqual(compact(parseLine('REPORT RequestId: abc\tMemory Size: 128 MB\n')), { kind: 'app', text: 'REPORT RequestId: abc\tMemory Size: 128 MB' });
  });
});

describe('XRAY line on its own', () => {
  test('tab separated (golang-logging doc, split export)', () => {
    assert.deepEqual(compact(parseLine('XRAY TraceId: 1-5e7d7595-212fxmpl9ee07c4884191322\tSegmentId: 42ffxmpl0645f474\tSampled: true')), {
      kind: 'xray',
      traceId: '1-5e7d7595-212fxmpl9ee07c4884191322',
    });
  });

  test('space separated (python-logging doc)', () => {
    assert.deepEqual(compact(parseLine('XRAY TraceId: 1-5e34a614-10bdxmplf1fb44f07bc535a1   SegmentId: 07f5xmpl2d1f6f85 Sampled: true')), {
      kind: 'xray',
      traceId: '1-5e34a614-10bdxmplf1fb44f07bc535a1',
    });
  });
});

describe('INIT_START', () => {
  test('tab separated, trailing \\n (raw GetLogEvents)', () => {
    assert.deepEqual(compact(parseLine('INIT_START Runtime Version: nodejs:16.v14\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:***\n')), {
      kind: 'initStart',
      runtimeVersion: 'nodejs:16.v14',
    });
  });

  test('several spaces instead of a tab (runtime-management doc)', () => {
    const message =
      'INIT_START Runtime Version: python:3.13.v14    Runtime Version ARN: arn:aws:lambda:eu-south-1::runtime:7b620fc2e66107a1046b140b9d320295811af3ad5d4c6a011fad1fa65127e9e6I';
    assert.deepEqual(compact(parseLine(message)), { kind: 'initStart', runtimeVersion: 'python:3.13.v14' });
  });
});

describe('INIT_REPORT', () => {
  test('Phase: init, Status: error, Error Type (tab separated)', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError\n')), {
      kind: 'initReport',
      phase: 'init',
      initDurationMs: 150.79,
      status: 'error',
      errorType: 'Runtime.UserCodeSyntaxError',
    });
  });

  test('Phase: invoke (the init retried inside the first invoke)', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 1329.49 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.UserCodeSyntaxError')), {
      kind: 'initReport',
      phase: 'invoke',
      initDurationMs: 1329.49,
      status: 'error',
      errorType: 'Runtime.UserCodeSyntaxError',
    });
  });

  test('Status: timeout without an Error Type, separated by runs of spaces', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 9999.79 ms    Phase: init    Status: timeout')), {
      kind: 'initReport',
      phase: 'init',
      initDurationMs: 9999.79,
      status: 'timeout',
    });
  });

  test('single and triple spaces mixed', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 10.17 ms Phase: init Status: error   Error Type: Runtime.ExitError')), {
      kind: 'initReport',
      phase: 'init',
      initDurationMs: 10.17,
      status: 'error',
      errorType: 'Runtime.ExitError',
    });
  });

  test('Runtime.Unknown from a Python import failure, SAM-style spacing', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 1712.41 ms   Phase: invoke   Status: error   Error Type: Runtime.Unknown')), {
      kind: 'initReport',
      phase: 'invoke',
      initDurationMs: 1712.41,
      status: 'error',
      errorType: 'Runtime.Unknown',
    });
  });

  test('SnapStart INIT_REPORT with only Init Duration and Phase', () => {
    assert.deepEqual(compact(parseLine('INIT_REPORT Init Duration: 312.08 ms\tPhase: init\n')), { kind: 'initReport', phase: 'init', initDurationMs: 312.08 });
  });
});
