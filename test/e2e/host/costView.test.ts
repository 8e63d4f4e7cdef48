// The Cost view and the explorer's findings with the Demo profile: the view's rows come from the same
// snapshots as the explorer; Show Finding opens the template line the diagnostic is on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToPanel } from '../../../src/shared/protocol';
import { suite, test, waitFor } from './harness';
import { demoSnapshot, withDemo } from './lambdascope';

const FIRST_POLL_MS = 60_000;

type Provider = vscode.TreeDataProvider<unknown>;

async function items(provider: Provider, parent?: unknown): Promise<Array<{ node: unknown; item: vscode.TreeItem }>> {
  const nodes = ((await provider.getChildren(parent)) ?? []) as unknown[];
  return Promise.all(nodes.map(async (node) => ({ node, item: await provider.getTreeItem(node) })));
}

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** The webview tabs of a panel type (the host prefixes the view type, e.g. "mainThreadWebview-lambdascope.function"). */
function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

suite('cost view and findings', () => {
  test(
    'the Cost view lists the Demo region: free tier, split, then its functions dearest first, each opening its panel',
    async () => {
      await withDemo('lambdascope.cost', async (s) => {
          const costTree = s.costTree as unknown as Provider;
          const regionRows = await waitFor(
            async () => {
              const [demo] = await items(costTree);
              if (!demo || label(demo.item) !== 'Demo') return undefined;
              const [region] = await items(costTree, demo.node);
              if (!region) return undefined;
              const rows = await items(costTree, region.node);
              return rows.some((r) => r.item.command?.command === 'lambdascope.openFunctionByName') ? { region, rows } : undefined;
            },
            'the Demo region with its functions in the Cost view',
            FIRST_POLL_MS,
          );
          assert.match(String(regionRows.region.item.description), /^\$\d+\.\d\d\/mo projected · \$[\d.]+ this window$/);
          const labels = regionRows.rows.map((r) => label(r.item));
          assert.match(labels[0] ?? '', /^Free tier: /);
          assert.match(labels[1] ?? '', /^Month: requests \$[\d.]+ · duration \$[\d.]+/);
          const functions = regionRows.rows.filter((r) => r.item.command?.command === 'lambdascope.openFunctionByName');
          const monthly = functions.map((f) => Number(/^\$([\d.]+)\/mo/.exec(String(f.item.description))?.[1]));
          assert.ok(monthly.every((v) => Number.isFinite(v)), JSON.stringify(functions.map((f) => f.item.description)));
          assert.deepEqual(monthly, [...monthly].sort((a, b) => b - a), 'dearest first');
          // The same figures as the explorer's snapshot of the function.
          const snapshot = demoSnapshot(s);
          const first = functions[0];
          assert.ok(first && snapshot);
          const view = snapshot.functions.find((f) => f.name === label(first.item));
          assert.ok(view?.report, `${label(first.item)} has a report`);
          assert.ok(String(first.item.description).startsWith(`$${view.report.cost.projectedMonthUsd.toFixed(2)}/mo`), `${String(first.item.description)} vs ${view.report.cost.projectedMonthUsd}`);
          assert.ok(labels.some((l) => /idle in this window/.test(l)), 'idle functions are counted');

          // The row's command, run with its arguments, opens that function's panel (as panels.test.ts checks one).
          const name = label(first.item);
          const command = first.item.command;
          assert.ok(command);
          assert.equal(command.command, 'lambdascope.openFunctionByName');
          assert.deepEqual(command.arguments, ['Demo', 'us-east-1', name]);
          const panelsOf = () => s.testing.panels.open.functions.filter((p) => p.ref.profile === 'Demo' && p.ref.region === 'us-east-1' && p.ref.functionName === name);
          assert.equal(panelsOf().length, 0, `a function panel for ${name} is open before its row's command runs`);
          await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
          const [panel] = panelsOf();
          assert.ok(panel, `${command.command} opened no function panel for ${name}`);
          await waitFor(() => panel.host.listening && panel.host.lastPosted.has('timeline'), 'the page to say ready and a `timeline` message to be posted', 30_000);
          const timeline = (panel.host.lastPosted.get('timeline') as Extract<HostToPanel, { type: 'timeline' }>).timeline;
          assert.equal(timeline.functionName, name);
          assert.equal(timeline.profile, 'Demo');
          assert.equal(timeline.region, 'us-east-1');
          const [tab] = webviewTabs('lambdascope.function');
          assert.equal(tab?.label, `λ ${name}`);
          assert.equal(tab?.isActive, true);
          await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      });
    },
    { timeoutMs: 120_000 },
  );

  test(
    'report-generator shows its over-provisioned finding in the explorer; Show Finding opens the template at its MemorySize line',
    async () => {
      await withDemo('lambdascope.functions', async (s) => {
          const tree = s.testing.tree as unknown as Provider;
          const finding = await waitFor(
            async () => {
              for (const root of await items(tree)) {
                for (const child of await items(tree, root.node)) {
                  const fns = label(child.item) === 'report-generator' ? [child] : (await items(tree, child.node)).filter((c) => label(c.item) === 'report-generator');
                  for (const fn of fns) {
                    const found = (await items(tree, fn.node)).find((c) => c.item.description === 'memory.overProvisioned');
                    if (found) return found;
                  }
                }
              }
              return undefined;
            },
            'the memory.overProvisioned finding under report-generator',
            FIRST_POLL_MS,
          );
          assert.match(label(finding.item), /^Memory over-provisioned: 2048 MB, \d+ MB used$/);
          assert.equal(finding.item.command?.command, 'lambdascope.showFinding');
          // Wait until the template diagnostics are placed, then Show Finding goes to that line.
          await waitFor(() => s.testing.templateFindings.current.find((f) => f.functionName === 'report-generator' && f.code === 'memory.overProvisioned'), 'the finding placed in template.yaml', FIRST_POLL_MS);
          await vscode.commands.executeCommand('lambdascope.showFinding', ...(finding.item.command?.arguments ?? []));
          const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/template.yaml') ? vscode.window.activeTextEditor : undefined), 'template.yaml in the editor');
          assert.equal(editor.document.lineAt(editor.selection.start.line).text.trim(), 'MemorySize: 2048');
          await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      });
    },
    { timeoutMs: 120_000 },
  );
});
