// Every line of the public log samples (test/fixtures/logs/public, copied from the reference set
// with their `# source:` lines) goes through parseLine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLine } from '../../../../src/core/logs/parseLine';
import type { ReportLine } from '../../../../src/core/logs/parsedLine';
import { PUBLIC_SAMPLES, compact, fixtureLines, publicSampleFiles } from './helpers';

function reportsIn(file: string): Array<{ raw: string; line: ReturnType<typeof parseLine> }> {
  return fixtureLines(join(PUBLIC_SAMPLES, file))
    .filter((l) => l.startsWith('REPORT '))
    .map((raw) => ({ raw, line: parseLine(raw) }));
}

describe('public samples', () => {
  test('all eleven sample files are present and start with their source line', () => {
    const files = publicSampleFiles();
    assert.equal(files.length, 11);
    for (const file of files) {
      const first = readFileSync(join(PUBLIC_SAMPLES, file), 'utf8').split('\n')[0];
      assert.match(first ?? '', /^# source: /, file);
    }
  });

  for (const file of publicSampleFiles()) {
    test(`${file}: every line parses without throwing`, () => {
      const lines = fixtureLines(join(PUBLIC_SAMPLES, file));
      assert.ok(lines.length > 0);
      for (const line of lines) {
        const parsed = parseLine(line);
        assert.equal(typeof parsed.kind, 'string', line);
      }
    });
  }

  test('every line starting with `REPORT RequestId:` is a report whose duration is the written one', () => {
    let count = 0;
    for (const file of publicSampleFiles()) {
      for (const { raw, line } of reportsIn(file)) {
        count++;
        assert.equal(line.kind, 'report', raw);
        const written = Number(/Duration: ([\d.]+) ms/.exec(raw)?.[1]);
        assert.equal((line as ReportLine).durationMs, written, raw);
      }
    }
    assert.equal(count, 15, 'REPORT lines across the samples');
  });

  test('REPORT spot checks: exact values across runtimes and separators', () => {
    const byId = new Map<string, ReportLine>();
    for (const file of publicSampleFiles()) for (const { line } of reportsIn(file)) if (line.kind === 'report') byId.set(line.requestId, line);
    const pick = (id: string) => compact(byId.get(id));
    assert.deepEqual(pick('8f507cfc-xmpl-4697-b07a-ac58fc914c95'), {
      kind: 'report',
      requestId: '8f507cfc-xmpl-4697-b07a-ac58fc914c95',
      durationMs: 15.74,
      billedDurationMs: 16,
      memorySizeMb: 128,
      maxMemoryUsedMb: 56,
      initDurationMs: 130.49,
    });
    assert.deepEqual(pick('fe1467d6-1458-4e20-8e40-9aaa4be7a0f4'), {
      kind: 'report',
      requestId: 'fe1467d6-1458-4e20-8e40-9aaa4be7a0f4',
      durationMs: 3470.65,
      billedDurationMs: 3500,
      memorySizeMb: 128,
      maxMemoryUsedMb: 89,
    });
    assert.deepEqual(pick('89ba7dfa-72d1-4ad7-9dac-2214d1698697'), {
      kind: 'report',
      requestId: '89ba7dfa-72d1-4ad7-9dac-2214d1698697',
      durationMs: 4.42,
      billedDurationMs: 338,
      memorySizeMb: 1152,
      maxMemoryUsedMb: 75,
      initDurationMs: 333.05,
    });
    assert.deepEqual(pick('83269395-33ee-45a8-8a99-38f67b6faf72'), {
      kind: 'report',
      requestId: '83269395-33ee-45a8-8a99-38f67b6faf72',
      durationMs: 11.48,
      billedDurationMs: 12,
      memorySizeMb: 128,
      maxMemoryUsedMb: 10,
      status: 'error',
      errorType: 'Runtime.InvalidEntrypoint',
    });
    assert.deepEqual(pick('f8400400-dd9e-4025-b644-4c78df3287c7'), {
      kind: 'report',
      requestId: 'f8400400-dd9e-4025-b644-4c78df3287c7',
      durationMs: 1338.34,
      billedDurationMs: 1339,
      memorySizeMb: 128,
      maxMemoryUsedMb: 71,
      status: 'error',
      errorType: 'Runtime.UserCodeSyntaxError',
    });
    assert.deepEqual(
      ['6bc28136-xmpl-4365-b021-0ce6b2e64ab0', 'dbda340c-xmpl-4031-8810-11bb609b4c71', '50aba555-xmpl-4b21-8358-644ee996a05f', '16f8d3a2-26fc-11e8-bca6-73dbc61c39e7', '1c8df7d3-xmpl-46da-9778-518e6eca8125'].map(
        (id) => byId.get(id)?.durationMs,
      ),
      [198.5, 38.66, 12.96, 24792.85, 2.75],
    );
  });

  test('GetLogEvents messages in the nodejs-logging sample, decoded, give the invocation in order', () => {
    const messages = fixtureLines(join(PUBLIC_SAMPLES, 'aws-docs-nodejs-text-and-getlogevents.txt'))
      .map((l) => /^\s*"message": (".*"),$/.exec(l)?.[1])
      .filter((m): m is string => m !== undefined)
      .map((m) => JSON.parse(m) as string);
    assert.equal(messages.length, 5);
    assert.deepEqual(
      messages.map((m) => {
        const line = parseLine(m);
        return line.kind === 'app' ? [line.kind, line.level, line.requestId] : line.kind === 'report' ? [line.kind, line.durationMs, line.billedDurationMs] : [line.kind, 'requestId' in line ? line.requestId : null];
      }),
      [
        ['start', '4ce9340a-b765-490f-ad8a-02ab3415e2bf'],
        ['app', 'INFO', '4ce9340a-b765-490f-ad8a-02ab3415e2bf'],
        ['app', 'INFO', '4ce9340a-b765-490f-ad8a-02ab3415e2bf'],
        ['end', '4ce9340a-b765-490f-ad8a-02ab3415e2bf'],
        ['report', 26.73, 27],
      ],
    );
  });

  test('the @message of the Logs Insights sample, unescaped, is a REPORT', () => {
    const raw = fixtureLines(join(PUBLIC_SAMPLES, 'logs-insights-getqueryresults-sample.txt')).find((l) => l.includes("'REPORT"));
    const quoted = /value: '(.*)' \}$/.exec(raw ?? '')?.[1];
    assert.ok(quoted, 'found the REPORT @message');
    const message = quoted.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
    assert.deepEqual(compact(parseLine(message)), {
      kind: 'report',
      requestId: '76269889-7d50-4d6d-a3f1-9b4f5322f47c',
      durationMs: 14.97,
      billedDurationMs: 15,
      memorySizeMb: 128,
      maxMemoryUsedMb: 67,
    });
  });
});
