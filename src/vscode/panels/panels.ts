import * as vscode from 'vscode';
import { FUNCTION_PANEL_TYPE, FunctionPanel } from './functionPanel';
import { ISSUE_PANEL_TYPE, IssuePanel } from './issuePanel';
import type { FunctionRef, IssueRef, PanelContext, PanelsOptions } from './panelContext';
import { panelOptions } from './panelHost';
import { refOf } from './panelState';

/**
 * The open function and issue panels: one per function (by ARN) and one per issue, revealed rather
 * than opened twice, updated after each poll cycle, restored after a reload from the identity their
 * page keeps in its state.
 */
export class Panels implements vscode.Disposable {
  private readonly functions = new Set<FunctionPanel>();
  private readonly issues = new Map<string, IssuePanel>();
  private readonly context: PanelContext;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: PanelsOptions) {
    this.context = { ...options, showFunction: (ref) => this.showFunction(ref), showIssue: (ref) => this.showIssue(ref) };
    this.disposables.push(options.watches.onDidChange(() => this.update()));
  }

  /** The poller has news, or the window changed (`full`: the page's points no longer match). */
  update(full = false): void {
    for (const panel of this.functions.values()) panel.update(full);
    for (const panel of this.issues.values()) void panel.update();
  }

  showFunction(ref: FunctionRef): FunctionPanel {
    const open = this.findFunction(ref);
    if (open) {
      open.host.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(FUNCTION_PANEL_TYPE, functionTitle(ref), vscode.ViewColumn.Active, panelOptions(this.options.extensionUri));
    return this.adoptFunction(panel, ref);
  }

  showIssue(ref: IssueRef): IssuePanel {
    const key = issueKey(ref);
    const open = this.issues.get(key);
    if (open) {
      open.host.panel.reveal();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(ISSUE_PANEL_TYPE, 'Issue', vscode.ViewColumn.Active, panelOptions(this.options.extensionUri));
    return this.adoptIssue(panel, ref);
  }

  /** A panel VS Code kept from the last session; `state` is what its page saved (untrusted). */
  restore(viewType: string, panel: vscode.WebviewPanel, state: unknown): void {
    const ref = refOf(state);
    if (viewType === FUNCTION_PANEL_TYPE && ref && !this.findFunction(ref)) {
      panel.title = functionTitle(ref);
      this.adoptFunction(panel, ref);
    } else if (viewType === ISSUE_PANEL_TYPE && ref?.fingerprint && !this.issues.has(issueKey({ ...ref, fingerprint: ref.fingerprint }))) {
      this.adoptIssue(panel, { ...ref, fingerprint: ref.fingerprint });
    } else {
      panel.dispose();
    }
  }

  /** For tests inside the extension host. */
  get open(): { readonly functions: readonly FunctionPanel[]; readonly issues: readonly IssuePanel[] } {
    return { functions: [...this.functions.values()], issues: [...this.issues.values()] };
  }

  private adoptFunction(panel: vscode.WebviewPanel, ref: FunctionRef): FunctionPanel {
    const created = new FunctionPanel(panel, { profile: ref.profile, region: ref.region, functionName: ref.functionName }, this.context);
    this.functions.add(created);
    created.host.onDidDispose(() => this.functions.delete(created));
    return created;
  }

  private adoptIssue(panel: vscode.WebviewPanel, ref: IssueRef): IssuePanel {
    const key = issueKey(ref);
    const created = new IssuePanel(panel, { profile: ref.profile, region: ref.region, functionName: ref.functionName, fingerprint: ref.fingerprint }, this.context);
    this.issues.set(key, created);
    created.host.onDidDispose(() => {
      if (this.issues.get(key) === created) this.issues.delete(key);
    });
    return created;
  }

  /**
   * The open panel of `ref`'s function. Keys are worked out now, not when a panel opened: a panel
   * restored before the catalog was loaded would otherwise keep a key by name while the function,
   * opened again, is keyed by its ARN, and get a second panel.
   */
  private findFunction(ref: FunctionRef): FunctionPanel | undefined {
    const key = this.functionKey(ref);
    for (const panel of this.functions) if (this.functionKey(panel.ref) === key) return panel;
    return undefined;
  }

  /** By ARN when the catalog knows it (the same function seen through two profiles is one panel). */
  private functionKey(ref: FunctionRef): string {
    const arn = this.options.watches.watch(ref.profile, ref.region)?.poller.configOf(ref.functionName)?.arn;
    return arn ?? `${ref.profile}\u0000${ref.region}\u0000${ref.functionName}`;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const panel of [...this.functions.values()]) panel.host.dispose();
    for (const panel of [...this.issues.values()]) panel.host.dispose();
  }
}

function issueKey(ref: IssueRef): string {
  return `${ref.profile}\u0000${ref.region}\u0000${ref.functionName}\u0000${ref.fingerprint}`;
}

function functionTitle(ref: FunctionRef): string {
  return `λ ${ref.functionName}`;
}
