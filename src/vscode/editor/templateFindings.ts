import * as vscode from 'vscode';
import { watchedFunctions } from '../../core/source/codeFindings';
import { SerialUpdate } from './serialUpdate';
import { setDiagnosticsByFile } from './diagnosticsByFile';
import { fixProperty } from '../../core/source/templateEdits';
import { computeTemplateFindings, type TemplateFinding } from '../../core/source/templateFindings';
import type { TextRange } from '../../core/source/textEdits';
import { readSettings, WINDOW_MS } from '../config';
import type { WatchManager } from '../watchManager';
import type { VscodeWorkspaceFiles } from '../workspaceFiles';
import type { CodeInsights } from './codeInsights';

const TEMPLATE_GLOB = '**/{template.yaml,template.yml,template.json,serverless.yml,serverless.yaml}';
const TEMPLATE_NAMES = new Set(['template.yaml', 'template.yml', 'template.json', 'serverless.yml', 'serverless.yaml']);

/**
 * Best-practice findings as diagnostics on templates and serverless.yml, where the setting is written,
 * with quick fixes: set the recommended value, or turn the rule off. Recomputed after each poll
 * (debounced), when a template changes on disk or in an editor, and when rules are turned off.
 */
export class TemplateFindings implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('lambdascope-templates');
  private readonly disposables: vscode.Disposable[] = [];
  private latest: readonly TemplateFinding[] = [];
  private readonly updates = new SerialUpdate(() => this.recompute());

  constructor(
    private readonly watches: WatchManager,
    private readonly insights: CodeInsights,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.diagnostics,
      // CodeInsights watches the files and refreshes the shared index first.
      insights.onDidChangeFile((uri) => {
        if (isTemplate(uri)) this.schedule(1000);
      }),
      watches.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isTemplate(e.document.uri) && e.contentChanges.length > 0) this.schedule(300);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isTemplate(d.uri)) this.schedule(300);
      }),
      vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: TEMPLATE_GLOB }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
  }

  /** The findings last placed (tests inside the extension host read them). */
  get current(): readonly TemplateFinding[] {
    return this.latest;
  }

  /** Where a function's finding is written in the workspace (the explorer's Show Finding opens it). */
  locate(profile: string, region: string, functionName: string, id: string): vscode.Location | undefined {
    const placed = this.latest.find((f) => f.profile === profile && f.region === region && f.functionName === functionName && f.code === id);
    const uri = placed ? this.insights.fileUri(placed.file) : undefined;
    return placed && uri ? new vscode.Location(uri, toRange(placed.range)) : undefined;
  }

  schedule(delayMs = 500): void {
    this.updates.schedule(delayMs);
  }

  private async recompute(): Promise<void> {
    try {
      const workspace = this.insights.workspace();
      if (!workspace) return;
      const settings = readSettings();
      const state = this.watches.state(WINDOW_MS[settings.window]);
      const files = workspace.files;
      const found = await computeTemplateFindings(watchedFunctions(state.snapshots), workspace.index, (file) => textOf(files, file), settings.findingsDisabled);
      if (this.updates.isDisposed) return;
      this.latest = found;
      this.publish(this.latest, files);
    } catch (error) {
      this.log.warn(`Placing findings on templates failed: ${error instanceof Error ? error.message : 'unexpected error'}`);
    }
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
    const actions: vscode.CodeAction[] = [];
    const offered = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'Lambdascope' || typeof diagnostic.code !== 'string') continue;
      // The same finding on the same line; its figures (in the message) may have moved on since the
      // editor's copy of the diagnostic was published: prefer the exact one, then any of that rule there.
      const here = this.latest.filter((f) => f.file === path && f.code === diagnostic.code && f.range.start.line === diagnostic.range.start.line);
      const placed = here.find((f) => f.message === diagnostic.message) ?? here[0];
      if (!placed) continue;
      const { property, recommended } = placed.finding;
      if (property !== undefined && recommended !== undefined) {
        // Computed on the text as it is now: the user may have edited the file since the last update.
        const fix = fixProperty(document.getText(), placed.definition, property, recommended);
        const action = new vscode.CodeAction(fix.ok ? `Set ${fix.label} to ${recommended}` : `Set ${property} to ${recommended}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.ok) {
          action.edit = new vscode.WorkspaceEdit();
          for (const e of fix.edits) action.edit.replace(document.uri, toRange(e.range), e.newText);
          action.isPreferred = true;
        } else {
          action.disabled = { reason: fix.reason };
        }
        actions.push(action);
      }
      if (!offered.has(placed.code)) {
        offered.add(placed.code);
        const off = new vscode.CodeAction(`Turn off rule ${placed.code}`, vscode.CodeActionKind.QuickFix);
        off.diagnostics = [diagnostic];
        off.command = { title: off.title, command: 'lambdascope.disableFindingRule', arguments: [placed.code] };
        actions.push(off);
      }
    }
    return actions;
  }

  private publish(found: readonly TemplateFinding[], files: VscodeWorkspaceFiles): void {
    setDiagnosticsByFile(this.diagnostics, files, found, (f) => {
      const diagnostic = new vscode.Diagnostic(toRange(f.range), f.message, f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
      diagnostic.source = 'Lambdascope';
      diagnostic.code = f.code;
      // Globals and the provider are shared: say which function the finding is about.
      if (f.where === 'inherited') diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(files.uri(f.file), toRange(f.declaration)), `${f.functionName} inherits this value`)];
      return diagnostic;
    });
  }

  dispose(): void {
    this.updates.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function isTemplate(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && TEMPLATE_NAMES.has(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}

/** The editor's text when the file is open (unsaved edits included), else the file's. */
function textOf(files: VscodeWorkspaceFiles, file: string): Promise<string | undefined> {
  const uri = files.uri(file).toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  return open ? Promise.resolve(open.getText()) : files.readText(file);
}

function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
