import * as vscode from 'vscode';
import type { WatchManager, WatchState } from '../watchManager';
import { childrenOf, rootNodes } from './treeModel';
import { toTreeItem } from './treeItems';
import type { TreeNode } from './treeNodes';
import { Debounce } from './debounce';

/**
 * The Functions explorer: profile → region → function → issues and outliers. It renders the
 * watches' latest snapshots; every poll cycle refreshes it (debounced) and nothing blinks from
 * empty to full: while a watch loads, its region says so.
 */
export class FunctionsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private state: WatchState | undefined;
  private filterText: string | undefined;
  private readonly refreshes = new Debounce();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly watches: WatchManager,
    private readonly windowMs: () => number,
    private readonly isPinned: (profile: string, region: string, name: string) => boolean,
  ) {
    this.subscription = watches.onDidChange(() => this.refresh());
  }

  get filter(): string | undefined {
    return this.filterText;
  }

  set filter(text: string | undefined) {
    this.filterText = text && text.trim() !== '' ? text.trim() : undefined;
    this.refresh(0);
  }

  /** The state the tree shows (tests and the status bar read the same). */
  current(): WatchState {
    this.state ??= this.watches.state(this.windowMs());
    return this.state;
  }

  refresh(delayMs = 250): void {
    this.refreshes.schedule(delayMs, () => {
      this.state = undefined;
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, Date.now());
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const state = this.current();
    if (!node) {
      // Before the profiles are read: a loading row (never the welcome view, which would flash).
      if (!state.loaded) return [{ kind: 'message', id: 'loading', text: 'Reading AWS profiles…', severity: 'info' } satisfies TreeNode];
      // No profile and no demo: no rows, so that the welcome view (package.json) shows.
      return state.noProfiles && state.snapshots.length === 0 && state.problems.length === 0 ? [] : rootNodes(state);
    }
    return childrenOf(node, { filter: this.filterText, isPinned: this.isPinned });
  }

  dispose(): void {
    this.refreshes.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
