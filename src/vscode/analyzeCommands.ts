import * as vscode from 'vscode';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Analyzer } from '../core/analysis/analyzer';
import { buildAnalysisReport } from '../core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../core/cost/priceTable';
import { analyzeStream } from '../cli/analyzeCommand';
import { defaultThreads } from '../cli/parallelAnalyze';
import { formatReport } from '../cli/formatReport';
import { TrafficGenerator } from '../demo/trafficGenerator';
import { ReportPanel } from './panels/reportPanel';
import { toReportDto } from './panels/reportDto';
import type { CommandRegistrar } from './commandIds';

/**
 * "Analyze Log File…" and "Analyze the Demo Account": the engine's report in a panel and in an
 * output channel of its own (not the log: clearing it would wipe the log, and a log channel
 * prefixes every line with a time and hides it below the log level chosen).
 */
export function registerAnalyzeCommands(extensionUri: vscode.Uri, register: CommandRegistrar): vscode.Disposable[] {
  const output = vscode.window.createOutputChannel('Lambdascope Reports');
  return [
    output,
    register('lambdascope.analyzeFile', async (uri?: vscode.Uri) => {
      const target =
        uri ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: 'Analyze',
            title: 'CloudWatch log events (JSON Lines or `aws logs filter-log-events` output)',
            filters: { 'Log events': ['jsonl', 'json', 'ndjson', 'log', 'txt'], 'All files': ['*'] },
          })
        )?.[0];
      if (!target) return;
      if (target.scheme !== 'file') {
        void vscode.window.showErrorMessage('Lambdascope can analyze files on this machine only.');
        return;
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Lambdascope: analyzing log events…' },
        async () => {
          const skippedLines: string[] = [];
          try {
            const result = await analyzeStream(createReadStream(target.fsPath), {
              // One core left to the editor and the rest of the machine.
              threads: defaultThreads(availableParallelism(), 1),
              onSkip: (line, reason, event) => {
                if (skippedLines.length < 20) skippedLines.push(`line ${line}${event === undefined ? '' : `, event ${event}`}: ${reason}`);
              },
            });
            output.clear();
            output.appendLine(`Lambdascope — ${target.fsPath}`);
            output.append(formatReport(result.report, result.skipped));
            for (const s of skippedLines) output.appendLine(`  skipped ${s}`);
            ReportPanel.show(extensionUri, toReportDto(result.report, vscode.workspace.asRelativePath(target), result.skipped.lines));
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            void vscode.window.showErrorMessage(`Lambdascope could not read the file${code ? ` (${code})` : ''}.`);
          }
        },
      );
    }),
    register('lambdascope.analyzeDemo', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Lambdascope: analyzing the demo account…' }, async () => {
        const analyzer = new Analyzer({ thresholdMs: () => 1000 });
        const start = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
        let count = 0;
        for (const event of new TrafficGenerator({ start, durationMs: 3_600_000, hostileEvery: 500 })) {
          analyzer.ingest(event);
          // Hand the extension host back regularly: other extensions and the UI keep running.
          if (++count % 10_000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        analyzer.flush();
        const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
        output.clear();
        output.appendLine('Lambdascope — demo account, last hour (simulated)');
        output.append(formatReport(report, { lines: 0, reasons: {} }));
        ReportPanel.show(extensionUri, toReportDto(report, 'demo account, last hour (simulated)', 0));
      }),
    ),
  ];
}
