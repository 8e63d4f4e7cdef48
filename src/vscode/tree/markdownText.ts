import * as vscode from 'vscode';

/**
 * Text from logs and AWS is attacker-controlled: in Markdown it is escaped (no links, no HTML,
 * no table breaks), and the MarkdownString is never trusted, so no `command:` link can run.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:$]/g, '\\$&');
}

export function untrustedMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** A two-column table of (label, value) rows, every cell escaped. */
export function markdownTable(title: string, rows: ReadonlyArray<readonly [string, string]>): vscode.MarkdownString {
  const md = untrustedMarkdown();
  md.appendMarkdown(`**${escapeMarkdown(title)}**\n\n| | |\n|---|---|\n`);
  for (const [label, value] of rows) md.appendMarkdown(`| ${escapeMarkdown(label)} | ${escapeMarkdown(value)} |\n`);
  return md;
}
