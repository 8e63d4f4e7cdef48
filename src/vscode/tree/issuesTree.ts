import * as vscode from 'vscode';
import type { WatchManager } from '../watchManager';
import { GROUP_LABEL, issueGroups, type IssueGroupNode } from './issuesModel';
import { toTreeItem } from './treeItems';
import type { IssueNode } from './treeNodes';
import { Debounce } from './debounce';

type IssuesViewNode = IssueGroupNode | IssueNode;

const GROUP_ICON = { new: 'sparkle', regressed: 'history', open: 'bug', muted: 'bell-slash', resolved: 'pass' } as const;

/**
 * The Issues view: every issue of the watched functions in the window, grouped New · Regressed ·
 * Open · Muted · Resolved. "New" are the open issues the user had not seen when last looking
 * (the status bar's highlight), so that looking does not empty the group being looked at.
 */
export class IssuesTree implements vscode.TreeDataProvider<IssuesViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IssuesViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshes = new Debounce();
  private groups: IssueGroupNode[] | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly watches: WatchManager,
    private readonly windowMs: () => number,
    private readonly seenBefore: () => ReadonlySet<string>,
  ) {
    this.subscription = watches.onDidChange(() => this.refresh());
  }

  /** The groups shown (tests inside the extension host read them). */
  current(): IssueGroupNode[] {
    this.groups ??= issueGroups(this.watches.state(this.windowMs()), this.seenBefore());
    return this.groups;
  }

  refresh(delayMs = 250): void {
    this.refreshes.schedule(delayMs, () => {
      this.groups = undefined;
      this.changed.fire(undefined);
    });
  }

  getTreeItem(node: IssuesViewNode): vscode.TreeItem {
    if (node.kind === 'issue') return toTreeItem(node, Date.now());
    const item = new vscode.TreeItem(GROUP_LABEL[node.group], node.group === 'resolved' || node.group === 'muted' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = String(node.issues.length);
    item.iconPath = new vscode.ThemeIcon(GROUP_ICON[node.group]);
    item.contextValue = 'issueGroup';
    item.accessibilityInformation = { label: `${GROUP_LABEL[node.group]}: ${node.issues.length} issue${node.issues.length === 1 ? '' : 's'}` };
    return item;
  }

  getChildren(node?: IssuesViewNode): IssuesViewNode[] {
    if (!node) return this.current();
    return node.kind === 'issueGroup' ? [...node.issues] : [];
  }

  dispose(): void {
    this.refreshes.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
