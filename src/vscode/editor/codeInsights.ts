import * as vscode from 'vscode';
import type { StackFrame } from '../../core/issues/stackFrames';
import { computeCodeFindings, deployedFunction, watchedFunctions, type CodeFindings, type HandlerLens, type WatchedFunction } from '../../core/source/codeFindings';
import { invocationsPerSpan, sparkline, sparklineSpanMs } from '../../core/health/activityLine';
import { escapeMarkdown, untrustedMarkdown } from '../tree/markdownText';
import { SerialUpdate } from './serialUpdate';
import { setDiagnosticsByFile } from './diagnosticsByFile';
import type { SourcePosition } from '../../core/source/sourceMaps';
import { workspaceSegments } from '../../core/source/workspacePath';
import { WorkspaceIndex } from '../../core/source/workspaceIndex';
import { readSettings, WINDOW_MS } from '../config';
import type { WatchManager } from '../watchManager';
import { VscodeWorkspaceFiles } from '../workspaceFiles';

const WINDOW_LABEL = { '15m': 'in the last 15 minutes', '1h': 'in the last hour', '24h': 'in the last 24 hours' } as const;
const WINDOW_SHORT = { '15m': '15 min', '1h': '1 h', '24h': '24 h' } as const;

/**
 * Diagnostics (source "Lambdascope") on handlers and on the frames that threw, and a CodeLens above
 * each handler found in the workspace. Recomputed after each poll (debounced) and when templates,
 * sources or source maps change.
 */
export class CodeInsights implements vscode.CodeLensProvider, vscode.CodeActionProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lambdascope');
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  private index: WorkspaceIndex | undefined;
  private files: VscodeWorkspaceFiles | undefined;
  private latest: CodeFindings | undefined;
  private readonly updates = new SerialUpdate(() => this.recompute());

  private readonly filesChanged = new vscode.EventEmitter<vscode.Uri>();
  /** A watched workspace file changed on disk, after the shared index was told. */
  readonly onDidChangeFile = this.filesChanged.event;

  constructor(
    private readonly watches: WatchManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.diagnostics,
      this.lensesChanged,
      watches.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.index = undefined;
        this.schedule();
      }),
      vscode.languages.registerCodeLensProvider([{ scheme: 'file' }], this),
      vscode.languages.registerHoverProvider([{ scheme: 'file' }], this),
      vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }], this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/{template.yaml,template.yml,template.json,serverless.yml,serverless.yaml,*.map,*.js,*.mjs,*.cjs,*.ts,*.py,*.java}');
    const changed = (uri: vscode.Uri): void => {
      this.index?.refresh();
      this.schedule(1000);
      this.filesChanged.fire(uri);
    };
    this.disposables.push(this.filesChanged, watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  /** The findings last computed (tests inside the extension host read them). */
  get current(): CodeFindings | undefined {
    return this.latest;
  }

  /** A workspace-relative path as a URI (undefined without a workspace folder). */
  fileUri(path: string): vscode.Uri | undefined {
    return this.files?.uri(path);
  }

  /**
   * A workspace-relative path as a URI, only when it stays inside the workspace folder: paths that
   * come from source maps or logs may climb out of it with `..`.
   */
  workspaceFileUri(path: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const segments = workspaceSegments(path);
    if (!folder || !segments) return undefined;
    const uri = vscode.Uri.joinPath(folder.uri, ...segments);
    const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return uri.path.startsWith(root) ? uri : undefined;
  }

  /** Where each in-app frame of a function's stack is in the workspace (source maps applied). */
  async placeFrames(watched: WatchedFunction, frames: readonly StackFrame[]): Promise<Array<SourcePosition | undefined>> {
    const index = this.workspaceIndex();
    if (!index) return frames.map(() => undefined);
    const fn = deployedFunction(watched);
    return Promise.all(frames.map((frame) => (frame.inApp ? index.mapFrame(fn, frame).catch(() => undefined) : Promise.resolve(undefined))));
  }

  /** The workspace's functions and files, shared with the template findings (one scan for both). */
  workspace(): { readonly index: WorkspaceIndex; readonly files: VscodeWorkspaceFiles } | undefined {
    const index = this.workspaceIndex();
    return index && this.files ? { index, files: this.files } : undefined;
  }

  private workspaceIndex(): WorkspaceIndex | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    if (!this.index || this.files === undefined) {
      this.files = new VscodeWorkspaceFiles(folder);
      this.index = new WorkspaceIndex(this.files);
    }
    return this.index;
  }

  schedule(delayMs = 500): void {
    this.updates.schedule(delayMs);
  }

  update(): Promise<void> {
    return this.updates.now();
  }

  private async recompute(): Promise<void> {
    try {
      const index = this.workspaceIndex();
      if (!index || !this.files) return;
      const settings = readSettings();
      const state = this.watches.state(WINDOW_MS[settings.window]);
      const result = await computeCodeFindings(watchedFunctions(state.snapshots), index, { now: Date.now(), windowLabel: WINDOW_LABEL[settings.window], windowShort: WINDOW_SHORT[settings.window] });
      if (this.updates.isDisposed) return;
      this.latest = result;
      this.publish(result, this.files);
      this.lensesChanged.fire();
    } catch (error) {
      this.log.warn(`Placing issues in the workspace failed: ${error instanceof Error ? error.message : 'unexpected error'}`);
    }
  }

  /** The lenses of `document`'s handlers. */
  private lensesOf(document: vscode.TextDocument): HandlerLens[] {
    const files = this.files;
    if (!this.latest || !files) return [];
    // Compared as URIs: a path relative to its own folder could name another folder's file (only
    // the first folder of a multi-root workspace is indexed).
    const target = document.uri.toString();
    return this.latest.lenses.filter((l) => files.uri(l.file)?.toString() === target);
  }

  /** On a handler's line: the lens's figures, and its invocations over the window as a sparkline. */
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const lens = this.lensesOf(document).find((l) => Math.min(l.line, Math.max(0, document.lineCount - 1)) === position.line);
    if (!lens) return undefined;
    const settings = readSettings();
    const windowMs = WINDOW_MS[settings.window];
    const to = Date.now();
    const from = to - windowMs;
    const spanMs = sparklineSpanMs(windowMs);
    const buckets = this.watches.watch(lens.profile, lens.region)?.analyzer.find(lens.functionName)?.series.buckets() ?? [];
    // From the first whole span, so that each block counts a whole span.
    const start = Math.ceil(from / spanMs) * spanMs;
    const counts = invocationsPerSpan(buckets, start, to, spanMs);
    const md = untrustedMarkdown();
    md.appendMarkdown(`${escapeMarkdown(lens.title)}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(`Invocations per ${spanMs / 60_000 >= 60 ? `${spanMs / 3_600_000} h` : `${spanMs / 60_000} min`}, ${WINDOW_LABEL[settings.window]}:`)} \`${sparkline(counts)}\` ${escapeMarkdown(`(at most ${Math.max(0, ...counts).toLocaleString('en-US')})`)}\n\n`);
    md.appendMarkdown(escapeMarkdown(`${lens.functionName} · ${lens.profile} · ${lens.region}`));
    return new vscode.Hover(md);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.lensesOf(document)
      .map((l) => {
        const line = Math.min(l.line, Math.max(0, document.lineCount - 1));
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: l.title,
          tooltip: `Open ${l.functionName} (${l.profile} · ${l.region})`,
          command: 'lambdascope.openFunctionByName',
          arguments: [l.profile, l.region, l.functionName],
        });
      });
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.latest) return [];
    const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
    const ours = context.diagnostics.filter((d) => d.source === 'Lambdascope');
    if (ours.length === 0) return [];
    const finding = this.latest.findings.find((f) => f.file === path && range.intersection(new vscode.Range(f.line, 0, f.line, Number.MAX_SAFE_INTEGER)));
    if (!finding) return [];
    const actions: vscode.CodeAction[] = [];
    if (finding.fingerprint) {
      const history = new vscode.CodeAction('Lambdascope: open the issue history', vscode.CodeActionKind.QuickFix);
      history.diagnostics = ours;
      history.isPreferred = true;
      const args = [finding.profile, finding.region, finding.functionName, finding.fingerprint];
      history.command = { title: history.title, command: 'lambdascope.showIssue', arguments: args };
      actions.push(history);
      for (const [title, command] of [['Lambdascope: resolve the issue', 'lambdascope.resolveIssue'], ['Lambdascope: mute the issue…', 'lambdascope.muteIssue']] as const) {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = ours;
        action.command = { title, command, arguments: args };
        actions.push(action);
      }
    }
    const timeline = new vscode.CodeAction(`Lambdascope: open the timeline of ${finding.functionName}`, vscode.CodeActionKind.QuickFix);
    timeline.diagnostics = ours;
    timeline.command = { title: timeline.title, command: 'lambdascope.openFunctionByName', arguments: [finding.profile, finding.region, finding.functionName] };
    actions.push(timeline);
    return actions;
  }

  private publish(result: CodeFindings, files: VscodeWorkspaceFiles): void {
    setDiagnosticsByFile(this.diagnostics, files, result.findings, (f) => {
      const range = new vscode.Range(f.line, f.column, f.line, Number.MAX_SAFE_INTEGER);
      const diagnostic = new vscode.Diagnostic(range, f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'Lambdascope';
      // A plain code, not a link: a diagnostic's message and code come from logs.
      diagnostic.code = f.fingerprint ? `issue ${f.fingerprint.slice(0, 8)}` : 'function';
      diagnostic.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(files.uri(r.file), new vscode.Position(r.line, r.column)), r.message));
      return diagnostic;
    });
  }

  dispose(): void {
    this.updates.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
