// Everything the extension does, as its own bundle (dist/services.js): loaded right after
// activation, so that activating costs only registering views and commands.
import * as vscode from 'vscode';
import { registerAnalyzeCommands } from './vscode/analyzeCommands';
import type { CommandId } from './vscode/commandIds';
import { affectsWatchedSet, affectsWatchSettings, readSettings, WINDOW_MS } from './vscode/config';
import { CodeInsights } from './vscode/editor/codeInsights';
import { CostTree } from './vscode/tree/costTree';
import { IssuesTree } from './vscode/tree/issuesTree';
import { registerFindingCommands } from './vscode/findingCommands';
import { TemplateFindings } from './vscode/editor/templateFindings';
import { pickIssueFrom, registerExplorerCommands } from './vscode/explorerCommands';
import { registerIssueCommands } from './vscode/issueCommands';
import { registerAlertCommands } from './vscode/alertCommands';
import { Alerts } from './vscode/alerts';
import { refOf } from './vscode/panels/panelState';
import { IssueStates } from './vscode/issueStates';
import { Panels } from './vscode/panels/panels';
import { PinStore } from './vscode/pinStore';
import { IssuesStatusBar } from './vscode/statusBar';
import { FunctionsTree } from './vscode/tree/functionsTree';
import { WatchManager } from './vscode/watchManager';

export interface Services {
  readonly tree: vscode.TreeDataProvider<unknown>;
  execute(id: CommandId, args: unknown[]): unknown;
  /** `vscode://lambdascope.lambdascope/issue?profile=…&region=…&function=…&fingerprint=…` (the links in Slack alerts). */
  handleUri(uri: vscode.Uri): void;
  /** Restores a panel VS Code kept from the last session (its serializer is registered at activation). */
  restorePanel(viewType: string, panel: vscode.WebviewPanel, state: unknown): void;
  readonly costTree: CostTree;
  readonly issuesTree: IssuesTree;
  /** Writes what is still pending (issue states changed within the last second): on deactivation. */
  flush(): Promise<void>;
  /** For tests inside the extension host. */
  readonly testing: { readonly watches: WatchManager; readonly insights: CodeInsights; readonly templateFindings: TemplateFindings; readonly statusBar: IssuesStatusBar; readonly tree: FunctionsTree; readonly panels: Panels; readonly states: IssueStates };
}

export interface ServiceViews {
  readonly functions: vscode.TreeView<unknown>;
  readonly issues: vscode.TreeView<unknown>;
  readonly cost: vscode.TreeView<unknown>;
}

export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, views: ServiceViews): Services {
  const { functions: treeView, cost: costView } = views;
  const pins = new PinStore(context.globalState);
  const states = new IssueStates(context.globalStorageUri, () => readSettings().issueStorage, log);
  const watches = new WatchManager(log, (profile, region) => pins.names(profile, region), states);
  void states.load();
  const windowMs = (): number => WINDOW_MS[readSettings().window];
  const tree = new FunctionsTree(watches, windowMs, (p, r, n) => pins.has(p, r, n));
  const costTree = new CostTree(watches, windowMs);
  const statusBar = new IssuesStatusBar(context.globalState);
  const issuesTree = new IssuesTree(watches, windowMs, () => statusBar.seenBefore);
  const insights = new CodeInsights(watches, log);
  const templateFindings = new TemplateFindings(watches, insights, log);
  const alerts = new Alerts(watches, context.secrets, log, context.extension.id);
  const panels = new Panels({ extensionUri: context.extensionUri, watches, insights, log, windowMs, states });
  const handlers = new Map<CommandId, (...args: unknown[]) => unknown>();
  const register = (id: CommandId, handler: (...args: never[]) => unknown): vscode.Disposable => {
    handlers.set(id, handler as (...args: unknown[]) => unknown);
    return new vscode.Disposable(() => handlers.delete(id));
  };
  const startWatching = (): void => {
    void vscode.window.withProgress({ location: { viewId: 'lambdascope.functions' } }, () => watches.start());
  };
  if (treeView.visible || costView.visible || views.issues.visible) startWatching();
  context.subscriptions.push(
    watches,
    states,
    tree,
    statusBar,
    insights,
    templateFindings,
    panels,
    alerts,
    states.onDidChange(() => watches.touch()),
    costTree,
    issuesTree,
    ...[treeView, costView, views.issues].map((view) =>
      view.onDidChangeVisibility((e) => {
        if (e.visible) startWatching();
      }),
    ),
    // Looking at the issues: nothing is new to the status bar any more (the view keeps showing
    // what was new until the next look).
    views.issues.onDidChangeVisibility((e) => {
      if (e.visible) statusBar.markSeen();
    }),
    statusBar.onDidLook(() => issuesTree.refresh(0)),
    watches.onDidChange(() => statusBar.update(watches.state(windowMs()))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // One save can change several settings: each is acted on (a restart covers a reload).
      if (affectsWatchSettings(e)) void watches.restart();
      else if (affectsWatchedSet(e)) void watches.reload();
      if (e.affectsConfiguration('lambdascope.issues.storage')) void states.load();
      if (e.affectsConfiguration('lambdascope.findings.disabled')) watches.touch();
      if (e.affectsConfiguration('lambdascope.window')) {
        tree.refresh(0);
        costTree.refresh(0);
        issuesTree.refresh(0);
        insights.schedule(0);
        templateFindings.schedule(0);
        panels.update(true);
        statusBar.update(watches.state(windowMs()));
      }
    }),
    ...registerAnalyzeCommands(context.extensionUri, register),
    ...registerFindingCommands({ register, panels, locate: (profile, region, name, id) => templateFindings.locate(profile, region, name, id) }),
    ...registerAlertCommands(alerts, context.secrets, register),
    ...registerIssueCommands({ watches, states, register, pickIssue: () => pickIssueFrom(tree) }),
    ...registerExplorerCommands({
      extensionUri: context.extensionUri,
      watches,
      tree,
      treeView,
      statusBar,
      pins,
      log,
      register,
      panels,
      handlerOf: (profile, region, name) => insights.current?.handlers.get(`${profile}|${region}|${name}`),
      fileUri: (path) => insights.fileUri(path),
    }),
  );
  return {
    tree: tree as vscode.TreeDataProvider<unknown>,
    execute: (id, args) => {
      const handler = handlers.get(id);
      if (!handler) throw new Error(`Lambdascope has no command ${id}`);
      return handler(...args);
    },
    handleUri: (uri) => {
      const query = new URLSearchParams(uri.query);
      const ref = refOf({ profile: query.get('profile') ?? undefined, region: query.get('region') ?? undefined, functionName: query.get('function') ?? undefined, fingerprint: query.get('fingerprint') ?? undefined });
      if (!ref) {
        void vscode.window.showWarningMessage('Lambdascope could not open this link: it does not name a function.');
        return;
      }
      startWatching();
      if (uri.path === '/issue' && ref.fingerprint) panels.showIssue({ ...ref, fingerprint: ref.fingerprint });
      else panels.showFunction(ref);
    },
    restorePanel: (viewType, panel, state) => {
      // Panels need data: restoring one starts watching, as opening the explorer does.
      startWatching();
      panels.restore(viewType, panel, state);
    },
    costTree,
    issuesTree,
    flush: () => states.flush(),
    testing: { watches, insights, templateFindings, statusBar, tree, panels, states },
  };
}
