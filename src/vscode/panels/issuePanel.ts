import * as vscode from 'vscode';
import type { PanelType } from '../commandIds';
import { visibleText } from '../../core/health/figureText';
import { issueHistoryModel } from '../../core/issues/issueHistoryModel';
import { issueKey } from '../../core/issues/issueStateBook';
import type { FrameDto, IssueStateDto } from '../../shared/panelData';
import type { PanelCommand, PanelRequests, RequestMethod } from '../../shared/protocol';
import { functionNow, invocationDetail, missingReason, type IssueRef, type PanelContext } from './panelContext';
import { issueHistoryDto } from './panelDtos';
import { PanelHost } from './panelHost';

export const ISSUE_PANEL_TYPE: PanelType = 'lambdascope.issue';

/**
 * The issue panel: one issue's history, recent occurrences and latest stack, its in-app frames
 * placed in the workspace. Sent again when the issue changes (a new occurrence), not every cycle.
 */
export class IssuePanel {
  readonly host: PanelHost;
  /** The frames the page shows: `openFrame` names one by index, never by path. */
  private frames: readonly FrameDto[] = [];
  private sent: { count: number; lastSeen: number; state: IssueStateDto } | undefined;
  private sending = 0;
  /** The reason last posted that there is nothing to show. */
  private sentMissing: string | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly ref: IssueRef,
    private readonly context: PanelContext,
  ) {
    this.host = new PanelHost(panel, context.extensionUri, 'issue', {
      onReady: () => {
        this.sent = undefined;
        this.sentMissing = undefined;
        void this.update();
      },
      onCommand: (command) => this.command(command),
      onRequest: <M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], signal: AbortSignal) => this.request(method, params, signal),
    }, context.log);
  }

  async update(): Promise<void> {
    if (!this.host.listening) return;
    const now = functionNow(this.context, this.ref);
    const issue = now?.monitor?.issues.get(this.ref.fingerprint);
    const watch = this.context.watches.watch(this.ref.profile, this.ref.region);
    const entry = watch ? this.context.states.book.get(issueKey(watch.placeOf(this.ref.functionName), this.ref.fingerprint)) : undefined;
    const state = entry?.state ?? 'open';
    if (!issue) {
      this.notifyMissing();
      return;
    }
    if (this.sent && this.sent.count === issue.count && this.sent.lastSeen === issue.lastSeen && this.sent.state === state) return;
    const version = ++this.sending;
    const model = issueHistoryModel(issue);
    const view = now?.view;
    const placed = view ? await this.context.insights.placeFrames({ profile: this.ref.profile, region: this.ref.region, view }, issue.latest.frames) : [];
    // A newer update started while frames were being placed: it sends.
    if (version !== this.sending) return;
    const dto = issueHistoryDto(model, placed, { profile: this.ref.profile, region: this.ref.region, state, ...(entry?.history ? { stored: entry.history } : {}) });
    this.frames = dto.frames;
    this.sent = { count: issue.count, lastSeen: issue.lastSeen, state };
    this.host.panel.title = `Issue: ${shortTitle(issue.title)}`;
    this.host.notify({ type: 'issue', issue: dto });
  }

  /** Nothing to show: say why once it is known (the page keeps what it showed before, if anything). */
  private notifyMissing(): void {
    const reason = missingReason(this.context, this.ref, this.ref.fingerprint);
    if (reason === undefined || this.sentMissing === reason) return;
    this.sentMissing = reason;
    this.host.notify({ type: 'unavailable', message: reason });
  }

  private async command(command: PanelCommand): Promise<void> {
    if (command.type === 'issueAction') {
      const id = command.action === 'resolve' ? 'lambdascope.resolveIssue' : command.action === 'mute' ? 'lambdascope.muteIssue' : 'lambdascope.reopenIssue';
      await vscode.commands.executeCommand(id, this.ref.profile, this.ref.region, this.ref.functionName, this.ref.fingerprint);
      return;
    }
    if (command.type === 'openFunction') {
      this.context.showFunction(this.ref);
      return;
    }
    if (command.type === 'openFrame') {
      const at = this.frames[command.index]?.workspace;
      const uri = at ? this.context.insights.workspaceFileUri(at.file) : undefined;
      if (!at || !uri) {
        void vscode.window.showInformationMessage('This frame is not in the workspace.');
        return;
      }
      const position = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false, selection: new vscode.Range(position, position) });
    }
  }

  private request<M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], signal: AbortSignal): Promise<PanelRequests[M]['result']> {
    const _exhaustive: 'invocation' = method;
    return invocationDetail(this.context, this.ref, params.requestId, params.time, signal);
  }
}

/** Tab titles stay short; the page shows the whole title. */
function shortTitle(title: string): string {
  const line = visibleText(title.replace(/\s+/g, ' ').trim());
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
