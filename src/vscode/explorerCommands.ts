import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { readSettings, updateSetting, type WindowChoice } from './config';
import type { FunctionsTree } from './tree/functionsTree';
import type { FunctionNode, IssueNode } from './tree/treeNodes';
import type { WatchManager } from './watchManager';
import type { IssuesStatusBar } from './statusBar';
import type { PinStore } from './pinStore';
import type { IssueRef } from './panels/panelContext';
import type { Panels } from './panels/panels';
import type { CommandRegistrar } from './commandIds';
import { labelText, notificationText } from './messageText';

export interface ExplorerParts {
  readonly extensionUri: vscode.Uri;
  readonly watches: WatchManager;
  readonly tree: FunctionsTree;
  readonly treeView: vscode.TreeView<unknown>;
  readonly statusBar: IssuesStatusBar;
  readonly pins: PinStore;
  readonly log: vscode.LogOutputChannel;
  readonly register: CommandRegistrar;
  readonly panels: Panels;
  /** Where each watched function's handler is in the workspace (`profile|region|name`). */
  readonly handlerOf: (profile: string, region: string, name: string) => { file: string; line: number } | undefined;
  readonly fileUri: (path: string) => vscode.Uri | undefined;
}

/** Profile names go into a terminal command line: only names that need no quoting. */
const SAFE_PROFILE = /^[A-Za-z0-9_.@+=,-]{1,128}$/;

function consoleUrl(region: string, name: string): vscode.Uri {
  return vscode.Uri.parse(`https://${region}.console.aws.amazon.com/lambda/home?region=${encodeURIComponent(region)}#/functions/${encodeURIComponent(name)}`);
}

function isFunctionNode(value: unknown): value is FunctionNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'function';
}

/** The commands of the explorer: palette (category "Lambdascope"), title bar and context menus. */
export function registerExplorerCommands(parts: ExplorerParts): vscode.Disposable[] {
  const { watches, tree, treeView, statusBar, pins, register } = parts;
  const openFunction = (node: FunctionNode): void => {
    parts.panels.showFunction({ profile: node.profile, region: node.region, functionName: node.view.name });
  };
  const pickFunction = async (): Promise<FunctionNode | undefined> => {
    const items = tree.current().snapshots.flatMap((s) =>
      s.functions.map((view) => ({ label: view.name, description: `${s.profile} · ${s.region}`, node: { kind: 'function', id: '', profile: s.profile, region: s.region, view, pinned: pins.has(s.profile, s.region, view.name) } satisfies FunctionNode })),
    );
    return (await vscode.window.showQuickPick(items, { title: 'Lambdascope: pick a function', matchOnDescription: true }))?.node;
  };
  const pickIssue = (): Promise<IssueRef | undefined> => pickIssueFrom(tree);
  const withFunction = (run: (node: FunctionNode) => unknown) => async (arg?: unknown) => {
    const node = isFunctionNode(arg) ? arg : await pickFunction();
    if (node) await run(node);
  };
  return [
    register('lambdascope.refresh', () => {
      watches.refresh();
      tree.refresh(0);
    }),
    register('lambdascope.filter', async () => {
      const text = await vscode.window.showInputBox({ title: 'Lambdascope: filter functions by name', value: tree.filter ?? '', prompt: 'Part of a function name; empty shows all' });
      if (text === undefined) return;
      tree.filter = text;
      treeView.message = tree.filter ? `Showing functions matching "${tree.filter}"` : undefined;
      await vscode.commands.executeCommand('setContext', 'lambdascope.filtered', tree.filter !== undefined);
    }),
    register('lambdascope.clearFilter', async () => {
      tree.filter = undefined;
      treeView.message = undefined;
      await vscode.commands.executeCommand('setContext', 'lambdascope.filtered', false);
    }),
    register('lambdascope.pickWindow', async () => {
      const current = readSettings().window;
      const choices: Array<{ label: string; value: WindowChoice }> = [
        { label: 'Last 15 minutes', value: '15m' },
        { label: 'Last hour', value: '1h' },
        { label: 'Last 24 hours', value: '24h' },
      ];
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({ ...c, description: c.value === current ? 'current' : undefined })),
        { title: 'Lambdascope: time window' },
      );
      if (picked) await updateSetting('window', picked.value);
    }),
    register('lambdascope.tryDemo', async () => {
      await updateSetting('demo.enabled', true);
      await vscode.commands.executeCommand('lambdascope.functions.focus');
    }),
    register('lambdascope.configureProfile', async () => {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'Sign in with AWS IAM Identity Center (SSO)', detail: 'Runs `aws configure sso` in a terminal', command: 'aws configure sso' },
          { label: 'Use access keys', detail: 'Runs `aws configure` in a terminal', command: 'aws configure' },
          { label: 'Read the AWS CLI guide', detail: 'docs.aws.amazon.com', url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html' },
        ],
        { title: 'Lambdascope: configure an AWS profile' },
      );
      if (!choice) return;
      if ('url' in choice && choice.url) await vscode.env.openExternal(vscode.Uri.parse(choice.url));
      else if ('command' in choice && choice.command) {
        const terminal = vscode.window.createTerminal({ name: 'AWS configure', cwd: homedir() });
        terminal.show();
        terminal.sendText(choice.command);
      }
    }),
    register('lambdascope.signIn', (profile?: unknown) => {
      if (typeof profile !== 'string' || !SAFE_PROFILE.test(profile)) {
        void vscode.window.showErrorMessage('Run `aws sso login --profile <name>` in a terminal, then refresh Lambdascope.');
        return;
      }
      // Not in the workspace folder: a repository's own `aws` script must not run instead.
      const terminal = vscode.window.createTerminal({ name: `AWS sign-in: ${profile}`, cwd: homedir() });
      terminal.show();
      terminal.sendText(`aws sso login --profile ${profile}`);
      void vscode.window.showInformationMessage(notificationText(`When the sign-in for ${profile} is done, refresh Lambdascope.`), 'Refresh').then((answer) => {
        if (answer) void vscode.commands.executeCommand('lambdascope.refresh');
      });
    }),
    register('lambdascope.pin', withFunction(async (node) => {
      await pins.set(node.profile, node.region, node.view.name, true);
      watches.watch(node.profile, node.region)?.poller.pin(node.view.name);
      tree.refresh(0);
    })),
    register('lambdascope.unpin', withFunction(async (node) => {
      await pins.set(node.profile, node.region, node.view.name, false);
      watches.watch(node.profile, node.region)?.poller.unpin(node.view.name);
      tree.refresh(0);
    })),
    register('lambdascope.copyArn', withFunction(async (node) => {
      await vscode.env.clipboard.writeText(node.view.status.config.arn);
      void vscode.window.setStatusBarMessage(`Copied the ARN of ${node.view.name}`, 3000);
    })),
    register('lambdascope.openHandler', withFunction(async (node) => {
      const at = parts.handlerOf(node.profile, node.region, node.view.name);
      const uri = at ? parts.fileUri(at.file) : undefined;
      if (!at || !uri) {
        const handler = node.view.status.config.handler;
        void vscode.window.showInformationMessage(notificationText(`The handler of ${node.view.name}${handler ? ` (${handler})` : ''} was not found in this workspace: Lambdascope looks in SAM/CloudFormation templates, serverless.yml and the files the handler string names.`));
        return;
      }
      const editor = await vscode.window.showTextDocument(uri, { preview: false });
      const position = new vscode.Position(at.line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    })),
    register('lambdascope.openInConsole', withFunction((node) => vscode.env.openExternal(consoleUrl(node.region, node.view.name)))),
    register('lambdascope.openFunction', withFunction(openFunction)),
    register('lambdascope.openFunctionByName', (profile?: unknown, region?: unknown, name?: unknown) => {
      if (typeof profile !== 'string' || typeof region !== 'string' || typeof name !== 'string') return;
      parts.panels.showFunction({ profile, region, functionName: name });
    }),
    // From the tree (an issue node), or from a code action / the status bar with the issue's identity.
    register('lambdascope.showIssue', (node?: IssueNode | string, region?: unknown, functionName?: unknown, fingerprint?: unknown) => {
      if (typeof node === 'object' && node?.kind === 'issue') {
        parts.panels.showIssue({ profile: node.profile, region: node.region, functionName: node.functionName, fingerprint: node.issue.fingerprint });
      } else if (typeof node === 'string' && typeof region === 'string' && typeof functionName === 'string' && typeof fingerprint === 'string') {
        parts.panels.showIssue({ profile: node, region, functionName, fingerprint });
      } else if (node === undefined) {
        void pickIssue().then((ref) => ref && parts.panels.showIssue(ref));
      }
    }),
    register('lambdascope.focusIssues', async () => {
      await vscode.commands.executeCommand('lambdascope.issues.focus');
      statusBar.markSeen();
    }),
  ];
}

/** Asks which of the window's issues (most frequent first). */
export async function pickIssueFrom(tree: FunctionsTree): Promise<IssueRef | undefined> {
  const items = tree.current().snapshots.flatMap((s) =>
    s.functions.flatMap((view) =>
      (view.report?.issues ?? []).map((issue) => ({
        label: labelText(issue.title.replace(/\s+/g, ' ').slice(0, 200)),
        description: `${issue.state && issue.state !== 'open' ? `${issue.state} · ` : ''}${issue.count}× · ${view.name} · ${s.profile} · ${s.region}`,
        ref: { profile: s.profile, region: s.region, functionName: view.name, fingerprint: issue.fingerprint },
        count: issue.count,
      })),
    ),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No issues in this window.');
    return undefined;
  }
  items.sort((a, b) => b.count - a.count);
  return (await vscode.window.showQuickPick(items, { title: 'Lambdascope: pick an issue', matchOnDescription: true }))?.ref;
}
