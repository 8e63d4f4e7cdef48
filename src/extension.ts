import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMAND_IDS, PANEL_TYPES } from './vscode/commandIds';
import type { createServices, Services } from './services';

/**
 * Activation only registers the view and the commands: the services (the engine, the pollers, the
 * editor integration) are a separate bundle loaded right after, and the AWS SDK only on the first
 * poll of a real profile. Until the services are ready the view shows "Loading…", never the
 * welcome content, and a command waits for them.
 */
export function activate(context: vscode.ExtensionContext): { services: () => Promise<Services> } {
  const log = vscode.window.createOutputChannel('Lambdascope', { log: true });
  const tree = new DeferredTree();
  const treeView = vscode.window.createTreeView<unknown>('lambdascope.functions', { treeDataProvider: tree, showCollapseAll: true });
  const issues = new DeferredTree();
  const issuesView = vscode.window.createTreeView<unknown>('lambdascope.issues', { treeDataProvider: issues, showCollapseAll: true });
  const costs = new DeferredTree();
  const costView = vscode.window.createTreeView<unknown>('lambdascope.cost', { treeDataProvider: costs, showCollapseAll: true });
  let loading: Promise<Services> | undefined;
  const services = (): Promise<Services> => {
    loading ??= new Promise<Services>((resolve, reject) => {
      setImmediate(() => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const module = require(join(__dirname, 'services.js')) as { createServices: typeof createServices };
          const created = module.createServices(context, log, { functions: treeView, issues: issuesView, cost: costView });
          flushOnExit = () => created.flush();
          tree.ready(created.tree);
          issues.ready(created.issuesTree);
          costs.ready(created.costTree);
          resolve(created);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          log.error(`Lambdascope could not start: ${why}`);
          tree.failed();
          issues.failed();
          costs.failed();
          void vscode.window.showErrorMessage('Lambdascope could not start. The Lambdascope log says why.', 'Show Log').then((answer) => {
            if (answer) log.show();
          });
          reject(error);
        }
      });
    });
    return loading;
  };
  context.subscriptions.push(
    log,
    tree,
    treeView,
    issues,
    issuesView,
    costs,
    costView,
    ...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => (await services()).execute(id, args))),
    vscode.window.registerUriHandler({ handleUri: async (uri) => (await services()).handleUri(uri) }),
    ...PANEL_TYPES.map((viewType) =>
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state) => (await services()).restorePanel(viewType, panel, state),
      }),
    ),
  );
  void services();
  return { services };
}

let flushOnExit: (() => Promise<void>) | undefined;

/** Issue states changed in the last second are written before VS Code closes (it waits for this). */
export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return flushOnExit?.().catch(() => undefined);
}

const LOADING = Symbol('loading');

/** The explorer's provider until the services are loaded: one "Loading…" row, then theirs. */
class DeferredTree implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private delegate: vscode.TreeDataProvider<unknown> | undefined;
  private forwarding: vscode.Disposable | undefined;
  private startFailed = false;

  ready(delegate: vscode.TreeDataProvider<unknown>): void {
    this.delegate = delegate;
    this.forwarding = delegate.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire(undefined);
  }

  /** The services could not be loaded: say so instead of loading for ever. */
  failed(): void {
    this.startFailed = true;
    this.changed.fire(undefined);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    if (element === LOADING || !this.delegate) {
      const item = new vscode.TreeItem(this.startFailed ? 'Lambdascope could not start: see its log (Output › Lambdascope)' : 'Loading Lambdascope…');
      item.iconPath = new vscode.ThemeIcon(this.startFailed ? 'error' : 'loading~spin');
      return item;
    }
    return this.delegate.getTreeItem(element);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    if (!this.delegate) return element === undefined ? [LOADING] : [];
    return this.delegate.getChildren(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}
