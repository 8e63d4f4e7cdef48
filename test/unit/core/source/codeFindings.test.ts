import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { VirtualClock } from '../../../../src/core/clock';
import { computeCodeFindings, lensTitle } from '../../../../src/core/source/codeFindings';
import { WorkspaceIndex } from '../../../../src/core/source/workspaceIndex';
import { AccountWatch } from '../../../../src/core/watch/accountWatch';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { MemoryWorkspace } from './memoryWorkspace';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;
const workspace = MemoryWorkspace.fromDirectory(join(__dirname, '..', '..', '..', 'workspace'));

async function demoFindings() {
  const clock = new VirtualClock(T0);
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: new DemoAccount({ clock, seed: 42, historyMs: HOUR }), clock, thresholdMs: (n) => (n === 'notifier' ? 50 : undefined) });
  await watch.poller.runCycle();
  const snapshot = watch.snapshot(HOUR);
  const functions = snapshot.functions.map((view) => ({ profile: 'Demo', region: 'us-east-1', view }));
  return { snapshot, result: await computeCodeFindings(functions, new WorkspaceIndex(workspace), { now: T0, windowLabel: 'in the last hour', windowShort: '1 h' }) };
}

test('the demo account on the sample workspace: a lens on every handler, diagnostics on the handler and on the lines that threw', async () => {
  const { result, snapshot } = await demoFindings();
  const lensFiles = result.lenses.map((l) => `${l.functionName} → ${l.file}:${l.line + 1}`).sort();
  assert.equal(result.lenses.length, 7, lensFiles.join('\n'));
  assert.ok(lensFiles.includes('checkout-api → checkout-api/src/index.ts:25') || lensFiles.some((l) => l.startsWith('checkout-api → checkout-api/src/index.ts:')), lensFiles.join('\n'));
  const checkoutLens = result.lenses.find((l) => l.functionName === 'checkout-api');
  assert.match(checkoutLens?.title ?? '', /^λ checkout-api · p99 .+ · \d+ errors in 1 h · .+% cold · \$.+\/mo · last error .+$/);
  const idle = result.lenses.find((l) => l.functionName === 'legacy-cron');
  assert.equal(idle?.title, 'λ legacy-cron · idle in the last 1 h');

  // The TypeError thrown in priceOrder: /var/task/src/orders.js:42 → orders.ts line 64 through the source map.
  const typeError = result.findings.find((f) => f.file === 'checkout-api/src/orders.ts' && f.message.startsWith('TypeError'));
  assert.ok(typeError, result.findings.map((f) => `${f.file}:${f.line + 1} ${f.message}`).join('\n'));
  assert.equal(typeError.line + 1, 64);
  assert.equal(typeError.severity, 'error');
  assert.match(typeError.message, /— \d+× in checkout-api in the last hour, last .+ ago$/);
  assert.deepEqual(typeError.related.map((r) => `${r.file}:${r.line + 1}`), ['checkout-api/src/index.ts:30']);
  // A handled error is a warning on its line.
  const declined = result.findings.find((f) => f.message.startsWith('PaymentDeclinedError'));
  assert.equal(declined?.severity, 'warning');
  assert.equal(declined?.file, 'checkout-api/src/payments.ts');
  assert.equal((declined?.line ?? 0) + 1, 75);
  // The failing handler itself carries an error naming how often it failed.
  const handler = result.findings.find((f) => f.functionName === 'checkout-api' && f.file === checkoutLens?.file && f.line === checkoutLens.line);
  assert.match(handler?.message ?? '', /^checkout-api failed \d+× in the last hour \(\d+ issues\); most often /);
  // Python frames map line for line.
  assert.ok(result.findings.some((f) => f.file.startsWith('image-resizer/') && f.file.endsWith('.py')));
  // Every issue of every function in the window produced at most one frame finding.
  const issues = snapshot.functions.reduce((n, f) => n + (f.report?.issues.length ?? 0), 0);
  assert.ok(result.findings.filter((f) => f.fingerprint).length <= issues + snapshot.functions.length);
});

test('a lens title for a function without traffic, and one whose errors are all handled', () => {
  const view = { name: 'x', status: {} as never, health: { level: 'ok' as const, reasons: [] }, findings: [] };
  assert.equal(lensTitle({ ...view, report: undefined }, '15 min', T0), 'λ x · idle in the last 15 min');
});
