import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isSourceError } from '../../core/ports';
import { isPanelToHost, type HostNotification, type HostToPanel, type PanelCommand, type PanelRequests, type RequestMethod } from '../../shared/protocol';
import { webviewHtml } from './webviewHtml';

/** What a panel does with the messages of its page. */
export interface PanelHandlers {
  /** The page (re)loaded and waits for its data: send it whole. */
  onReady(): void;
  onCommand(command: PanelCommand): void | Promise<void>;
  onRequest<M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], signal: AbortSignal): Promise<PanelRequests[M]['result']>;
}

export type PanelPage = 'timeline' | 'issue';

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * One webview panel's plumbing: the page with a fresh nonce, the `ready` handshake, messages checked
 * before use, requests answered with a reply of the same id. A hidden panel's page is discarded by
 * VS Code; when it shows again it says `ready` again and gets its data whole, so nothing is sent
 * while no page listens.
 */
export class PanelHost implements vscode.Disposable {
  private ready = false;
  private closed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<AbortController>();
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  /** The last message of each kind posted to the page (tests inside the extension host read it). */
  readonly lastPosted = new Map<HostToPanel['type'], HostToPanel>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: PanelPage,
    private readonly handlers: PanelHandlers,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const webview = panel.webview;
    webview.options = panelOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'lambdascope.svg');
    webview.html = webviewHtml({
      title: panel.title,
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${page}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panels.css')).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Whether a page listens (updates are worth computing). */
  get listening(): boolean {
    return this.ready;
  }

  notify(message: HostNotification): void {
    if (this.ready) this.post(message);
  }

  private post(message: HostToPanel): void {
    this.lastPosted.set(message.type, message);
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private receive(message: unknown): void {
    if (!isPanelToHost(message)) {
      this.log.warn('A Lambdascope panel sent a message it may not send; ignored.');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.handlers.onReady();
        return;
      case 'request':
        void this.answer(message.id, message.method, message.params);
        return;
      default:
        void Promise.resolve()
          .then(() => this.handlers.onCommand(message))
          .catch((error: unknown) => this.log.error(`A panel command failed: ${describe(error)}`));
    }
  }

  private async answer<M extends RequestMethod>(id: number, method: M, params: PanelRequests[M]['params']): Promise<void> {
    const controller = new AbortController();
    this.pending.add(controller);
    try {
      const result = await this.handlers.onRequest(method, params, controller.signal);
      this.post({ type: 'reply', id, ok: true, result });
    } catch (error) {
      this.log.warn(`A panel request (${method}) failed: ${describe(error)}`);
      this.post({ type: 'reply', id, ok: false, error: describe(error) });
    } finally {
      this.pending.delete(controller);
    }
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const controller of this.pending) controller.abort();
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.disposed.fire();
    this.disposed.dispose();
    this.panel.dispose();
  }
}

/** A message for the user: our errors say what happened and the fix; anything else stays generic. */
function describe(error: unknown): string {
  if (isSourceError(error)) return error.message;
  if (error instanceof PanelError) return error.message;
  return 'Lambdascope could not do this (see the Lambdascope output for details).';
}

/** An error whose message is written for the user (no secrets, no log text). */
export class PanelError extends Error {}
