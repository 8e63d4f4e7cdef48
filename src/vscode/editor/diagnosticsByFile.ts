import type * as vscode from 'vscode';
import type { VscodeWorkspaceFiles } from '../workspaceFiles';

/** Replaces everything in `collection` with one diagnostic per item, grouped by workspace file. */
export function setDiagnosticsByFile<T extends { readonly file: string }>(collection: vscode.DiagnosticCollection, files: VscodeWorkspaceFiles, items: readonly T[], toDiagnostic: (item: T) => vscode.Diagnostic): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const item of items) {
    const list = byFile.get(item.file) ?? [];
    list.push(toDiagnostic(item));
    byFile.set(item.file, list);
  }
  collection.clear();
  for (const [file, list] of byFile) collection.set(files.uri(file), list);
}
