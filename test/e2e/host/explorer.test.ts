// The Functions explorer, the editor integration and the status bar, driven through the real
// `vscode` API with the built-in Demo profile (simulated traffic, no AWS). The runner strips AWS_*
// and uses a scratch HOME: there is no AWS profile, so the demo is the only thing watched.
//
// Runs before extension.test.ts ("explorer" < "extension"), in a window that opens on the file
// explorer: it turns the demo on before the Functions view is first shown, then shows it; the tests
// after it need the demo's first poll (each turns the demo on if it is off, so that one also runs
// alone with --grep); the last one turns the demo off again: the tree is empty (the welcome view).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../../src/vscode/commandIds';
import type { Services } from '../../../src/services';
import type { FunctionNode, ProfileNode, TreeNode } from '../../../src/vscode/tree/treeNodes';
import { suite, test, waitFor } from './harness';
import { demoSnapshot as demoSnapshotOf, EXTENSION_ID, services, setDemo, workspaceUri } from './lambdascope';
import { IssuesStatusBar } from '../../../src/vscode/statusBar';

/** The Demo profile's first poll (1 h of simulated history) plus the debounces of the tree (250 ms) and the code insights (500 ms). */
const FIRST_POLL_MS = 60_000;
const HOUR_MS = 60 * 60_000;
const PIN = '📌';
const DESCRIPTION = /^p99 .+ · \d+ issues · .+% cold · \$.+\/mo$/;

function describeNode(tree: Services['testing']['tree'], node: TreeNode): string {
  const item = tree.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : item.label?.label;
  return `${node.kind} ${label ?? '?'}${item.description ? ` (${String(item.description)})` : ''}`;
}

/** The Demo profile's row, once it is the (only) root. */
function demoRoot(tree: Services['testing']['tree']): ProfileNode | undefined {
  const roots = tree.getChildren();
  const root = roots[0];
  return roots.length === 1 && root?.kind === 'profile' && root.profile === 'Demo' ? root : undefined;
}

function functionNodes(tree: Services['testing']['tree']): FunctionNode[] {
  const root = demoRoot(tree);
  if (!root) return [];
  return tree.getChildren(root).filter((n): n is FunctionNode => n.kind === 'function');
}

function functionNode(tree: Services['testing']['tree'], name: string): FunctionNode | undefined {
  return functionNodes(tree).find((n) => n.view.name === name);
}

function description(tree: Services['testing']['tree'], node: TreeNode): string {
  return String(tree.getTreeItem(node).description ?? '');
}

/**
 * Turns the demo on (unless it is) with the view shown, so that watching starts, and waits until
 * the Demo profile's first poll shows in the tree: checkout-api has its health figures. Each test
 * calls it, so that one also runs alone (--grep).
 */
async function demoLoaded(): Promise<Services> {
  const s = await services();
  await vscode.commands.executeCommand('lambdascope.functions.focus');
  if (vscode.workspace.getConfiguration('lambdascope').get('demo.enabled') !== true) await setDemo(true);
  const tree = s.testing.tree;
  await waitFor(
    () => {
      const node = functionNode(tree, 'checkout-api');
      return node !== undefined && DESCRIPTION.test(description(tree, node));
    },
    () => `the Demo profile's first poll in the tree (roots now: ${JSON.stringify(tree.getChildren().map((n) => describeNode(tree, n)))})`,
    FIRST_POLL_MS,
  );
  return s;
}

suite('explorer', () => {
  test('registers every command of COMMAND_IDS', async () => {
    await services();
    const commands = new Set(await vscode.commands.getCommands(true));
    const missing = COMMAND_IDS.filter((id) => !commands.has(id));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, [...COMMAND_IDS].sort(), 'package.json contributes.commands differs from COMMAND_IDS');
  });

  test(
    'a demo turned on before the explorer was ever shown starts polling when the explorer shows',
    async () => {
      // The window opens on the file explorer: the Functions view has not been shown, so nothing
      // is watched yet. (Regression: the demo's watch was created then, and never started.)
      const s = await services();
      await vscode.commands.executeCommand('workbench.view.explorer');
      await setDemo(true);
      const demoWatch = (): boolean => s.testing.watches.state(HOUR_MS).snapshots.some((w) => w.profile === 'Demo');
      await waitFor(() => s.testing.watches.state(HOUR_MS).loaded && demoWatch(), 'the Demo profile to be added to the watches', 20_000);
      await vscode.commands.executeCommand('lambdascope.functions.focus');
      await waitFor(
        () => s.testing.watches.state(HOUR_MS).snapshots.some((w) => w.profile === 'Demo' && !w.loading && w.functions.length > 0),
        () => `the Demo profile's first poll (now: ${JSON.stringify(s.testing.watches.state(HOUR_MS).snapshots.map((w) => ({ profile: w.profile, loading: w.loading, functions: w.functions.length })))})`,
        FIRST_POLL_MS,
      );
    },
    { timeoutMs: FIRST_POLL_MS + 30_000 },
  );

  test(
    'with the demo on, the root is the Demo profile and its functions are listed failing first',
    async () => {
      const s = await demoLoaded();
      const tree = s.testing.tree;

      const root = demoRoot(tree);
      assert.ok(root);
      const rootItem = tree.getTreeItem(root);
      assert.equal(rootItem.label, 'Demo');
      assert.equal(rootItem.contextValue, 'profile.demo');

      const fns = functionNodes(tree);
      const names = fns.map((n) => n.view.name);
      for (const name of ['checkout-api', 'orders-worker', 'image-resizer', 'report-generator', 'notifier', 'pdf-exporter', 'legacy-cron']) {
        assert.ok(names.includes(name), `${name} is not in the tree: ${names.join(', ')}`);
      }
      // Failing first, then degraded, ok, idle.
      const rank = { failing: 0, degraded: 1, ok: 2, idle: 3 } as const;
      const levels = fns.map((n) => rank[n.view.health.level]);
      assert.deepEqual(levels, [...levels].sort((a, b) => a - b), `not sorted by health: ${fns.map((n) => `${n.view.name}=${n.view.health.level}`).join(', ')}`);
      assert.equal(fns[0]?.view.health.level, 'failing', 'the first function is not failing');

      const checkout = functionNode(tree, 'checkout-api');
      assert.ok(checkout);
      assert.equal(checkout.view.health.level, 'failing');
      const item = tree.getTreeItem(checkout);
      assert.match(String(item.description), DESCRIPTION);
      assert.equal(item.contextValue, 'function');
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.equal(item.command?.command, 'lambdascope.openFunction');

      for (const idle of ['legacy-cron', 'pdf-exporter']) {
        const node = functionNode(tree, idle);
        assert.ok(node, `${idle} is not in the tree`);
        assert.equal(description(tree, node), 'idle in this window', `${idle}'s description`);
        assert.equal(node.view.health.level, 'idle');
      }

      const children = tree.getChildren(checkout);
      const issues = children.filter((n) => n.kind === 'issue');
      assert.ok(issues.length > 0, `checkout-api has no issue rows: ${children.map((n) => describeNode(tree, n)).join('; ')}`);
      const declared = /(\d+) issues/.exec(String(item.description))?.[1];
      assert.equal(issues.length, Number(declared), 'the issue rows and the description disagree');
      for (const issue of issues) {
        const issueItem = tree.getTreeItem(issue);
        assert.equal(issueItem.contextValue, 'issue.open');
        assert.match(String(issueItem.description), /^[\d,]+× · /);
        assert.equal(issueItem.command?.command, 'lambdascope.showIssue');
      }
      assert.ok(
        issues.some((n) => n.kind === 'issue' && n.issue.title.startsWith('TypeError: Cannot read properties of undefined')),
        `no TypeError issue under checkout-api: ${issues.map((n) => describeNode(tree, n)).join('; ')}`,
      );
    },
    { timeoutMs: FIRST_POLL_MS + 30_000 },
  );

  test(
    'puts an error diagnostic on the line that threw (checkout-api/src/orders.ts:64)',
    async () => {
      await demoLoaded();
      const orders = workspaceUri('checkout-api/src/orders.ts');
      const diagnostic = await waitFor(
        () => vscode.languages.getDiagnostics(orders).find((d) => d.source === 'Lambdascope' && d.message.startsWith('TypeError: Cannot read properties of undefined')),
        () => `a Lambdascope TypeError diagnostic in orders.ts (now: ${JSON.stringify(vscode.languages.getDiagnostics(orders).map((d) => `${d.range.start.line}: ${d.message}`))})`,
        30_000,
      );
      assert.equal(diagnostic.range.start.line, 63, `the TypeError is on line ${diagnostic.range.start.line + 1}, not 64`);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /× in checkout-api in the last hour/);
      const doc = await vscode.workspace.openTextDocument(orders);
      assert.match(doc.lineAt(63).text, /order\.shipping!\.address\.country/, 'line 64 is not the one that reads the shipping address');
      const related = diagnostic.relatedInformation ?? [];
      assert.ok(
        related.some((r) => r.location.uri.path.endsWith('/checkout-api/src/index.ts')),
        `no related information in index.ts: ${JSON.stringify(related.map((r) => `${r.location.uri.path}:${r.location.range.start.line + 1} ${r.message}`))}`,
      );
    },
    { timeoutMs: 60_000 },
  );

  test(
    'warns of the handled PaymentDeclinedError in checkout-api/src/payments.ts:75, and flags the failing handler',
    async () => {
      await demoLoaded();
      const payments = workspaceUri('checkout-api/src/payments.ts');
      const warning = await waitFor(
        () => vscode.languages.getDiagnostics(payments).find((d) => d.source === 'Lambdascope' && d.message.includes('PaymentDeclinedError')),
        () => `a Lambdascope PaymentDeclinedError diagnostic in payments.ts (now: ${JSON.stringify(vscode.languages.getDiagnostics(payments).map((d) => `${d.range.start.line}: ${d.message}`))})`,
        30_000,
      );
      assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(warning.range.start.line, 74, `the PaymentDeclinedError is on line ${warning.range.start.line + 1}, not 75`);

      const index = workspaceUri('checkout-api/src/index.ts');
      const handlerLine = (await vscode.workspace.openTextDocument(index)).getText().split('\n').findIndex((l) => l.startsWith('export const handler'));
      const onHandler = vscode.languages.getDiagnostics(index).find((d) => d.source === 'Lambdascope' && d.message.startsWith('checkout-api failed'));
      assert.ok(onHandler, `no "checkout-api failed …" diagnostic in index.ts: ${JSON.stringify(vscode.languages.getDiagnostics(index).map((d) => d.message))}`);
      assert.equal(onHandler.range.start.line, handlerLine, 'the handler diagnostic is not on the handler');
      assert.equal(onHandler.severity, vscode.DiagnosticSeverity.Error);
    },
    { timeoutMs: 60_000 },
  );

  test(
    'shows a CodeLens above the handler: "λ checkout-api · p99 …"',
    async () => {
      await demoLoaded();
      const index = workspaceUri('checkout-api/src/index.ts');
      // The CodeLens command needs the document loaded (an "Illegal argument" otherwise).
      const doc = await vscode.workspace.openTextDocument(index);
      const lens = await waitFor(async () => {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', index)) ?? [];
        return lenses.find((l) => l.command?.title.startsWith('λ checkout-api · p99'));
      }, 'a "λ checkout-api · p99" CodeLens in checkout-api/src/index.ts', 30_000);
      const handlerLine = doc.getText().split('\n').findIndex((l) => l.startsWith('export const handler'));
      assert.equal(lens.range.start.line, handlerLine, `the lens is on line ${lens.range.start.line + 1}, the handler on ${handlerLine + 1}`);
      assert.match(lens.command?.title ?? '', /^λ checkout-api · p99 .+ · [\d,]+ errors? in 1 h · .+% cold · \$.+\/mo/);
      assert.equal(lens.command?.command, 'lambdascope.openFunctionByName');
      assert.deepEqual(lens.command?.arguments, ['Demo', 'us-east-1', 'checkout-api']);

      // Hovering the handler: the lens's figures and the invocations per 5 minutes as a sparkline
      // (the demo has traffic all hour: no span of the last 12 without invocations but the newest).
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', index, new vscode.Position(handlerLine, 14))) ?? [];
      // As shown: the Markdown's escapes taken out.
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
      assert.ok(text.includes(lens.command?.title.slice(0, 20) ?? '?'), `the hover does not show the lens's figures: ${text}`);
      const spark = /Invocations per 5 min, in the last hour: `([▁▂▃▄▅▆▇█]+)` \(at most ([\d,]+)\)/.exec(text);
      assert.ok(spark, `no sparkline in the hover: ${text}`);
      assert.ok((spark[1]?.length ?? 0) >= 11 && (spark[1]?.length ?? 0) <= 12, `${spark[1]?.length} spans`);
      assert.ok(Number((spark[2] ?? '0').replace(/,/g, '')) > 0, 'no invocation in any span');
      assert.ok(/[▂▃▄▅▆▇█]/.test(spark[1] ?? ''), 'a flat line');
      // Elsewhere in the file: no Lambdascope hover.
      const elsewhere = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', index, new vscode.Position(0, 0))) ?? [];
      assert.ok(!elsewhere.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Invocations per'))), 'a hover away from the handler');

      // An idle function's lens says so rather than showing zeros.
      const legacy = workspaceUri('legacy/index.js');
      await vscode.workspace.openTextDocument(legacy);
      const idle = await waitFor(async () => {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', legacy)) ?? [];
        return lenses.find((l) => l.command?.title.startsWith('λ legacy-cron'));
      }, 'a "λ legacy-cron" CodeLens in legacy/index.js', 10_000);
      assert.equal(idle.command?.title, 'λ legacy-cron · idle in the last 1 h');
    },
    { timeoutMs: 60_000 },
  );

  test(
    'the status bar item shows the number of open issues',
    async () => {
      const s = await demoLoaded();
      const tree = s.testing.tree;
      const shown = await waitFor(() => {
        const now = s.testing.statusBar.shown;
        return now.visible && /λ \d+/.test(now.text) && now;
      }, () => `the status bar item to show "λ N" (now: ${JSON.stringify(s.testing.statusBar.shown)})`, 20_000);
      assert.match(shown.text, /^\$\(error\) λ \d+$/);
      // The same count as the Demo profile row ("N issues"); both follow the same polls.
      await waitFor(() => {
        const root = demoRoot(tree);
        const rootIssues = root && /^(\d+) issues?$/.exec(String(tree.getTreeItem(root).description ?? ''))?.[1];
        const count = /λ (\d+)/.exec(s.testing.statusBar.shown.text)?.[1];
        return rootIssues !== undefined && rootIssues === count;
      }, () => `the status bar count (${s.testing.statusBar.shown.text}) to equal the Demo profile's issues`, 10_000);
      // Looking at the issues clears the "new" highlight.
      await vscode.commands.executeCommand('lambdascope.focusIssues');
      assert.equal(s.testing.statusBar.shown.error, false, 'the error background stays after lambdascope.focusIssues');

      // What was seen is remembered: after a reload (a new item on the same storage) the same
      // issues are not new again; an issue never seen is.
      const stored = new Map<string, unknown>();
      const memento: vscode.Memento = {
        keys: () => [...stored.keys()],
        get: <T>(key: string, fallback?: T) => (stored.has(key) ? (stored.get(key) as T) : fallback),
        update: async (key: string, value: unknown) => void stored.set(key, value),
      };
      const state = s.testing.watches.state(60 * 60_000);
      const before = new IssuesStatusBar(memento);
      before.update(state);
      assert.equal(before.shown.error, true, 'a first look: the issues are new');
      before.markSeen();
      before.dispose();
      // A look while the first polls run (the side bar opened at startup) forgets nothing.
      const keptBefore = JSON.stringify(stored.get('lambdascope.statusBar.seenIssues'));
      const starting = new IssuesStatusBar(memento);
      starting.update({ ...state, snapshots: state.snapshots.map((snapshot) => ({ ...snapshot, loading: true, functions: [] })) });
      starting.markSeen();
      starting.dispose();
      assert.equal(JSON.stringify(stored.get('lambdascope.statusBar.seenIssues')), keptBefore, 'a look during loading replaced what was seen');
      const after = new IssuesStatusBar(memento);
      after.update(state);
      assert.equal(after.shown.error, false, 'after a reload, issues already seen are new again');
      stored.set('lambdascope.statusBar.seenIssues', []);
      const forgetful = new IssuesStatusBar(memento);
      forgetful.update(state);
      assert.equal(forgetful.shown.error, true, 'nothing remembered: the issues are new');
      after.dispose();
      forgetful.dispose();
    },
    { timeoutMs: 60_000 },
  );

  test(
    'the Issues view lists every issue of the window by state; the status bar opens it; a resolved issue moves to Resolved',
    async () => {
      const s = await demoLoaded();
      const issues = s.issuesTree;
      await vscode.commands.executeCommand('lambdascope.focusIssues');
      // Everything the Demo functions report, once, in the view's groups.
      const groups = await waitFor(() => {
        const now = issues.current();
        const inView = now.flatMap((g) => g.issues.map((i) => `${i.functionName}/${i.issue.fingerprint}`)).sort();
        const engine = (demoSnapshotOf(s)?.functions ?? []).flatMap((f) => (f.report?.issues ?? []).map((i) => `${f.name}/${i.fingerprint}`)).sort();
        return engine.length > 0 && JSON.stringify(inView) === JSON.stringify(engine) && now;
      }, () => `the Issues view to hold the Demo functions' issues (groups: ${JSON.stringify(issues.current().map((g) => [g.group, g.issues.length]))})`, 30_000);
      const first = groups.find((g) => g.group === 'new' || g.group === 'open')?.issues[0];
      assert.ok(first, `no new or open issue: ${JSON.stringify(groups.map((g) => g.group))}`);
      const item = issues.getTreeItem(first);
      assert.ok(String(item.description).startsWith(`${first.functionName} · `), `the item does not name its function: ${String(item.description)}`);
      assert.match(String(item.contextValue), /^issue\.(open|regressed)$/);
      assert.equal(issues.getChildren(groups[0]).length, groups[0]?.issues.length);
      const group = issues.getTreeItem(groups[0] as (typeof groups)[number]);
      assert.equal(group.description, String(groups[0]?.issues.length));

      await vscode.commands.executeCommand('lambdascope.resolveIssue', first.profile, first.region, first.functionName, first.issue.fingerprint);
      try {
        await waitFor(
          () => issues.current().find((g) => g.group === 'resolved')?.issues.some((i) => i.issue.fingerprint === first.issue.fingerprint && i.functionName === first.functionName),
          'the resolved issue to move to the Resolved group',
          15_000,
        );
      } finally {
        await vscode.commands.executeCommand('lambdascope.reopenIssue', first.profile, first.region, first.functionName, first.issue.fingerprint);
      }
    },
    { timeoutMs: 90_000 },
  );

  test(
    'lambdascope.pin pins a function (pin mark, function.pinned), lambdascope.unpin reverts',
    async () => {
      const s = await demoLoaded();
      const tree = s.testing.tree;
      const before = functionNode(tree, 'checkout-api');
      assert.ok(before);
      assert.equal(before.pinned, false);
      await vscode.commands.executeCommand('lambdascope.pin', before);
      const pinned = await waitFor(() => {
        const node = functionNode(tree, 'checkout-api');
        return node?.pinned && node;
      }, 'checkout-api to be pinned in the tree');
      const pinnedItem = tree.getTreeItem(pinned);
      assert.ok(String(pinnedItem.description).startsWith(`${PIN} `), `description "${String(pinnedItem.description)}" has no pin mark`);
      assert.match(String(pinnedItem.description).slice(PIN.length + 1), DESCRIPTION);
      assert.equal(pinnedItem.contextValue, 'function.pinned');
      // Only checkout-api is pinned.
      assert.deepEqual(functionNodes(tree).filter((n) => n.pinned).map((n) => n.view.name), ['checkout-api']);

      await vscode.commands.executeCommand('lambdascope.unpin', pinned);
      const unpinned = await waitFor(() => {
        const node = functionNode(tree, 'checkout-api');
        return node && !node.pinned && node;
      }, 'checkout-api to be unpinned in the tree');
      const item = tree.getTreeItem(unpinned);
      assert.ok(!String(item.description).includes(PIN), `description "${String(item.description)}" keeps the pin mark`);
      assert.equal(item.contextValue, 'function');
    },
    { timeoutMs: 60_000 },
  );

  test(
    'lambdascope.copyArn writes the function ARN to the clipboard',
    async () => {
      const s = await demoLoaded();
      const node = functionNode(s.testing.tree, 'checkout-api');
      assert.ok(node);
      await vscode.env.clipboard.writeText('(before copyArn)');
      await vscode.commands.executeCommand('lambdascope.copyArn', node);
      const text = await waitFor(async () => {
        const t = await vscode.env.clipboard.readText();
        return t !== '(before copyArn)' && t;
      }, 'the clipboard to change');
      assert.equal(text, node.view.status.config.arn);
      assert.match(text, /^arn:aws:lambda:us-east-1:\d{12}:function:checkout-api$/);
    },
    { timeoutMs: 60_000 },
  );

  test(
    'lambdascope.openHandler opens the handler of a function at its line',
    async () => {
      const s = await demoLoaded();
      const node = functionNode(s.testing.tree, 'checkout-api');
      assert.ok(node);
      // The handler is known once the code insights have run after the first poll.
      await waitFor(() => s.testing.insights.current?.handlers.get('Demo|us-east-1|checkout-api'), 'the handler of checkout-api in the code insights', 30_000);
      await vscode.commands.executeCommand('lambdascope.openHandler', node);
      const editor = await waitFor(
        () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/checkout-api/src/index.ts') && vscode.window.activeTextEditor,
        () => `checkout-api/src/index.ts in the active editor (now: ${vscode.window.activeTextEditor?.document.uri.path ?? 'none'})`,
      );
      const handlerLine = editor.document.getText().split('\n').findIndex((l) => l.startsWith('export const handler'));
      assert.equal(editor.selection.active.line, handlerLine, `the cursor is on line ${editor.selection.active.line + 1}, the handler on ${handlerLine + 1}`);
    },
    { timeoutMs: 60_000 },
  );

  test(
    "the tree's filter keeps the functions whose name contains it (case-insensitive)",
    async () => {
      const s = await demoLoaded();
      const tree = s.testing.tree;
      const all = functionNodes(tree).length;
      try {
        tree.filter = '  CHECKOUT ';
        assert.equal(tree.filter, 'CHECKOUT');
        assert.deepEqual(functionNodes(tree).map((n) => n.view.name), ['checkout-api']);

        tree.filter = 'er';
        const names = functionNodes(tree).map((n) => n.view.name);
        assert.ok(names.length > 1 && names.every((n) => n.includes('er')), `filter "er" kept ${names.join(', ')}`);

        tree.filter = 'no-such-function';
        const root = demoRoot(tree);
        assert.ok(root);
        const rows = tree.getChildren(root);
        assert.deepEqual(rows.filter((n) => n.kind === 'function'), []);
        assert.ok(
          rows.some((n) => n.kind === 'message' && tree.getTreeItem(n).label === 'No function matches "no-such-function"'),
          `no "No function matches" row: ${rows.map((n) => describeNode(tree, n)).join('; ')}`,
        );

        tree.filter = '   ';
        assert.equal(tree.filter, undefined, 'a blank filter is not cleared');
      } finally {
        tree.filter = undefined;
      }
      assert.equal(functionNodes(tree).length, all);
    },
    { timeoutMs: 60_000 },
  );

  test(
    'with the demo off again, the tree is empty (the welcome view shows), and so are the diagnostics and the status bar',
    async () => {
      const s = await services();
      await setDemo(false);
      await waitFor(() => s.testing.tree.getChildren().length === 0, () => `the tree to have no rows (now: ${JSON.stringify(s.testing.tree.getChildren().map((n) => describeNode(s.testing.tree, n)))})`);
      // No profile at all (the runner strips AWS_* and uses a scratch HOME): the welcome view shows.
      assert.equal(s.testing.tree.current().noProfiles, true, 'the watches do not report "no profile"');
      await waitFor(() => !s.testing.statusBar.shown.visible, () => `the status bar item to hide (shows "${s.testing.statusBar.shown.text}")`);
      const orders = workspaceUri('checkout-api/src/orders.ts');
      await waitFor(
        () => vscode.languages.getDiagnostics(orders).every((d) => d.source !== 'Lambdascope'),
        'the Lambdascope diagnostics in orders.ts to go',
        10_000,
      );
    },
    { timeoutMs: 40_000 },
  );
});
