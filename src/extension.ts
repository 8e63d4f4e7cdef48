import * as vscode from 'vscode';
import { registerAnalyzeCommands } from './vscode/analyzeCommands';
import { FunctionsView } from './vscode/functionsView';

// Kept small: activation does no I/O and loads no AWS client.
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Lambdascope');
  const functions = new FunctionsView();
  context.subscriptions.push(
    output,
    functions,
    vscode.window.registerTreeDataProvider('lambdascope.functions', functions),
    ...registerAnalyzeCommands(output, context.extensionUri),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
