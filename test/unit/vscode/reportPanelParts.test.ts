// The report panel's pure parts: the page shell (CSP), the DTO, and the message guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../src/core/analysis/analyzer';
import { buildAnalysisReport } from '../../../src/core/analysis/analysisReport';
import { LAMBDA_PRICES } from '../../../src/core/cost/priceTable';
import { TrafficGenerator } from '../../../src/demo/trafficGenerator';
import { isHostToPanel } from '../../../src/shared/protocol';
import { toReportDto } from '../../../src/vscode/panels/reportDto';
import { webviewHtml } from '../../../src/vscode/panels/webviewHtml';

const page = {
  title: 'Lambdascope report',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utb2YtdGhpcy1sb2Fk',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/report.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/report.css',
};

test('the page has a strict CSP: nothing by default, scripts only with the nonce', () => {
  const html = webviewHtml(page);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directives = csp.split(';').map((d) => d.trim());
  assert.ok(directives.includes("default-src 'none'"));
  assert.ok(directives.includes(`script-src 'nonce-${page.nonce}'`));
  assert.ok(directives.includes(`style-src ${page.cspSource}`));
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]?.[1] ?? '', new RegExp(`nonce="${page.nonce}"`));
  assert.equal(scripts[0]?.[2], '', 'no inline script');
});

test('attribute values are escaped', () => {
  const html = webviewHtml({ ...page, title: '"><script>alert(1)</script>' });
  assert.ok(!html.includes('<script>alert(1)</script>'));
});

test('the DTO carries the figures and issues the panel shows, and passes the message guard', () => {
  const analyzer = new Analyzer();
  for (const event of new TrafficGenerator({ seed: 9, durationMs: 10 * 60_000 })) analyzer.ingest(event);
  analyzer.flush();
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
  const dto = toReportDto(report, 'demo', 3);
  assert.equal(dto.functions.length, report.functions.length);
  const checkout = dto.functions.find((f) => f.name === 'checkout-api');
  const source = report.functions.find((f) => f.name === 'checkout-api');
  assert.ok(checkout && source);
  assert.equal(checkout.invocations, source.invocations);
  assert.equal(checkout.p99Ms, source.durationMs?.p99);
  assert.deepEqual(checkout.issues.map((i) => i.title), source.issues.map((i) => i.title));
  assert.equal(dto.skippedLines, 3);
  const message = JSON.parse(JSON.stringify({ type: 'report', report: dto })) as unknown;
  assert.ok(isHostToPanel(message));
  assert.ok(!isHostToPanel({ type: 'report' }));
  assert.ok(!isHostToPanel({ type: 'other', report: dto }));
});

test('figures that are not finite travel as null, never NaN', () => {
  const analyzer = new Analyzer();
  analyzer.flush();
  const report = buildAnalysisReport(analyzer, { prices: LAMBDA_PRICES });
  const broken = { ...report, cost: { ...report.cost, projectedMonthUsd: Number.NaN } };
  const dto = toReportDto(broken, 'x', 0);
  assert.equal(dto.projectedMonthUsd, null);
  assert.ok(!JSON.stringify(dto).includes('NaN'));
});
