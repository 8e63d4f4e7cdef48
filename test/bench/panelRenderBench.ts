// `npm run bench` (fourth part): the function panel's first render with 10,000 points — from the
// `timeline` message to Chart.js having drawn — in headless Chromium, in the page the extension
// serves (same shell and CSP), and the size of each webview bundle. Skipped, with the reason,
// when Chromium or playwright-core (the e2e toolchain) is not installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findBrowser, launch, type PwPage } from '../webview/browser';
import { buildFixture, detailTemplate } from '../webview/fixtures';
import { startPageServer } from '../webview/pageServer';

const DIST = resolve(__dirname, '..');
const ROOT = resolve(DIST, '..');
const RUNS = 7;
const TARGET_MS = 300;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Polls `expression` in the page (playwright's waitForFunction uses eval, which the CSP forbids). */
async function waitFor(page: PwPage, expression: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate<unknown>(`!!(${expression})`))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function bundleSizes(): void {
  const dir = join(DIST, 'webview');
  const esbuild = join(ROOT, 'node_modules', '.bin', 'esbuild');
  console.log('webview bundles (as built · minified as in a package), raw / gzipped:');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) {
    const raw = readFileSync(join(dir, f));
    let minified = '';
    if (existsSync(esbuild)) {
      const out = spawnSync(esbuild, [join(dir, f), '--minify', '--legal-comments=none', '--log-level=error'], { maxBuffer: 64 * 1024 * 1024 });
      if (out.status === 0) minified = ` · minified ${kb(out.stdout.length)} / ${kb(gzipSync(out.stdout).length)}`;
    }
    console.log(`  dist/webview/${f.padEnd(12)} ${kb(raw.length)} / ${kb(gzipSync(raw).length)}${minified}`);
  }
}

/** Median time from the `timeline` message to Chart.js having drawn, over fresh pages. */
async function measure(browser: Awaited<ReturnType<typeof launch>>, label: string, fixture: ReturnType<typeof buildFixture>): Promise<number> {
  const message = JSON.stringify({ type: 'timeline', timeline: fixture.timeline });
  const server = await startPageServer(ROOT, { detail: detailTemplate(fixture.timeline), lines: [], longLineChars: 0, replyDelayMs: 0 });
  const firstRender: number[] = [];
  const painted: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      // A fresh page each time: opening a panel is a new page with a cold script.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(server.url('timeline'));
      await waitFor(page, `window.__posted.some((m) => m.type === 'ready')`);
      // The message is parsed with the expression, before t0: what is timed is the page's work.
      const t = await page.evaluate<{ render: number; frame: number }>(`new Promise((resolve) => {
        const message = ${message};
        const t0 = performance.now();
        window.__deliver(message);
        const wait = () => {
          const r = window.__lambdascopeRenders && window.__lambdascopeRenders['timeline-chart'];
          if (!r) return requestAnimationFrame(wait);
          requestAnimationFrame(() => resolve({ render: r.first - t0, frame: performance.now() - t0 }));
        };
        wait();
      })`);
      if (run === 0) {
        const drawn = await page.evaluate<string>(`document.getElementById('timeline-summary').textContent`);
        console.log(`panel render, ${label}: ${fixture.timeline.points.length.toLocaleString('en-US')} points in the message (${kb(message.length)} of JSON); the chart says: ${drawn}`);
      }
      firstRender.push(t.render);
      painted.push(t.frame);
      await page.close();
    }
  } finally {
    await server.close();
  }
  const m = median(firstRender);
  console.log(`  first render, timeline message → Chart.js drawn: median ${m.toFixed(0)} ms of ${RUNS} runs; runs ${firstRender.map((v) => v.toFixed(0)).join(', ')} ms; next frame on screen: median ${median(painted).toFixed(0)} ms`);
  return m;
}

async function main(): Promise<void> {
  const found = findBrowser(ROOT);
  if ('skipped' in found) {
    console.log(`panel render bench skipped: ${found.skipped}`);
    bundleSizes();
    return;
  }
  const browser = await launch(found);
  try {
    // What the panel does with 10,000 invocations: every failure and cold start drawn, the rest
    // thinned to the outline of each time slot (the figures still count them all). The target.
    const m = await measure(browser, 'as the panel draws them', buildFixture({ invocations: 10_000, holdBack: false }));
    console.log(`  → first render of a 10,000-invocation timeline: median ${m.toFixed(0)} ms (target ≤ ${TARGET_MS} ms: ${m <= TARGET_MS ? 'met' : 'MISSED'})`);
    // The worst case, for reference: all 10,000 points drawn.
    await measure(browser, 'all drawn', buildFixture({ invocations: 10_000, maxPoints: 10_000, holdBack: false }));
  } finally {
    await browser.close();
  }
  bundleSizes();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
