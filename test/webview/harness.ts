// Drives the built panels in headless Chromium, in a page served with the extension's own shell
// and CSP, VS Code stood in for by a stub (see pageServer.ts). Checks what a user and an attacker
// would see; screenshots go to test-results/webview/. `npm run test:webview` (builds first).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCount, formatMs, formatPercent, formatUsd } from '../../webview/common/format';
import type { InvocationPointDto } from '../../src/shared/panelData';
import { findBrowser, launch, type PwBrowser, type PwPage } from './browser';
import { buildFixture, detailTemplate, HOSTILE_FINDING, HOSTILE_LINES } from './fixtures';
import { startPageServer } from './pageServer';
import type { ThemeName } from './themes';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'test-results', 'webview');
const results: Array<{ name: string; ok: boolean; detail?: string }> = [];

async function check(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    results.push({ name, ok: false, detail });
    console.log(`  ✗ ${name}\n      ${detail.split('\n').join('\n      ')}`);
  }
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const js = (value: unknown): string => JSON.stringify(value);

/**
 * Polls `expression` in the page until it is truthy. (playwright's waitForFunction evaluates its
 * predicate with eval inside the page, which the panels' CSP rightly forbids.)
 */
async function waitFor(page: PwPage, expression: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate<unknown>(`!!(${expression})`)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression.slice(0, 120)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function posted(page: PwPage): Promise<Array<Record<string, unknown>>> {
  return page.evaluate('window.__posted');
}

async function waitPosted(page: PwPage, predicate: string, what: string): Promise<void> {
  try {
    await waitFor(page, `window.__posted.some((m) => ${predicate})`, 5000);
  } catch {
    throw new Error(`the page did not post ${what}; it posted ${js((await posted(page)).map((m) => m.type))}`);
  }
}

interface Watch {
  readonly errors: string[];
}

async function openPage(browser: PwBrowser, url: string): Promise<{ page: PwPage; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch: Watch = { errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await waitFor(page, `window.__posted.some((m) => m.type === 'ready')`);
  return { page, watch };
}

async function commonChecks(page: PwPage, watch: Watch, label: string): Promise<void> {
  await check(`${label}: no console errors, no CSP violations, nothing executed`, async () => {
    const violations = await page.evaluate<string[]>('window.__cspViolations');
    const pwned = await page.evaluate<unknown>('window.__pwned');
    expect(watch.errors.length === 0, `errors: ${watch.errors.join(' | ')}`);
    expect(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
    equal(pwned, undefined, 'window.__pwned');
  });
}

async function timelinePanel(browser: PwBrowser, url: (theme: ThemeName) => string, fixture: ReturnType<typeof buildFixture>): Promise<void> {
  const t = fixture.timeline;
  const { page, watch } = await openPage(browser, url('dark'));
  await page.evaluate(`window.__deliver(${js({ type: 'timeline', timeline: t })})`);
  await check('timeline: the chart renders', async () => {
    await waitFor(page, `window.__lambdascopeRenders && window.__lambdascopeRenders['timeline-chart']`, 5000);
    const painted = await page.evaluate<number>(`(() => {
      const c = document.getElementById('timeline-chart');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n; })()`);
    expect(painted > 5000, `only ${painted} pixels painted`);
  });
  await check('timeline: header tiles equal the DTO', async () => {
    const tile = (id: string): Promise<string> => page.evaluate(`document.querySelector('[data-figure=${id}] .tile-value').textContent`);
    const h = t.header;
    equal(await tile('invocations'), formatCount(h.invocations), 'invocations');
    equal(await tile('errors'), formatCount(h.errors), 'errors');
    equal(await tile('latency'), `${formatMs(h.p50Ms)} · ${formatMs(h.p90Ms)} · ${formatMs(h.p99Ms)}`, 'latency');
    equal(await tile('cold'), formatPercent(h.coldStartRate), 'cold');
    equal(await tile('throttles'), '–', 'throttles (no metrics: –)');
    equal(await tile('cost'), `${formatUsd(h.projectedMonthUsd)}/mo`, 'cost: the projected month, as the explorer shows it');
    const costSub = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-figure=cost] .tile-sub')].map((e) => e.textContent)`);
    expect(costSub.includes(`${formatUsd(h.costUsd)} this window`), `cost sub-lines: ${js(costSub)}`);
    expect(!costSub.some((l) => l.startsWith('arm64')), `no arm64 what-if on a function already on arm64: ${js(costSub)}`);
    const meta = await page.evaluate<string>(`document.querySelector('.panel-head .meta').textContent`);
    expect(meta.includes('nodejs24.x') && meta.includes('v42') && meta.includes('deployed'), `meta line: ${meta}`);
  });
  await check('timeline: the canvas is focusable and summarised in text', async () => {
    const label = await page.evaluate<string>(`document.getElementById('timeline-chart').getAttribute('aria-label')`);
    expect(label.includes(formatCount(t.total)) && label.includes('p99'), `aria-label: ${label}`);
    const summary = await page.evaluate<string>(`document.getElementById('timeline-summary').textContent`);
    expect(summary.includes('failed') && summary.includes('2 deploys'), `summary: ${summary}`);
  });

  const sorted = [...t.points].sort((a, b) => a.time - b.time);
  await check('timeline: ← → move the selection, Enter opens the invocation', async () => {
    await page.focus('#timeline-chart');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const third = sorted[2] as InvocationPointDto;
    const said = await page.evaluate<string>(`document.getElementById('timeline-selection').textContent`);
    expect(said.includes(third.requestId), `announced: ${said}`);
    await page.keyboard.press('Enter');
    await waitPosted(page, `m.type === 'request' && m.params.requestId === ${js(third.requestId)}`, 'the invocation request');
    await waitFor(page, `document.querySelectorAll('.detail .log li').length > 0`);
  });
  await check('timeline: hostile log text shows literally and creates no element', async () => {
    const text = await page.evaluate<string>(`document.querySelector('.detail .log').textContent`);
    for (const literal of ['<script>window.__pwned = "script"</script>', '<img src=x onerror=', 'javascript:alert(1)', '<style>body { display: none }</style>', '<h1 style="color:red"']) expect(text.includes(literal), `missing literally: ${literal}`);
    for (const token of ['␛[31m', '␛]8;;http://evil.example␇', '⟨U+202E⟩', '⟨U+2066⟩', '⟨U+200B⟩', '⟨U+2028⟩', '␀', '␍', '⟨U+0085⟩']) expect(text.includes(token), `missing token ${token}`);
    expect(!/[\u202a-\u202e\u2066-\u2069\u200b\u0000\u001b]/.test(text), 'a raw control or bidi character reached the DOM');
    const injected = await page.evaluate<number>(`document.querySelectorAll('.detail script, .detail img, .detail style, .detail link, .detail h1, .log a').length`);
    equal(injected, 0, 'elements created from log text');
    const note = await page.evaluate<string>(`document.querySelector('.detail .note').textContent`);
    expect(note.includes('<b>(bold?)</b>'), `note: ${note}`);
  });
  await check('timeline: a 1 MB line is cut with a "Show the whole line (1.0 MB)" button', async () => {
    const shown = await page.evaluate<number>(`document.querySelector('.log li:last-child .msg').textContent.length`);
    expect(shown < 10_100, `shown ${shown} chars`);
    const label = await page.evaluate<string>(`document.querySelector('.log li:last-child .show-all').textContent`);
    equal(label, 'Show the whole line (1.0 MB)', 'button');
    await page.click('.log li:last-child .show-all');
    const all = await page.evaluate<number>(`document.querySelector('.log li:last-child .msg').textContent.length`);
    expect(all >= 1_048_000, `after the click: ${all} chars`);
  });
  await page.screenshot({ path: join(OUT, 'timeline-dark.png'), fullPage: true });

  await check('timeline: a click on a point opens that invocation', async () => {
    // A slow failure far (in time) from any other slow point: nothing else under the pointer.
    const slow = sorted.filter((p) => p.durationMs > 2000);
    const gap = (i: number): number => Math.min(i > 0 ? (slow[i] as InvocationPointDto).time - (slow[i - 1] as InvocationPointDto).time : Infinity, i < slow.length - 1 ? (slow[i + 1] as InvocationPointDto).time - (slow[i] as InvocationPointDto).time : Infinity);
    const best = slow.reduce((b, _p, i) => (gap(i) > gap(b) ? i : b), 0);
    const target = slow[best];
    expect(target, 'no slow point in the fixture');
    const at = await page.evaluate<{ x: number; y: number }>(`(() => { document.getElementById('timeline-chart').scrollIntoView({ block: 'center' }); const p = window.__lambdascopeTimeline.pixelOf(${js(target.requestId)}); const r = document.getElementById('timeline-chart').getBoundingClientRect(); return { x: r.left + p.x, y: r.top + p.y }; })()`);
    await page.mouse.click(at.x, at.y);
    await waitPosted(page, `m.type === 'request' && m.params.requestId === ${js(target.requestId)}`, `a request for ${target.requestId}`);
  });
  await check('timeline: a failed request shows its error text, literally', async () => {
    await page.evaluate('window.__failNext = true');
    await page.focus('#timeline-chart');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await waitFor(page, `document.querySelector('.detail .error')`, 5000);
    const text = await page.evaluate<string>(`document.querySelector('.detail .error').textContent`);
    expect(text.includes('<img src=x onerror=') && text.includes('ThrottlingException'), `error: ${text}`);
    equal(await page.evaluate<number>(`document.querySelectorAll('.detail img').length`), 0, 'img elements');
  });

  const range = (): Promise<{ min: number; max: number }> => page.evaluate('window.__lambdascopeTimeline.range()');
  await check('timeline: drag zooms on x, the zoom is kept in the page state and across an append', async () => {
    const box = await page.evaluate<{ left: number; top: number; width: number; height: number }>(`(() => { document.getElementById('timeline-chart').scrollIntoView({ block: 'center' }); const r = document.getElementById('timeline-chart').getBoundingClientRect(); return { left: r.left, top: r.top, width: r.width, height: r.height }; })()`);
    const y = box.top + box.height * 0.5;
    await page.mouse.move(box.left + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.left + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();
    const zoomed = await range();
    expect(zoomed.max - zoomed.min < (t.window.to - t.window.from) * 0.5, `range after the drag: ${js(zoomed)}`);
    const state = await page.evaluate<{ zoom: unknown }>('window.__state');
    expect(state.zoom !== null && state.zoom !== undefined, 'zoom not in the state');
    await page.evaluate(`window.__canvasBefore = document.getElementById('timeline-chart')`);
    const renders = await page.evaluate<number>(`window.__lambdascopeRenders['timeline-chart'].count`);
    const to = t.window.to + 60_000;
    const frame = { ...t, window: { from: t.window.from + 60_000, to }, total: t.total + fixture.later.length, header: { ...t.header, invocations: t.header.invocations + fixture.later.length } };
    const { functionName: _f, profile: _p, region: _r, points: _pts, ...frameOnly } = frame;
    await page.evaluate(`window.__deliver(${js({ type: 'timelineAppend', points: fixture.later, frame: frameOnly })})`);
    await waitFor(page, `window.__lambdascopeRenders['timeline-chart'].count > ${renders}`);
    equal(await page.evaluate<boolean>(`window.__canvasBefore === document.getElementById('timeline-chart')`), true, 'same canvas (no full reload)');
    const after = await range();
    expect(Math.abs(after.min - zoomed.min) < 1 || after.min === t.window.from + 60_000, `zoom lost: ${js(zoomed)} → ${js(after)}`);
    equal(await page.evaluate<string>(`document.querySelector('[data-figure=invocations] .tile-value').textContent`), formatCount(frame.header.invocations), 'invocations after the append');
    await page.click('#reset-zoom');
    const reset = await range();
    expect(reset.min === frame.window.from && reset.max === frame.window.to, `after reset: ${js(reset)}`);
  });

  await check('timeline: Invocations tab is a data grid; Enter on a row opens it', async () => {
    await page.click('#tab-invocations');
    await waitFor(page, `document.querySelectorAll('vscode-data-grid-row[row-type="default"]').length === 100`, 5000);
    const before = (await posted(page)).length;
    await page.focus('vscode-data-grid-row[row-type="default"] vscode-data-grid-cell');
    await page.keyboard.press('Enter');
    await waitFor(page, `window.__posted.length > ${before} && window.__posted[window.__posted.length - 1].type === 'request'`);
    await waitFor(page, `document.querySelector('#view-invocations .detail .log li')`);
    const state = await page.evaluate<{ tab: string }>('window.__state');
    equal(state.tab, 'invocations', 'tab in the state');
  });
  await page.screenshot({ path: join(OUT, 'timeline-invocations-dark.png'), fullPage: false });
  await check('timeline: Issues tab lists issues; Enter posts openIssue', async () => {
    await page.click('#tab-issues');
    await page.focus('#view-issues a.issue-title');
    await page.keyboard.press('Enter');
    await waitPosted(page, `m.type === 'openIssue' && m.fingerprint === ${js(t.issues[0]?.fingerprint)}`, 'openIssue');
  });
  await check('timeline: the keyboard reaches the Findings tab (→ from Issues); no findings: the empty state', async () => {
    await page.focus('#tab-issues');
    await page.keyboard.press('ArrowRight');
    await waitFor(page, `document.querySelector('vscode-panels').activeid === 'tab-findings'`);
    equal(await page.evaluate<string>(`document.activeElement && document.activeElement.id`), 'tab-findings', 'focused tab');
    await waitFor(page, `!document.getElementById('view-findings').hidden && document.getElementById('view-findings').getBoundingClientRect().height > 0`);
    equal(await page.evaluate<string>(`document.querySelector('#view-findings .empty').textContent`), "No findings: the configuration and this window's behaviour look right.", 'empty state');
    equal(await page.evaluate<string>(`document.getElementById('findings-count').textContent`), '0', 'count');
    equal((await page.evaluate<{ tab: string }>('window.__state')).tab, 'findings', 'tab in the state');
  });
  await check('timeline: a theme change re-renders the charts with the new colours', async () => {
    await page.click('#tab-timeline');
    // Pixels exactly of the dark theme's text colour (#cccccc, opaque): the axes' labels and legend.
    const darkText = `(() => { const c = document.getElementById('timeline-chart'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i+3] === 255 && d[i] === 204 && d[i+1] === 204 && d[i+2] === 204) n++; return n; })()`;
    const before = await page.evaluate<number>(darkText);
    expect(before > 50, `only ${before} pixels of the dark theme's text colour before the change`);
    const renders = await page.evaluate<number>(`window.__lambdascopeRenders['timeline-chart'].count`);
    await page.evaluate(`window.__setTheme('light')`);
    await waitFor(page, `window.__lambdascopeRenders['timeline-chart'].count > ${renders}`);
    const after = await page.evaluate<number>(darkText);
    // A few may remain by chance: anti-aliased dark text on the light tooltip passes through that grey.
    expect(after < before / 20, `${after} pixels of the dark theme's text colour after switching to light (before: ${before})`);
  });
  await page.screenshot({ path: join(OUT, 'timeline-light.png'), fullPage: true });
  await page.evaluate(`window.__setTheme('highContrast')`);
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
  await page.screenshot({ path: join(OUT, 'timeline-high-contrast.png'), fullPage: false });
  await commonChecks(page, watch, 'timeline');
  await page.close();
}

/** checkout-api as if on x86_64 with provisioned concurrency and more ephemeral storage, the engine's findings plus a hostile one. */
async function findingsPanel(browser: PwBrowser, url: (theme: ThemeName) => string): Promise<void> {
  const fixture = buildFixture({ invocations: 3000, costConfig: { architecture: 'x86_64', ephemeralStorageMb: 2048, provisionedConcurrency: 2 }, findings: true, holdBack: false });
  const base = fixture.timeline;
  const t = { ...base, findings: [...base.findings, HOSTILE_FINDING] };
  const h = t.header;
  const { page, watch } = await openPage(browser, url('dark'));
  await page.evaluate(`window.__deliver(${js({ type: 'timeline', timeline: t })})`);
  await waitFor(page, `document.querySelector('[data-figure=cost]')`);
  await check('findings: the fixture has what-ifs, a cost split and findings of both severities', async () => {
    expect(h.whatIfArm64 && h.whatIfMemory && h.monthSplit && h.monthSplit.provisionedUsd > 0 && h.shareOfAccount !== null, `header: ${js(h)}`);
    expect(base.findings.some((f) => f.severity === 'warning') && base.findings.some((f) => f.severity === 'info'), `findings: ${js(base.findings.map((f) => f.id))}`);
  });
  await check('findings: the cost tile tells the month, the window, the share, the split and the what-ifs with their assumptions', async () => {
    if (!h.whatIfArm64 || !h.whatIfMemory || !h.monthSplit) throw new Error('no what-ifs in the fixture');
    equal(await page.evaluate<string>(`document.querySelector('[data-figure=cost] .tile-value').textContent`), `${formatUsd(h.projectedMonthUsd)}/mo`, 'value');
    const sub = await page.evaluate<Array<{ text: string; title: string | null }>>(`[...document.querySelectorAll('[data-figure=cost] .tile-sub')].map((e) => ({ text: e.textContent, title: e.getAttribute('title') }))`);
    const texts = sub.map((x) => x.text);
    expect(texts.includes(`${formatUsd(h.costUsd)} this window`), `window: ${js(texts)}`);
    expect(texts.includes(`${formatPercent(h.shareOfAccount)} of the account's Lambda cost`), `share: ${js(texts)}`);
    expect(texts.includes(`requests ${formatUsd(h.monthSplit.requestUsd)} · duration ${formatUsd(h.monthSplit.computeUsd)}`), `split: ${js(texts)}`);
    expect(texts.includes(`provisioned concurrency ${formatUsd(h.monthSplit.provisionedUsd)} · ephemeral storage ${formatUsd(h.monthSplit.ephemeralUsd)}`), `split: ${js(texts)}`);
    const arm = sub.find((x) => x.text.startsWith('arm64: '));
    equal(arm?.text, `arm64: ${formatUsd(h.whatIfArm64.savingsUsd)}/month less`, 'arm64 what-if');
    equal(arm?.title, h.whatIfArm64.assumption, 'arm64 assumption');
    const mem = sub.find((x) => x.text.startsWith('at '));
    equal(mem?.text, `at ${formatCount(h.whatIfMemory.memoryMb)} MB: ${formatUsd(h.whatIfMemory.savingsUsd)}/month less`, 'memory what-if');
    equal(mem?.title, h.whatIfMemory.assumption, 'memory assumption');
    // The assumptions are also a disclosure the keyboard opens (a title shows only on hover).
    await page.focus('[data-figure=cost] details summary');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<boolean>(`document.querySelector('[data-figure=cost] details').open`), 'Enter opens the assumptions');
    const note = await page.evaluate<string>(`document.querySelector('[data-figure=cost] details').textContent`);
    expect(note.includes(h.whatIfArm64.assumption) && note.includes(h.whatIfMemory.assumption), `note: ${note}`);
  });
  await check('findings: the tab lists every finding as text: severity, title, evidence, why, fix and rule id', async () => {
    await page.click('#tab-findings');
    equal(await page.evaluate<string>(`document.getElementById('findings-count').textContent`), String(t.findings.length), 'count');
    const shown = await page.evaluate<Array<{ rule: string; cls: string; severity: string; title: string; rows: string[][] }>>(`[...document.querySelectorAll('#view-findings ul.findings > li')].map((li) => ({ rule: li.dataset.rule, cls: li.className, severity: li.querySelector('.tag.severity').textContent, title: li.querySelector('h3').textContent, rows: [...li.querySelectorAll('dl > div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]) }))`);
    equal(shown.length, t.findings.length, 'findings shown');
    for (const [i, f] of base.findings.entries()) {
      const s = shown[i];
      expect(s, `finding ${i} missing`);
      equal(s.rule, f.id, `rule of ${i}`);
      equal(s.cls, `severity-${f.severity}`, `class of ${f.id}`);
      equal(s.severity, f.severity, `severity of ${f.id}`);
      equal(s.title, f.title, `title of ${f.id}`);
      equal(js(s.rows.slice(0, 3)), js([['Evidence', f.evidence], ['Why', f.why], ['Fix', f.fix]]), `rows of ${f.id}`);
      expect(s.rows[3]?.[0] === 'Rule' && s.rows[3]?.[1]?.startsWith(f.id), `rule row of ${f.id}: ${js(s.rows[3])}`);
    }
    // The engine's findings, as the host sorted them (the hostile one is appended after them).
    const severities = shown.slice(0, base.findings.length).map((s) => s.severity);
    expect(severities.lastIndexOf('warning') < severities.indexOf('info'), `warnings first: ${js(severities)}`);
  });
  await check('findings: hostile text in a finding shows literally and creates no element', async () => {
    const li = `#view-findings li:last-child`;
    const title = await page.evaluate<string>(`document.querySelector('${li} h3').textContent`);
    expect(title.includes('<h1 style="color:red" onclick="window.__pwned=1">injected heading</h1>'), `title: ${title}`);
    const text = await page.evaluate<string>(`document.querySelector('${li} dl').textContent`);
    for (const literal of ['<script>window.__pwned = "script"</script>', '<img src=x onerror=', '<style>body { display: none }</style>', 'javascript:alert(1)']) expect(text.includes(literal), `missing literally: ${literal}`);
    for (const token of ['⟨U+202E⟩', '⟨U+2066⟩', '⟨U+200F⟩']) expect(text.includes(token), `missing token ${token}`);
    expect(!/[\u202a-\u202e\u2066-\u2069\u200f]/.test(text), 'a raw bidi character reached the DOM');
    equal(await page.evaluate<number>(`document.querySelectorAll('#view-findings script, #view-findings img, #view-findings style, #view-findings link, #view-findings h1, #view-findings a').length`), 0, 'elements created from finding text');
  });
  await page.screenshot({ path: join(OUT, 'timeline-findings-dark.png'), fullPage: true });
  await page.evaluate(`document.querySelector('[data-figure=cost] details').open = false`);
  for (const theme of ['light', 'highContrast'] as const) {
    await page.evaluate(`window.__setTheme('${theme}')`);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    await page.screenshot({ path: join(OUT, `timeline-findings-${theme === 'light' ? 'light' : 'high-contrast'}.png`), fullPage: true });
  }
  await commonChecks(page, watch, 'findings');
  await page.close();
}

async function issuePanel(browser: PwBrowser, url: (theme: ThemeName) => string, fixture: ReturnType<typeof buildFixture>): Promise<void> {
  const issue = fixture.issue;
  for (const theme of ['dark', 'light'] as const) {
    const { page, watch } = await openPage(browser, url(theme));
    await page.evaluate(`window.__deliver(${js({ type: 'issue', issue })})`);
    await waitFor(page, `window.__lambdascopeRenders && window.__lambdascopeRenders['occurrence-chart']`, 5000);
    if (theme === 'dark') {
      await check('issue: title, tags, meta', async () => {
        equal(await page.evaluate<string>(`document.querySelector('h1').textContent`), issue.title, 'title');
        const tags = await page.evaluate<string>(`document.querySelector('.panel-head .tags').textContent`);
        expect(tags.includes(issue.kind) && tags.includes('regressed'), `tags: ${tags}`);
        const meta = await page.evaluate<string>(`document.querySelector('.panel-head .meta').textContent`);
        expect(meta.includes(issue.functionName) && meta.includes('Demo / us-east-1') && meta.includes(`${formatCount(issue.count)}×`), `meta: ${meta}`);
      });
      await check('issue: workspace frames are links posting their index; the others are text', async () => {
        const linked = issue.frames.map((f, i) => (f.workspace ? i : -1)).filter((i) => i >= 0);
        expect(linked.length > 0, 'the fixture has no workspace frame');
        equal(await page.evaluate<number>(`document.querySelectorAll('ol.frames a').length`), linked.length, 'links');
        equal(await page.evaluate<number>(`document.querySelectorAll('ol.frames li.runtime a, ol.frames li.in-app:not(.in-workspace) a').length`), 0, 'links on runtime frames');
        await page.focus('ol.frames a');
        await page.keyboard.press('Enter');
        await waitPosted(page, `m.type === 'openFrame' && m.index === ${linked[0]}`, `openFrame ${linked[0]}`);
      });
      await check('issue: per hour / per day toggle', async () => {
        await page.click('.toggles button:nth-child(2)');
        equal(await page.evaluate<string>(`document.querySelector('.toggles button:nth-child(2)').getAttribute('aria-pressed')`), 'true', 'per day pressed');
        const label = await page.evaluate<string>(`document.getElementById('occurrence-chart').getAttribute('aria-label')`);
        expect(label.includes('per day'), label);
        await page.click('.toggles button:nth-child(1)');
      });
      await check('issue: "Logs" opens the occurrence inline; Open timeline posts openFunction', async () => {
        const first = issue.recent[0];
        expect(first, 'no recent occurrence');
        await page.focus('ul.occurrences li a.logs');
        await page.keyboard.press('Enter');
        await waitPosted(page, `m.type === 'request' && m.params.requestId === ${js(first.requestId)} && m.params.time === ${first.time}`, 'the invocation request');
        await waitFor(page, `document.querySelector('ul.occurrences li .detail .log li')`);
        await page.click('#open-function');
        await waitPosted(page, `m.type === 'openFunction'`, 'openFunction');
      });
      await check('issue: a new issue message re-renders everything', async () => {
        await page.evaluate(`window.__deliver(${js({ type: 'issue', issue: { ...issue, title: 'Renamed <b>title</b>', count: issue.count + 5 } })})`);
        equal(await page.evaluate<string>(`document.querySelector('h1').textContent`), 'Renamed <b>title</b>', 'title');
        await page.evaluate(`window.__deliver(${js({ type: 'issue', issue })})`);
      });
    }
    await waitFor(page, `document.querySelector('ul.occurrences li .detail .log li') || !window.__state || !window.__state.opened`, 5000);
    await page.screenshot({ path: join(OUT, `issue-${theme}.png`), fullPage: false });
    await commonChecks(page, watch, `issue (${theme})`);
    await page.close();
  }
}

/** A panel with nothing to show says why, as text, in place of "Loading…"; one showing data keeps it. */
async function unavailablePanels(browser: PwBrowser, url: (kind: 'timeline' | 'issue') => string, fixture: ReturnType<typeof buildFixture>): Promise<void> {
  const message = 'checkout-api was not found in <b>Demo</b> · us-east-1.\u202E';
  for (const kind of ['timeline', 'issue'] as const) {
    const { page, watch } = await openPage(browser, url(kind));
    await check(`${kind}: "unavailable" replaces Loading… with the reason, as text`, async () => {
      equal(await page.evaluate<string>(`document.getElementById('root').textContent`), 'Loading…', 'before');
      await page.evaluate(`window.__deliver(${js({ type: 'unavailable', message })})`);
      const shown = await page.evaluate<string>(`document.querySelector('#root p.unavailable') && document.querySelector('#root p.unavailable').textContent`);
      expect(shown && shown.startsWith('checkout-api was not found in <b>Demo</b> · us-east-1.'), `shown: ${shown}`);
      expect(!shown.includes('\u202E'), 'a raw bidi character reached the DOM');
      equal(await page.evaluate<number>(`document.querySelectorAll('#root b').length`), 0, 'markup elements');
      equal(await page.evaluate<string>(`document.querySelector('#root p.unavailable').getAttribute('role')`), 'status', 'role');
    });
    await check(`${kind}: data after "unavailable" is shown, and a later "unavailable" leaves it`, async () => {
      const data = kind === 'timeline' ? { type: 'timeline', timeline: fixture.timeline } : { type: 'issue', issue: fixture.issue };
      await page.evaluate(`window.__deliver(${js(data)})`);
      await waitFor(page, `!document.querySelector('#root p.unavailable') && document.querySelector('#root h1, #root header')`);
      await page.evaluate(`window.__deliver(${js({ type: 'unavailable', message })})`);
      equal(await page.evaluate<boolean>(`!!document.querySelector('#root p.unavailable')`), false, 'the notice replaced the data');
    });
    await commonChecks(page, watch, `${kind} unavailable`);
    await page.close();
  }
}

async function main(): Promise<void> {
  const found = findBrowser(ROOT);
  if ('skipped' in found) {
    console.log(`webview harness skipped: ${found.skipped}`);
    return;
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  mkdirSync(OUT, { recursive: true });
  const fixture = buildFixture({ invocations: 3000 });
  const normal = ['START RequestId: {id} Version: 42', 'Received event from API Gateway', 'Fetched 12 items from DynamoDB in 18 ms'];
  const server = await startPageServer(ROOT, { detail: detailTemplate(fixture.timeline), lines: [...normal, ...HOSTILE_LINES, 'END RequestId: {id}'], longLineChars: 1_048_576, replyDelayMs: 80 });
  const browser = await launch(found);
  try {
    console.log(`webview harness (${fixture.timeline.points.length} points, screenshots in ${OUT})`);
    await timelinePanel(browser, (theme) => server.url('timeline', theme), fixture);
    await findingsPanel(browser, (theme) => server.url('timeline', theme));
    await issuePanel(browser, (theme) => server.url('issue', theme), fixture);
    await unavailablePanels(browser, (kind) => server.url(kind, 'dark'), fixture);
  } finally {
    await browser.close();
    await server.close();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`webview harness: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
