import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { VirtualClock } from '../../../../src/core/clock';
import type { Finding } from '../../../../src/core/insights/findings';
import type { WatchedFunction } from '../../../../src/core/source/codeFindings';
import { computeTemplateFindings, templateFindingMessage } from '../../../../src/core/source/templateFindings';
import { WorkspaceIndex } from '../../../../src/core/source/workspaceIndex';
import { AccountWatch } from '../../../../src/core/watch/accountWatch';
import { DemoAccount } from '../../../../src/demo/demoAccount';
import { MemoryWorkspace } from './memoryWorkspace';

const T0 = Date.UTC(2026, 10, 26, 10);
const HOUR = 3_600_000;
const workspace = MemoryWorkspace.fromDirectory(join(__dirname, '..', '..', '..', 'workspace'));

/** The demo account's functions as the watch's snapshot gives them, its findings included (nothing filled in here). */
async function demoWatched(): Promise<WatchedFunction[]> {
  const clock = new VirtualClock(T0);
  const watch = new AccountWatch({ profile: 'Demo', region: 'us-east-1', sources: new DemoAccount({ clock, seed: 42, historyMs: HOUR }), clock });
  await watch.poller.runCycle();
  return watch.snapshot(HOUR).functions.map((view) => ({ profile: 'Demo', region: 'us-east-1', view }));
}

const readText = (file: string): Promise<string | undefined> => workspace.readText(file);

test('the demo account on the sample template: report-generator’s memory finding sits on its MemorySize line', async () => {
  const watched = await demoWatched();
  // The watch's own findings: report-generator's memory finding is among them.
  const fromWatch = watched.find((w) => w.view.name === 'report-generator')?.view.findings.find((f) => f.id === 'memory.overProvisioned');
  assert.ok(fromWatch, `the watch gives report-generator no memory.overProvisioned finding: ${JSON.stringify(watched.map((w) => [w.view.name, w.view.findings.map((f) => f.id)]))}`);
  const found = await computeTemplateFindings(watched, new WorkspaceIndex(workspace), readText, new Set());
  assert.ok(found.length > 0, 'no finding placed');
  const memory = found.find((f) => f.functionName === 'report-generator' && f.code === 'memory.overProvisioned');
  assert.ok(memory, found.map((f) => `${f.functionName} ${f.code} ${f.file}:${f.range.start.line + 1}`).join('\n'));
  assert.equal(memory.finding, fromWatch, 'the finding placed is the one the watch gave');
  // Every finding placed is one the watch gave that function.
  for (const f of found) assert.ok(watched.find((w) => w.view.name === f.functionName)?.view.findings.includes(f.finding), `${f.functionName} ${f.code} is not among the watch's findings`);
  const text = (await workspace.readText('template.yaml')) ?? '';
  assert.equal(memory.file, 'template.yaml');
  assert.equal(memory.where, 'own');
  assert.equal(text.split('\n')[memory.range.start.line], '      MemorySize: 2048');
  assert.equal(memory.severity, 'info');
  assert.equal(memory.message, `${memory.finding.title} — ${memory.finding.evidence}. ${memory.finding.fix} (report-generator · ${memory.profile} · ${memory.region})`);
  assert.equal(typeof memory.finding.recommended, 'number');
  // Every finding placed is on a template of the workspace.
  assert.ok(found.every((f) => f.file === 'template.yaml' || f.file === 'legacy/serverless.yml'));
});

test('rules turned off are left out; functions not declared in the workspace are skipped', async () => {
  const watched = await demoWatched();
  const on = await computeTemplateFindings(watched, new WorkspaceIndex(workspace), readText, new Set());
  assert.ok(on.some((f) => f.code === 'memory.overProvisioned'), 'placed while the rule is on');
  const off = await computeTemplateFindings(watched, new WorkspaceIndex(workspace), readText, new Set(['memory.overProvisioned']));
  assert.ok(!off.some((f) => f.code === 'memory.overProvisioned'));
  assert.deepEqual(off, on.filter((f) => f.code !== 'memory.overProvisioned'), 'the other rules are still placed');
  const none = await computeTemplateFindings(watched, new WorkspaceIndex(new MemoryWorkspace({})), readText, new Set());
  assert.deepEqual(none, []);
});

test('a finding without a property is placed on the function’s declaration; the message is one line', async () => {
  const [first] = await demoWatched();
  assert.ok(first);
  const finding: Finding = { id: 'logs.noRetention', title: 'Logs kept forever', severity: 'info', evidence: 'no retention\nat all', why: 'w', fix: 'Set one.' };
  const watched: WatchedFunction = { ...first, view: { ...first.view, name: 'legacy-cron', status: { ...first.view.status, config: { ...first.view.status.config, name: 'legacy-cron', runtime: 'nodejs20.x', handler: 'index.handler' } }, findings: [finding] } };
  const [placed] = await computeTemplateFindings([watched], new WorkspaceIndex(workspace), readText, new Set());
  assert.equal(placed?.file, 'legacy/serverless.yml');
  assert.equal(placed.where, 'declaration');
  assert.equal(((await workspace.readText('legacy/serverless.yml')) ?? '').split('\n')[placed.range.start.line], '  cron:');
  assert.equal(templateFindingMessage(finding), 'Logs kept forever — no retention at all. Set one.');
});
