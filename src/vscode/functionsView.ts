import * as vscode from 'vscode';

/**
 * The Functions view. Until live profiles arrive it has no rows, so VS Code shows the view's
 * welcome content (package.json `viewsWelcome`) with its actions.
 */
export class FunctionsView implements vscode.TreeDataProvider<never> {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
