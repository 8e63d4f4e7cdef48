// "Analyze Log File…" splits a large file over worker threads inside the extension host on
// machines with 3 cores or more (CI's has 2, where it stays on one thread). This runs that split
// here, in the real extension host, with the worker script the extension ships (dist/), and checks
// that it gives exactly what one thread gives.
import * as assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { analyzeStream } from '../../../src/cli/analyzeCommand';
import { writeDemoLogs } from '../../../src/cli/demoLogsCommand';
import { stopIdleWorkers } from '../../../src/cli/parallelAnalyze';
import { suite, test } from './harness';
import { EXTENSION_ID } from './lambdascope';

suite('analyze split in the extension host', () => {
  test('two worker threads of dist/analyzeWorker.js give exactly the one-thread report', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const workerScript = join(extension.extensionPath, 'dist', 'analyzeWorker.js');
    const dir = mkdtempSync(join(tmpdir(), 'lambdascope-e2e-split-'));
    try {
      const path = join(dir, 'logs.jsonl');
      const out = createWriteStream(path);
      const events = await writeDemoLogs(out, { seed: 5, start: Date.UTC(2026, 10, 27, 9), durationMs: 20 * 60_000, hostileEvery: 300 });
      await new Promise<void>((resolve) => out.end(resolve));
      const one = await analyzeStream(createReadStream(path), { workerScript: false });
      const split = await analyzeStream(createReadStream(path), { workerScript, threads: 2, splitFromBytes: 1 });
      assert.equal(one.threads, 1);
      assert.equal(split.threads, 2, 'split over two worker threads');
      assert.equal(split.events, events);
      assert.deepEqual(split.report, one.report);
      assert.deepEqual(split.skipped, one.skipped);
      assert.ok(one.report.functions.length >= 3 && one.report.functions.some((f) => f.issues.length > 0));
    } finally {
      stopIdleWorkers();
      rmSync(dir, { recursive: true, force: true });
    }
  }, { timeoutMs: 120_000 });
});
