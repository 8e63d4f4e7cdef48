import * as vscode from 'vscode';
import { FINDING_IDS } from '../core/insights/findings';
import type { CommandRegistrar } from './commandIds';
import type { Panels } from './panels/panels';
import type { FindingNode } from './tree/treeNodes';
import { notificationText } from './messageText';

export interface FindingCommandParts {
  readonly register: CommandRegistrar;
  readonly panels: Panels;
  /** Where a function's finding is written in the workspace's template, when it is there. */
  readonly locate?: (profile: string, region: string, functionName: string, findingId: string) => vscode.Location | undefined;
}

function isFindingNode(value: unknown): value is FindingNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'finding';
}

const KNOWN_IDS: ReadonlySet<string> = new Set(FINDING_IDS);

/** Adds a rule to `lambdascope.findings.disabled` (the workspace's settings when a folder is open). */
async function disableFindingRule(id: string): Promise<void> {
  if (!KNOWN_IDS.has(id)) return;
  const config = vscode.workspace.getConfiguration('lambdascope');
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  // The effective list: arrays are not merged across scopes, so a workspace list written from the
  // workspace's own value alone would turn the user's other rules back on.
  const current = config.get<unknown>('findings.disabled');
  const list = Array.isArray(current) ? current.filter((v): v is string => typeof v === 'string') : [];
  if (list.includes(id)) return;
  await config.update('findings.disabled', [...list, id], target);
  void vscode.window.showInformationMessage(`Lambdascope: rule ${id} turned off (setting lambdascope.findings.disabled).`);
}

/** Show a finding: its line in the template when the workspace has one, else its details. */
export function registerFindingCommands(parts: FindingCommandParts): vscode.Disposable[] {
  return [
    parts.register('lambdascope.showFinding', async (node?: unknown) => {
      if (!isFindingNode(node)) return;
      const f = node.finding;
      const at = parts.locate?.(node.profile, node.region, node.functionName, f.id);
      if (at) {
        await vscode.window.showTextDocument(at.uri, { selection: at.range, preview: true });
        return;
      }
      const choice = await vscode.window.showInformationMessage(notificationText(`${node.functionName}: ${f.title}`), { modal: false, detail: `${f.evidence}. ${f.why} Fix: ${f.fix}` }, 'Open Function', 'Turn Off This Rule');
      if (choice === 'Open Function') parts.panels.showFunction({ profile: node.profile, region: node.region, functionName: node.functionName });
      else if (choice === 'Turn Off This Rule') await disableFindingRule(f.id);
    }),
    parts.register('lambdascope.disableFindingRule', async (arg?: unknown) => {
      const id = isFindingNode(arg) ? arg.finding.id : typeof arg === 'string' ? arg : (await vscode.window.showQuickPick([...FINDING_IDS], { title: 'Lambdascope: turn off a best-practice rule' }));
      if (id) await disableFindingRule(id);
    }),
  ];
}
