import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { isReadyMessage } from '../../shared/protocol';
import type { ReportDto } from '../../shared/panelData';
import type { HostToPanel } from '../../shared/protocol';
import { webviewHtml } from './webviewHtml';

/** Shows one analysis report in a webview panel (reused while it is open). */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private report: ReportDto | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, report: ReportDto): void {
    const panel = ReportPanel.current ?? new ReportPanel(extensionUri);
    ReportPanel.current = panel;
    panel.update(report);
  }

  private constructor(extensionUri: vscode.Uri, private readonly panel = ReportPanel.create(extensionUri)) {
    const webview = this.panel.webview;
    webview.html = webviewHtml({
      title: 'Lambdascope report',
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'report.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        if (!isReadyMessage(message)) return;
        this.ready = true;
        this.post();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private static create(extensionUri: vscode.Uri): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel('lambdascope.report', 'Lambdascope report', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
  }

  private update(report: ReportDto): void {
    this.report = report;
    this.panel.reveal();
    this.post();
  }

  private post(): void {
    if (!this.ready || !this.report) return;
    const message: HostToPanel = { type: 'report', report: this.report };
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    ReportPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
