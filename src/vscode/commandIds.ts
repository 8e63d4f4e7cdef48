import type * as vscode from 'vscode';

/**
 * Every command the extension contributes (package.json `contributes.commands`; a unit test keeps
 * the two equal). They are registered at activation, and run once the services are loaded.
 */
export const COMMAND_IDS = [
  'lambdascope.analyzeFile',
  'lambdascope.analyzeDemo',
  'lambdascope.refresh',
  'lambdascope.filter',
  'lambdascope.clearFilter',
  'lambdascope.pickWindow',
  'lambdascope.tryDemo',
  'lambdascope.configureProfile',
  'lambdascope.signIn',
  'lambdascope.openFunction',
  'lambdascope.showIssue',
  'lambdascope.pin',
  'lambdascope.unpin',
  'lambdascope.copyArn',
  'lambdascope.openInConsole',
  'lambdascope.focusIssues',
  'lambdascope.openFunctionByName',
  'lambdascope.openHandler',
  'lambdascope.resolveIssue',
  'lambdascope.muteIssue',
  'lambdascope.reopenIssue',
  'lambdascope.setSlackWebhook',
  'lambdascope.setAlertWebhook',
  'lambdascope.sendTestAlert',
  'lambdascope.turnOffFinding',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Registers a command's implementation (with the activation stub that forwards to it). */
export type CommandRegistrar = (id: CommandId, handler: (...args: never[]) => unknown) => vscode.Disposable;

/** The webview panels VS Code restores after a reload (package.json `onWebviewPanel:` events). */
export const PANEL_TYPES = ['lambdascope.function', 'lambdascope.issue'] as const;

export type PanelType = (typeof PANEL_TYPES)[number];
