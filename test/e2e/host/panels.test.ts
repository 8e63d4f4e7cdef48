// The function and issue panels, driven through the real `vscode` API with the Demo profile on:
// what the extension posts to each page (PanelHost.lastPosted) against what the engine knows, one
// panel per function, and the restore of a panel after a reload (the serializer's path).
//
// Runs after explorer.test.ts (which turns the demo off at its end) and extension.test.ts, whose
// afterEach closes every editor after each test here too: each test opens what it needs. The
// last test turns the demo off again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import type { HostToPanel } from '../../../src/shared/protocol';
import type { FunctionHeaderDto, IssueHistoryDto, TimelineDto, TimelineFrameDto } from '../../../src/shared/panelData';
import type { FunctionView, WatchSnapshot } from '../../../src/core/watch/accountWatch';
import type { FunctionPanel } from '../../../src/vscode/panels/functionPanel';
import type { IssuePanel } from '../../../src/vscode/panels/issuePanel';
import { suite, test, waitFor } from './harness';
import { demoSnapshot, services, setDemo } from './lambdascope';

/** The Demo profile's first poll (1 h of simulated history) plus the tree's debounce. */
const FIRST_POLL_MS = 60_000;
/** The demo runs with the default window ("1h"). */
const HOUR_MS = 60 * 60_000;
const DEMO = { profile: 'Demo', region: 'us-east-1' } as const;
const CHECKOUT = { ...DEMO, functionName: 'checkout-api' } as const;

function checkoutView(snapshot: WatchSnapshot | undefined): FunctionView | undefined {
  return snapshot?.functions.find((f) => f.name === CHECKOUT.functionName);
}

/** The demo on, with the Functions view shown (watching starts then), and its first poll done. */
async function demoLoaded(): Promise<Services> {
  const s = await services();
  await vscode.commands.executeCommand('lambdascope.functions.focus');
  if (vscode.workspace.getConfiguration('lambdascope').get('demo.enabled') !== true) await setDemo(true);
  await waitFor(
    () => {
      const snapshot = demoSnapshot(s);
      return snapshot !== undefined && !snapshot.loading && checkoutView(snapshot)?.report !== undefined;
    },
    () => `the Demo profile's first poll with checkout-api's report (snapshots: ${JSON.stringify(s.testing.watches.state(HOUR_MS).snapshots.map((w) => ({ profile: w.profile, loading: w.loading, functions: w.functions.length })))})`,
    FIRST_POLL_MS,
  );
  return s;
}

function functionPanels(s: Services): readonly FunctionPanel[] {
  return s.testing.panels.open.functions.filter((p) => p.ref.profile === CHECKOUT.profile && p.ref.region === CHECKOUT.region && p.ref.functionName === CHECKOUT.functionName);
}

/** The webview tabs of a panel type (the host prefixes the view type, e.g. "mainThreadWebview-lambdascope.function"). */
function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** The newest header posted: after the first `timeline`, updates come as `timelineAppend`. */
function postedFrame(panel: FunctionPanel): TimelineFrameDto | undefined {
  const append = panel.host.lastPosted.get('timelineAppend') as Extract<HostToPanel, { type: 'timelineAppend' }> | undefined;
  if (append) return append.frame;
  return (panel.host.lastPosted.get('timeline') as Extract<HostToPanel, { type: 'timeline' }> | undefined)?.timeline;
}

/** The engine's figures for the window, as the header should show them (null: not known). */
function engineHeader(view: FunctionView): Omit<FunctionHeaderDto, 'throttles'> {
  const r = view.report;
  assert.ok(r, 'checkout-api has no report in the window');
  const n = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);
  return {
    invocations: r.invocations,
    errors: r.errors,
    errorRate: n(r.errorRate),
    p50Ms: n(r.durationMs?.p50),
    p90Ms: n(r.durationMs?.p90),
    p99Ms: n(r.durationMs?.p99),
    warmP50Ms: n(r.warmDurationMs?.p50),
    warmP90Ms: n(r.warmDurationMs?.p90),
    warmP99Ms: n(r.warmDurationMs?.p99),
    coldP50Ms: n(r.coldDurationMs?.p50),
    coldP90Ms: n(r.coldDurationMs?.p90),
    coldP99Ms: n(r.coldDurationMs?.p99),
    coldStartRate: n(r.coldStartRate),
    initP99Ms: n(r.initDurationMs?.p99),
    costUsd: n(r.cost.windowUsd),
    projectedMonthUsd: n(r.cost.projectedMonthUsd),
    shareOfAccount: r.cost.projectedMonthUsd > 0 ? n(r.cost.shareOfAccount) : null,
    monthSplit: { requestUsd: r.cost.month.requestUsd, computeUsd: r.cost.month.computeUsd, provisionedUsd: r.cost.month.provisionedUsd, ephemeralUsd: r.cost.month.ephemeralUsd },
    whatIfArm64: r.cost.whatIf.arm64 ? { usd: r.cost.whatIf.arm64.usd, savingsUsd: r.cost.whatIf.arm64.savingsUsd, assumption: r.cost.whatIf.arm64.assumption } : null,
    whatIfMemory: r.cost.whatIf.memory ? { usd: r.cost.whatIf.memory.usd, savingsUsd: r.cost.whatIf.memory.savingsUsd, assumption: r.cost.whatIf.memory.assumption, memoryMb: r.cost.whatIf.memory.memoryMb } : null,
  };
}

function withoutThrottles(h: FunctionHeaderDto): Omit<FunctionHeaderDto, 'throttles'> {
  const { throttles: _throttles, ...rest } = h;
  return rest;
}

/** The issue whose latest stack has `priceOrder (…/orders.js:42…)` (the demo has two TypeErrors with one title). */
function ordersTypeError(s: Services): { fingerprint: string; title: string } {
  const watch = s.testing.watches.watch(DEMO.profile, DEMO.region);
  const monitor = watch?.analyzer.functions().find((m) => m.name === CHECKOUT.functionName);
  assert.ok(monitor, 'no monitor for checkout-api');
  const issue = (checkoutView(demoSnapshot(s))?.report?.issues ?? []).find(
    (i) => i.title.startsWith('TypeError: Cannot read properties of undefined') && monitor.issues.get(i.fingerprint)?.latest.frames.some((f) => /\/orders\.js:42\b/.test(f.raw)),
  );
  assert.ok(issue, "no TypeError issue thrown from orders.js:42 in checkout-api's report");
  return { fingerprint: issue.fingerprint, title: issue.title };
}

suite('panels', () => {
  test(
    "the function panel's header shows the engine's figures, its points every failure, and a second open reveals it",
    async () => {
      const s = await demoLoaded();
      await vscode.commands.executeCommand('lambdascope.openFunctionByName', CHECKOUT.profile, CHECKOUT.region, CHECKOUT.functionName);
      const [panel] = functionPanels(s);
      assert.ok(panel, 'lambdascope.openFunctionByName opened no function panel for checkout-api');
      await waitFor(() => panel.host.listening && panel.host.lastPosted.has('timeline'), 'the page to say ready and a `timeline` message to be posted', 30_000);
      const [tab] = webviewTabs('lambdascope.function');
      assert.equal(tab?.label, 'λ checkout-api');
      assert.equal(tab?.isActive, true);

      const timeline = (panel.host.lastPosted.get('timeline') as Extract<HostToPanel, { type: 'timeline' }>).timeline;
      assert.equal(timeline.functionName, 'checkout-api');
      assert.equal(timeline.profile, 'Demo');
      assert.equal(timeline.region, 'us-east-1');
      assert.match(timeline.arn ?? '', /^arn:aws:lambda:us-east-1:\d{12}:function:checkout-api$/);

      // The header against the engine's report at the same version of the watches: the posted
      // frame and the state are compared only while the state is the one the frame was made from
      // (a poll cycle that lands in between makes a new state, and the panel posts again).
      let last = '';
      await waitFor(
        () => {
          const state = s.testing.watches.state(HOUR_MS);
          const view = checkoutView(demoSnapshot(s));
          const frame = postedFrame(panel);
          if (!view || !frame) return false;
          const posted = withoutThrottles(frame.header);
          const engine = engineHeader(view);
          try {
            assert.deepEqual(posted, engine);
            assert.deepEqual(frame.findings.map((f) => f.id).sort(), view.findings.map((f) => f.id).sort(), 'the Findings tab has the view\'s findings');
          } catch (error) {
            last = error instanceof Error ? error.message : String(error);
            return false;
          }
          // Still the same state: nothing changed while comparing.
          return s.testing.watches.state(HOUR_MS) === state;
        },
        () => `the posted header to equal the engine's figures: ${last}`,
        30_000,
      );
      const header = postedFrame(panel)?.header;
      assert.ok(header && header.invocations > 0 && header.errors > 0, `checkout-api's header has no invocations or errors: ${JSON.stringify(header)}`);

      // Every failed invocation of the window is drawn. A full update posts the timeline and is
      // compared with the engine's invocation log in the same tick: no poll can land in between.
      panel.update(true);
      const full = (panel.host.lastPosted.get('timeline') as Extract<HostToPanel, { type: 'timeline' }>).timeline;
      const monitor = s.testing.watches.watch(DEMO.profile, DEMO.region)?.analyzer.functions().find((m) => m.name === CHECKOUT.functionName);
      assert.ok(monitor, 'no monitor for checkout-api');
      const failed = monitor.timeline.points(full.window.from, full.window.to).filter((p) => p.status !== 'success');
      assert.ok(failed.length > 0, 'the engine has no failed invocation of checkout-api in the window');
      const drawn = new Set(full.points.map((p) => p.requestId));
      const missing = failed.filter((p) => !drawn.has(p.requestId));
      assert.deepEqual(missing.map((p) => `${p.requestId} ${p.status}`), [], `${missing.length} of ${failed.length} failed invocations are not among the ${full.points.length} points`);
      const drawnFailed = full.points.filter((p) => p.status !== 'success');
      assert.equal(drawnFailed.length, failed.length, 'the points hold failures the engine does not');
      for (const p of drawnFailed) if (p.status === 'error') assert.ok(p.issue, `failed point ${p.requestId} names no issue`);

      // One panel per function: opening it again (by command or through the tree's command) reveals it.
      await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
      await waitFor(() => !webviewTabs('lambdascope.function')[0]?.isActive, 'another editor to be active');
      await vscode.commands.executeCommand('lambdascope.openFunctionByName', CHECKOUT.profile, CHECKOUT.region, CHECKOUT.functionName);
      assert.equal(functionPanels(s).length, 1, 'a second open made a second panel');
      assert.equal(functionPanels(s)[0], panel, 'a second open replaced the panel');
      assert.equal(webviewTabs('lambdascope.function').length, 1, 'a second open made a second tab');
      await waitFor(() => webviewTabs('lambdascope.function')[0]?.isActive === true, 'the function panel to be revealed (active)');
    },
    { timeoutMs: FIRST_POLL_MS + 60_000 },
  );

  test(
    "the issue panel places the TypeError's orders.js:42 frame at checkout-api/src/orders.ts:64, runtime frames unlinked",
    async () => {
      const s = await demoLoaded();
      const { fingerprint, title } = ordersTypeError(s);
      await vscode.commands.executeCommand('lambdascope.showIssue', DEMO.profile, DEMO.region, CHECKOUT.functionName, fingerprint);
      const panel = s.testing.panels.open.issues.find((p: IssuePanel) => p.ref.fingerprint === fingerprint);
      assert.ok(panel, 'lambdascope.showIssue opened no issue panel');
      const message = await waitFor(
        () => panel.host.listening && (panel.host.lastPosted.get('issue') as Extract<HostToPanel, { type: 'issue' }> | undefined),
        'the page to say ready and an `issue` message to be posted',
        30_000,
      );
      const issue: IssueHistoryDto = message.issue;
      assert.equal(issue.fingerprint, fingerprint);
      assert.equal(issue.title, title);
      assert.equal(issue.functionName, 'checkout-api');
      assert.ok(issue.count > 0 && issue.recent.length > 0, `the issue has no occurrences: count ${issue.count}, recent ${issue.recent.length}`);
      await waitFor(() => webviewTabs('lambdascope.issue')[0]?.label.startsWith('Issue: TypeError'), () => `the issue tab's title to start "Issue: TypeError" (it is "${webviewTabs('lambdascope.issue')[0]?.label}")`);

      const frames = issue.frames.map((f) => `${f.text}${f.workspace ? ` → ${f.workspace.file}:${f.workspace.line}:${f.workspace.column}` : ''}`);
      const orders = issue.frames.find((f) => /\/orders\.js:42\b/.test(f.text));
      assert.ok(orders, `no orders.js:42 frame: ${JSON.stringify(frames)}`);
      assert.equal(orders.inApp, true);
      assert.ok(orders.workspace, `the orders.js:42 frame is not placed in the workspace: ${JSON.stringify(frames)}`);
      assert.equal(orders.workspace.file.replace(/\\/g, '/').replace(/^.*?(checkout-api\/)/, '$1'), 'checkout-api/src/orders.ts');
      assert.equal(orders.workspace.line, 64, 'line (1-based in the DTO)');
      const runtime = issue.frames.filter((f) => !f.inApp);
      assert.ok(runtime.length > 0, `no runtime frame: ${JSON.stringify(frames)}`);
      for (const f of runtime) assert.equal(f.workspace, undefined, `runtime frame "${f.text}" has a workspace link`);
      assert.ok(runtime.some((f) => f.text.includes('/var/runtime/')), `no /var/runtime frame: ${JSON.stringify(frames)}`);

      // The same issue opened again is the same panel.
      await vscode.commands.executeCommand('lambdascope.showIssue', DEMO.profile, DEMO.region, CHECKOUT.functionName, fingerprint);
      assert.equal(s.testing.panels.open.issues.filter((p) => p.ref.fingerprint === fingerprint).length, 1, 'a second open made a second issue panel');
      assert.equal(webviewTabs('lambdascope.issue').length, 1);
    },
    { timeoutMs: FIRST_POLL_MS + 30_000 },
  );

  test(
    'a function panel is restored from its saved identity; a state with bad fields is disposed',
    async () => {
      const s = await demoLoaded();
      const options = { enableScripts: true };
      const restored = vscode.window.createWebviewPanel('lambdascope.function', 'restored', vscode.ViewColumn.Active, options);
      s.restorePanel('lambdascope.function', restored, { ...CHECKOUT });
      const [panel] = functionPanels(s);
      assert.ok(panel, 'the restored panel is not among the open function panels');
      assert.equal(panel.host.panel, restored, 'the restore did not adopt the panel it was given');
      assert.equal(restored.title, 'λ checkout-api');
      const timeline = await waitFor(
        () => panel.host.listening && (panel.host.lastPosted.get('timeline') as Extract<HostToPanel, { type: 'timeline' }> | undefined),
        "the restored panel's page to say ready and get its timeline",
        30_000,
      );
      assert.equal((timeline.timeline as TimelineDto).functionName, 'checkout-api');

      const bad: Array<[string, unknown]> = [
        ['a path for a name', { profile: 'Demo', region: 'us-east-1', functionName: '../../etc/passwd x' }],
        ['a number for a name', { profile: 'Demo', region: 'us-east-1', functionName: 42 }],
        ['no state', undefined],
        ['markup', { profile: '<img src=x onerror=alert(1)>', region: 'us-east-1', functionName: 'checkout-api' }],
      ];
      for (const [what, state] of bad) {
        const other = vscode.window.createWebviewPanel('lambdascope.function', 'bad', vscode.ViewColumn.Active, options);
        let disposed = false;
        other.onDidDispose(() => (disposed = true));
        s.restorePanel('lambdascope.function', other, state);
        await waitFor(() => disposed, `the panel restored with ${what} to be disposed`, 5_000);
      }
      assert.equal(functionPanels(s).length, 1);
      // An issue panel's state without a fingerprint is not an issue panel.
      const issueless = vscode.window.createWebviewPanel('lambdascope.issue', 'bad', vscode.ViewColumn.Active, options);
      let disposed = false;
      issueless.onDidDispose(() => (disposed = true));
      s.restorePanel('lambdascope.issue', issueless, { ...CHECKOUT });
      await waitFor(() => disposed, 'the issue panel restored without a fingerprint to be disposed', 5_000);

      // Closing the panels leaves none open.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor(() => s.testing.panels.open.functions.length === 0 && s.testing.panels.open.issues.length === 0, 'the panels to be gone after closing the editors');
    },
    { timeoutMs: FIRST_POLL_MS + 30_000 },
  );

  test(
    'a link to what this window cannot show says why, instead of loading for ever',
    async () => {
      const s = await demoLoaded();
      const reasonOf = (panel: FunctionPanel | IssuePanel | undefined): string | undefined =>
        panel?.host.listening ? (panel.host.lastPosted.get('unavailable') as Extract<HostToPanel, { type: 'unavailable' }> | undefined)?.message : undefined;
      // An alert's "Open in VS Code" link for an issue this window has not read (the next morning, say).
      const fingerprint = '0f1e2d3c4b5a6978';
      s.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://lambdascope.lambdascope/issue?profile=Demo&region=us-east-1&function=checkout-api&fingerprint=${fingerprint}`));
      const issueReason = await waitFor(() => reasonOf(s.testing.panels.open.issues.find((p) => p.ref.fingerprint === fingerprint)), 'the issue panel to post why it has nothing to show', 30_000);
      assert.match(issueReason, /^This issue has not occurred in the logs of checkout-api that this window has read/);
      // A function the account does not have, and a profile this window does not watch.
      await vscode.commands.executeCommand('lambdascope.openFunctionByName', 'Demo', 'us-east-1', 'no-such-function');
      const notFound = await waitFor(() => reasonOf(s.testing.panels.open.functions.find((p) => p.ref.functionName === 'no-such-function')), 'the function panel to post why it has nothing to show', 30_000);
      assert.equal(notFound, 'no-such-function was not found in Demo · us-east-1.');
      await vscode.commands.executeCommand('lambdascope.openFunctionByName', 'teammate-prod', 'eu-west-1', 'checkout-api');
      const unwatched = await waitFor(() => reasonOf(s.testing.panels.open.functions.find((p) => p.ref.profile === 'teammate-prod')), 'the panel of an unwatched profile to post why', 30_000);
      assert.match(unwatched, /^Lambdascope does not watch teammate-prod · eu-west-1/);
      // A function that is there gets its timeline, not a reason.
      await vscode.commands.executeCommand('lambdascope.openFunctionByName', CHECKOUT.profile, CHECKOUT.region, CHECKOUT.functionName);
      const [checkout] = functionPanels(s);
      await waitFor(() => checkout?.host.listening && checkout.host.lastPosted.has('timeline'), 'checkout-api to get its timeline', 30_000);
      assert.equal(checkout?.host.lastPosted.has('unavailable'), false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    },
    { timeoutMs: FIRST_POLL_MS + 60_000 },
  );

  test('with the demo off again, no panel is open', async () => {
    const s = await services();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setDemo(false);
    await waitFor(() => s.testing.tree.getChildren().length === 0, 'the tree to be empty with the demo off');
    assert.deepEqual(s.testing.panels.open, { functions: [], issues: [] });
  });
});
