import * as vscode from 'vscode';
import type { WorkspaceFiles } from '../core/source/workspacePort';

// Dependency and build folders crowd out the workspace's own files in capped searches.
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/venv/**,**/__pycache__/**,**/target/**,**/cdk.out/**}';
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The source engine's port over the first workspace folder (paths relative to it, POSIX). */
export class VscodeWorkspaceFiles implements WorkspaceFiles {
  constructor(private readonly folder: vscode.WorkspaceFolder) {}

  async findFiles(glob: string, maxResults?: number): Promise<string[]> {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, glob), EXCLUDE, maxResults);
    return uris.map((uri) => vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/'));
  }

  async readText(path: string): Promise<string | undefined> {
    try {
      const uri = this.uri(path);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) return undefined;
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(this.uri(path));
      return true;
    } catch {
      return false;
    }
  }

  uri(path: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...path.split('/'));
  }
}
