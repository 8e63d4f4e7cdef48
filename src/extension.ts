import * as vscode from 'vscode';
import { registerAnalyzeCommands } from './vscode/analyzeCommands';
import { affectsWatches, readSettings, WINDOW_MS } from './vscode/config';
import { CodeInsights } from './vscode/editor/codeInsights';
import { registerExplorerCommands } from './vscode/explorerCommands';
import { PinStore } from './vscode/pinStore';
import { IssuesStatusBar } from './vscode/statusBar';
import { FunctionsTree } from './vscode/tree/functionsTree';
import type { TreeNode } from './vscode/tree/treeNodes';
import { WatchManager } from './vscode/watchManager';

/**
 * Kept small: activation registers views and commands, reads no AWS file and loads no AWS
 * client. Watching starts when the explorer is first shown (or a command needs it).
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Lambdascope', { log: true });
  const pins = new PinStore(context.globalState);
  const watches = new WatchManager(log, (profile, region) => pins.names(profile, region));
  const windowMs = (): number => WINDOW_MS[readSettings().window];
  const tree = new FunctionsTree(watches, windowMs, (p, r, n) => pins.has(p, r, n));
  const treeView = vscode.window.createTreeView<TreeNode>('lambdascope.functions', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new IssuesStatusBar();
  const insights = new CodeInsights(watches, log);
  const startWatching = (): void => {
    void vscode.window.withProgress({ location: { viewId: 'lambdascope.functions' } }, () => watches.start());
  };
  if (treeView.visible) startWatching();
  context.subscriptions.push(
    log,
    watches,
    tree,
    treeView,
    statusBar,
    insights,
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) startWatching();
    }),
    watches.onDidChange(() => statusBar.update(watches.state(windowMs()))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsWatches(e)) void watches.restart();
      else if (e.affectsConfiguration('lambdascope.window')) {
        tree.refresh(0);
        insights.schedule(0);
      }
    }),
    ...registerAnalyzeCommands(log, context.extensionUri),
    ...registerExplorerCommands({ extensionUri: context.extensionUri, watches, tree, treeView: treeView as vscode.TreeView<unknown>, statusBar, pins, log }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
