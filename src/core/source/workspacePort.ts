/**
 * The workspace as the source engine sees it: workspace-relative POSIX paths (`checkout-api/src/orders.ts`),
 * with no leading `./` or `/`. The VS Code glue implements it over `vscode.workspace`; tests over a map.
 */
export interface WorkspaceFiles {
  /**
   * Paths matching a glob (`**`, `*`, `{a,b}`, as `vscode.workspace.findFiles` takes them). Implementations
   * should leave out dependency and output folders (`node_modules`, the user's search excludes): results are
   * capped, and these folders would crowd out the workspace's own files.
   */
  findFiles(glob: string, maxResults?: number): Promise<string[]>;
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
}
