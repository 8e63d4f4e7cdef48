// The function (timeline) and issue panels in the real workbench: opened from the explorer, their
// pages checked inside VS Code's webview frames (canvas painted, header figures, keyboard, a frame
// link that opens the editor), a hostile log corpus read from a real AWS profile on moto, and
// screenshots of both panels in the dark and the light theme.
//
// Runs after 30-explorer.ts, which leaves the Demo profile on; each test turns it on from the
// palette when it runs alone (--grep) or in the vsix phase.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, type InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, ensureRole, zipOneFile } from '../../integration/support/seedAccount';
import type { FrameLocator, Locator } from '../lib/page';
import { expectHidden, expectVisible, uiTest, waitUntil, type UiContext, type Workbench } from '../lib/workbench';

const FIRST_POLL_MS = 60_000;
/** checkout-api's row: `p99 347 ms · 5 issues · 0.6% cold · $1.55/mo`. */
const HEALTH = /^(📌 )?p99 .+ · \d+ issues? · .+% cold · \$.+\/mo$/;
const TYPE_ERROR = 'TypeError: Cannot read properties of undefined';

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent({ timeout: 1_000 }).catch(() => null)) ?? '').trim();
}

async function demoShown(wb: Workbench): Promise<void> {
  await wb.openViewContainer('Lambdascope');
  if (!(await wb.treeRow('Demo').isVisible())) await wb.runCommand('Lambdascope: Try the Demo Account');
  let last = '';
  await waitUntil(
    async () => HEALTH.test((last = await text(wb.treeRowDescription('checkout-api')))),
    () => `checkout-api's description to show its health (it reads "${last}")`,
    FIRST_POLL_MS,
  );
}

/** "85 ms", "1.23 s", "12.3 s", "2 min 5 s" → ms (undefined for "–"). */
function parseMs(shown: string): number | undefined {
  const m = /^(?:(\d+) min)?\s*(?:([\d.,]+) (ms|s))?$/.exec(shown.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const minutes = m[1] !== undefined ? Number(m[1]) * 60_000 : 0;
  const rest = m[2] !== undefined ? Number(m[2].replace(/,/g, '')) * (m[3] === 's' ? 1000 : 1) : 0;
  return minutes + rest;
}

/** Two renderings of one figure agree when they differ by no more than their rounding (3 significant digits at worst). */
function sameFigure(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(1, 0.006 * Math.max(a, b));
}

/** What the timeline canvas holds: its size, how many sampled pixels are painted, and how many distinct colours. */
async function canvasPaint(canvas: Locator): Promise<{ width: number; height: number; painted: number; colours: number; renders: number }> {
  return canvas.evaluate((element) => {
    // Serialized into the webview frame: DOM types written out (the repo's tsconfig has no DOM lib).
    const c = element as unknown as { id: string; width: number; height: number; getContext(type: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
    const context = c.getContext('2d');
    if (!context || c.width === 0 || c.height === 0) return { width: c.width, height: c.height, painted: 0, colours: 0, renders: 0 };
    const data = context.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 3) {
      if ((data[i + 3] ?? 0) === 0) continue;
      painted++;
      if (colours.size < 64) colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    }
    const renders = (globalThis as unknown as { __lambdascopeRenders?: Record<string, { count: number }> }).__lambdascopeRenders?.[c.id]?.count ?? 0;
    return { width: c.width, height: c.height, painted, colours: colours.size, renders };
  });
}

/** Opens checkout-api's panel from its tree row and returns its webview. */
async function openCheckoutPanel(wb: Workbench): Promise<FrameLocator> {
  await demoShown(wb);
  await wb.treeRow('checkout-api').click();
  await expectVisible(wb.editorTab('λ checkout-api'), 'the "λ checkout-api" editor tab', 30_000);
  const frame = await wb.webviewWith('#timeline-chart', "checkout-api's timeline", 60_000);
  await expectVisible(frame.locator('.tiles .tile[data-figure="latency"] .tile-value'), 'the header tiles', 30_000);
  return frame;
}

/**
 * Opens the TypeError issue whose stack is in orders.js (the demo has a second TypeError with the
 * same title, thrown from cart.js): each TypeError row under checkout-api in turn, until the issue
 * panel shows an orders.js:42 frame link.
 */
async function openOrdersTypeError(wb: Workbench): Promise<FrameLocator> {
  await demoShown(wb);
  await wb.expandTreeRow('checkout-api');
  const rows = wb.treeRows.filter({ has: wb.page.locator('.label-name', { hasText: TYPE_ERROR }) });
  await expectVisible(rows.first(), 'a TypeError issue row under checkout-api', 30_000);
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    await rows.nth(i).click();
    await expectVisible(wb.editorTab(/^Issue: TypeError/), 'an "Issue: TypeError…" editor tab', 30_000);
    const frame = await wb.webviewWith('.frames', 'the issue panel', 60_000);
    if (await frame.locator('.frames .frame-link', { hasText: 'orders.js:42' }).first().isVisible()) return frame;
    await wb.closeAllEditors();
  }
  throw new Error(`none of the ${n} TypeError rows under checkout-api opens an issue with an orders.js:42 frame`);
}

/** Theme ids of VS Code 1.139 ("Default Dark Modern" is an old id that it rewrites in settings.json). */
type Theme = 'Light Modern' | 'Dark Modern';

/** The workbench's editor background: Light Modern #ffffff, Dark Modern #1f1f1f. */
async function workbenchIs(ctx: UiContext, theme: Theme): Promise<void> {
  const want = theme === 'Light Modern' ? '#ffffff' : '#1f1f1f';
  let seen = '';
  await waitUntil(
    async () => (seen = await ctx.page.locator('.monaco-workbench').evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } }).getComputedStyle(e).getPropertyValue('--vscode-editor-background').trim().toLowerCase())) === want,
    () => `the workbench in ${theme} (editor background ${want}, it is ${seen})`,
    30_000,
  );
}

/** Switches the theme and returns the webview showing `selector` once its body has the theme's class. */
async function setTheme(ctx: UiContext, theme: Theme, selector: string): Promise<FrameLocator> {
  await ctx.updateUserSettings({ 'workbench.colorTheme': theme });
  await workbenchIs(ctx, theme);
  const kind = theme === 'Light Modern' ? 'vscode-light' : 'vscode-dark';
  const frame = await ctx.wb.webviewWith(selector, `the webview (${selector}) after the theme change`, 60_000);
  await expectVisible(frame.locator(`body.${kind}`), `the webview body to have the ${kind} class`, 30_000);
  return frame;
}

// --- the hostile corpus on moto ------------------------------------------------------------------

const MOTO_PROFILE = 'e2e-moto';
/** No other test uses this region on the shared moto server. */
// Not a region the integration tests use: they share the moto server with this run (CI starts one).
const MOTO_REGION = 'ca-central-1';
const HOSTILE_FUNCTION = 'hostile-echo';
const LONG_LINE_CHARS = 1_000_000;

/** Application lines an attacker could make a function print; each carries its own canary. */
const HOSTILE = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=2">',
  href: '<a href="javascript:window.__pwned=3">x</a>',
  style: '<style>body{display:none}</style>',
  ansi: '\u001b[31mred alert\u001b[0m \u001b]8;;http://evil.example\u0007hyperlink\u001b]8;;\u0007',
  bidi: 'invoice_\u202Efdp.exe\u202C and \u2066isolated\u2069 and \u2067rtl\u2069 \u2068first\u2069',
} as const;
/** The failed invocation's error message (it becomes the issue's message). */
const HOSTILE_ERROR = `<img src=y onerror="window.__pwned=4"> bad \u202Etxt.exe <b>order</b>`;

function uuid(n: number): string {
  return `0e2e${n.toString(16).padStart(4, '0')}-1111-4222-8333-${Date.now().toString(16).slice(-12).padStart(12, '0')}`;
}

interface Seeded {
  readonly failedRequestId: string;
  readonly longRequestId: string;
}

/** hostile-echo in moto: the function, its log group with four invocations (one failed), and metrics that make it active. */
async function seedHostile(url: string): Promise<Seeded> {
  const config = clientConfig(url, MOTO_REGION);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
  const cloudwatch = new CloudWatchClient({ ...config, disableRequestCompression: true });
  try {
    const role = await ensureRole(url);
    await lambda
      .send(new CreateFunctionCommand({ FunctionName: HOSTILE_FUNCTION, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zipOneFile('index.js', 'exports.handler = async (e) => e;\n') }, MemorySize: 128, Timeout: 3 }))
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'ResourceConflictException')) throw error;
      });
    const group = `/aws/lambda/${HOSTILE_FUNCTION}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'ResourceAlreadyExistsException')) throw error;
    });
    const stream = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${Date.now().toString(16)}e2e`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));

    const iso = (t: number): string => new Date(t).toISOString();
    const start = Date.now() - 6 * 60_000;
    const batches: InputLogEvent[][] = [];
    const ids = [uuid(1), uuid(2), uuid(3), uuid(4)];
    const apps: string[][] = [[HOSTILE.script, HOSTILE.img], [HOSTILE.href, HOSTILE.style, HOSTILE.ansi, HOSTILE.bidi], [`long line ${'x'.repeat(LONG_LINE_CHARS - 10)}`], []];
    let batch: InputLogEvent[] = [];
    ids.forEach((rid, k) => {
      const t0 = start + k * 60_000;
      const failed = k === 3;
      const cold = k === 0;
      const lines: Array<[number, string]> = [];
      if (cold) lines.push([t0 - 200, 'INIT_START Runtime Version: nodejs:20.v33\tRuntime Version ARN: arn:aws:lambda:ca-central-1::runtime:0e2e\n']);
      lines.push([t0, `START RequestId: ${rid} Version: $LATEST\n`]);
      apps[k]?.forEach((line, i) => lines.push([t0 + 1 + i, `${iso(t0 + 1 + i)}\t${rid}\tINFO\t${line}\n`]));
      // Both hostile lines also as one ERROR line, so that the failed invocation shows them too.
      if (failed) {
        lines.push([t0 + 5, `${iso(t0 + 5)}\t${rid}\tWARN\t${HOSTILE.script} ${HOSTILE.img} ${HOSTILE.href} ${HOSTILE.style} ${HOSTILE.ansi} ${HOSTILE.bidi}\n`]);
        const stack = [`Error: ${HOSTILE_ERROR}`, '    at echo (/var/task/index.js:3:9)', '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)'];
        lines.push([t0 + 30, `${iso(t0 + 30)}\t${rid}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: 'Error', errorMessage: HOSTILE_ERROR, stack })}\n`]);
      }
      const end = t0 + 40;
      lines.push([end, `END RequestId: ${rid}\n`]);
      lines.push([end, `REPORT RequestId: ${rid}\tDuration: ${(35.5 + k).toFixed(2)} ms\tBilled Duration: ${36 + k} ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t${cold ? 'Init Duration: 180.25 ms\t' : ''}${failed ? 'Status: error\tError Type: Error\t' : ''}\n`]);
      for (const [timestamp, message] of lines) {
        // PutLogEvents takes 1,048,576 bytes a batch (each event + 26): the long line goes alone.
        if (message.length > 100_000) {
          if (batch.length > 0) batches.push(batch);
          batches.push([{ timestamp, message }]);
          batch = [];
        } else batch.push({ timestamp, message });
      }
    });
    if (batch.length > 0) batches.push(batch);
    for (const events of batches) {
      const result = await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: events }));
      const rejected = result.rejectedLogEventsInfo;
      if (rejected && Object.values(rejected).some((v) => v !== undefined)) throw new Error(`PutLogEvents rejected events: ${JSON.stringify(rejected)}`);
    }
    // The poller reads the logs of functions its metrics show active.
    const dims = [{ Name: 'FunctionName', Value: HOSTILE_FUNCTION }];
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Lambda',
        MetricData: ids.flatMap((_id, k) => {
          const Timestamp = new Date(Math.floor((start + k * 60_000) / 60_000) * 60_000);
          return [
            { MetricName: 'Invocations', Dimensions: dims, Timestamp, Unit: 'Count', Value: 1 },
            { MetricName: 'Errors', Dimensions: dims, Timestamp, Unit: 'Count', Value: k === 3 ? 1 : 0 },
            { MetricName: 'Duration', Dimensions: dims, Timestamp, Unit: 'Milliseconds', Value: 35.5 + k },
          ];
        }),
      }),
    );
    return { failedRequestId: ids[3] as string, longRequestId: ids[2] as string };
  } finally {
    lambda.destroy();
    logs.destroy();
    cloudwatch.destroy();
  }
}

function awsFiles(home: string): { dir: string; config: string; credentials: string } {
  const dir = join(home, '.aws');
  return { dir, config: join(dir, 'config'), credentials: join(dir, 'credentials') };
}

/** What the page shows of the hostile corpus: literal text, visible tokens, no element, no canary. */
async function expectInert(frame: FrameLocator, scope: string, literals: readonly string[], tokens: readonly string[]): Promise<void> {
  const report = await frame.locator('body').evaluate(
    (_body, arg: { scope: string }) => {
      // Serialized into the webview frame: DOM types written out (the repo's tsconfig has no DOM lib).
      interface Node_ {
        textContent: string | null;
        outerHTML: string;
      }
      const g = globalThis as unknown as {
        __pwned?: unknown;
        document: { body: unknown; querySelector(s: string): Node_ | null; querySelectorAll(s: string): ArrayLike<Node_> };
        getComputedStyle(e: unknown): { display: string };
      };
      const shown = g.document.querySelector(arg.scope)?.textContent ?? '';
      return {
        text: shown,
        pwned: g.__pwned,
        injected: Array.from(g.document.querySelectorAll('#root script, #root img, #root style, #root link, #root iframe, #root b, #root a[href^="javascript"], #root [onerror], #root [onclick]')).map((e) => e.outerHTML.slice(0, 80)),
        bodyDisplay: g.getComputedStyle(g.document.body).display,
        raw: /[\u202a-\u202e\u2066-\u2069\u001b\u0007]/.test(shown),
      };
    },
    { scope },
  );
  const problems: string[] = [];
  if (report.pwned !== undefined) problems.push(`window.__pwned is ${JSON.stringify(report.pwned)}`);
  if (report.injected.length > 0) problems.push(`elements created from log text: ${JSON.stringify(report.injected)}`);
  if (report.bodyDisplay === 'none') problems.push('the body is display:none');
  if (report.raw) problems.push('a raw bidi, ESC or BEL character reached the DOM');
  for (const l of literals) if (!report.text.includes(l)) problems.push(`missing literally: ${JSON.stringify(l)}`);
  for (const t of tokens) if (!report.text.includes(t)) problems.push(`missing the visible token ${t}`);
  if (problems.length > 0) throw new Error(`in ${scope}: ${problems.join('; ')}`);
}

export default [
  uiTest({
    name: "checkout-api's timeline panel from the explorer: painted chart, header p99 as the tree's, keyboard opens an invocation's logs",
    vsix: true,
    timeoutMs: 180_000,
    async run({ wb, screenshot }) {
      const frame = await openCheckoutPanel(wb);

      // The chart is drawn: a canvas with pixels of several colours.
      const canvas = frame.locator('#timeline-chart');
      await expectVisible(canvas, 'the #timeline-chart canvas');
      let paint = await canvasPaint(canvas);
      await waitUntil(async () => {
        paint = await canvasPaint(canvas);
        return paint.renders > 0 && paint.painted > 500 && paint.colours >= 3;
      }, () => `the timeline canvas to be painted (${JSON.stringify(paint)})`, 30_000);
      await expectVisible(frame.locator('#reset-zoom'), 'the Reset zoom button');
      for (const id of ['invocations', 'errors', 'latency', 'cold', 'throttles', 'cost']) {
        await expectVisible(frame.locator(`.tiles .tile[data-figure="${id}"] .tile-value`), `the "${id}" header tile`, 10_000);
      }
      await expectVisible(frame.locator('.panel-head h1', { hasText: 'checkout-api' }), 'the function name in the header');

      // The header's p99 is the tree's (both follow the same polls: compared until they agree).
      let seen = '';
      await waitUntil(
        async () => {
          const tile = await text(frame.locator('.tiles .tile[data-figure="latency"] .tile-value'));
          const row = await text(wb.treeRowDescription('checkout-api'));
          const header = parseMs(tile.split('·').at(-1) ?? '');
          const tree = parseMs(/p99 (.+?) ·/.exec(row)?.[1] ?? '');
          seen = `header "${tile}" → ${header}, tree "${row}" → ${tree}`;
          return header !== undefined && tree !== undefined && sameFigure(header, tree);
        },
        () => `the header's p99 to equal the tree row's (${seen})`,
        30_000,
      );
      const invocations = Number((await text(frame.locator('.tile[data-figure="invocations"] .tile-value'))).replace(/,/g, ''));
      if (!(invocations > 0)) throw new Error(`the Invocations tile reads ${invocations}`);

      // Keyboard: focus the chart, → selects the first invocation, Enter opens it with its log lines.
      await canvas.focus();
      await canvas.press('ArrowRight');
      let announced = '';
      await waitUntil(async () => (announced = await text(frame.locator('#timeline-selection'))).endsWith('Press Enter to open it.'), () => `the selection to be announced (it reads "${announced}")`, 10_000);
      await canvas.press('Enter');
      const detail = frame.locator('.detail-slot .detail');
      await expectVisible(detail.locator('.detail-head h3 code'), 'the invocation opened under the chart', 10_000);
      const requestId = await text(detail.locator('.detail-head h3 code'));
      if (!/^[0-9a-f-]{36}$/.test(requestId)) throw new Error(`the invocation opened has the request id "${requestId}"`);
      let logs = '';
      await waitUntil(
        async () => {
          logs = await text(detail.locator('.log-box'));
          return logs.includes(`START RequestId: ${requestId}`) && logs.includes(`REPORT RequestId: ${requestId}`);
        },
        () => `"START RequestId: ${requestId}" and "REPORT RequestId: ${requestId}" in its log lines (they read "${logs.slice(0, 600)}")`,
        30_000,
      );
      await expectVisible(detail.locator('.figures'), "the invocation's figures");
      await wb.parkMouse();
      await screenshot('function-panel-dark');
      await wb.closeAllEditors();
    },
  }),

  uiTest({
    name: 'the TypeError issue panel from the explorer: its orders.js:42 frame opens orders.ts at line 64',
    timeoutMs: 180_000,
    async run({ wb, screenshot }) {
      const frame = await openOrdersTypeError(wb);
      await expectVisible(frame.locator('.panel-head h1', { hasText: TYPE_ERROR }), 'the issue title in the panel');
      await expectVisible(frame.locator('#occurrence-chart'), 'the occurrence chart');
      await expectVisible(frame.locator('.occurrences li').first(), 'a recent occurrence');
      // Runtime frames are shown, not linked.
      await expectVisible(frame.locator('.frames li.frame.runtime', { hasText: '/var/runtime/' }).first(), 'a runtime frame (not a link)');
      if ((await frame.locator('.frames li.frame.runtime .frame-link').count()) > 0) throw new Error('a runtime frame is a link');
      const link = frame.locator('.frames .frame-link', { hasText: 'orders.js:42' }).first();
      const where = await text(frame.locator('.frames li.in-workspace', { hasText: 'orders.js:42' }).locator('.where'));
      if (!/checkout-api\/src\/orders\.ts:64:\d+$/.test(where)) throw new Error(`the orders.js:42 frame is placed at "${where}"`);
      await wb.parkMouse();
      await screenshot('issue-panel-dark');

      await link.click();
      await expectVisible(wb.activeEditorTab('orders.ts'), 'orders.ts in the active editor tab', 30_000);
      await expectVisible(wb.statusBarItem(/Ln 64, Col \d+/), 'the cursor on line 64 (status bar)', 15_000);
      const editor = wb.editor('orders.ts');
      await expectVisible(wb.lineNumber(editor, 64), 'line 64 visible in orders.ts', 10_000);
      const current = editor.locator('.view-overlays .current-line');
      await expectVisible(current.first(), "the editor's current-line highlight", 10_000);
      const gutter = await wb.lineNumber(editor, 64).boundingBox();
      const highlight = await current.first().boundingBox();
      if (!gutter || !highlight || Math.abs(gutter.y - highlight.y) > 3) throw new Error(`the current line is not line 64 (line 64 at y=${gutter?.y}, current line at y=${highlight?.y})`);
      await wb.closeAllEditors();
    },
  }),

  uiTest({
    name: 'a hostile log corpus from an AWS profile on moto shows literally and runs nothing, in both panels',
    timeoutMs: 300_000,
    async run(ctx) {
      const { wb, screenshot } = ctx;
      if (!ctx.motoUrl) throw new Error('no moto server: set LAMBDASCOPE_MOTO_URL, or install moto (python3 -m moto.server) for the runner to start one');
      const files = awsFiles(ctx.home);
      if (existsSync(files.config) || existsSync(files.credentials)) throw new Error(`${files.dir} already has a config or credentials: the other tests assume no AWS profile`);
      const seeded = await seedHostile(ctx.motoUrl);
      ctx.log(`seeded ${HOSTILE_FUNCTION} in ${MOTO_REGION}; failed ${seeded.failedRequestId}`);
      const createdDir = !existsSync(files.dir);
      try {
        mkdirSync(files.dir, { recursive: true });
        writeFileSync(files.config, `[profile ${MOTO_PROFILE}]\nregion = ${MOTO_REGION}\nendpoint_url = ${ctx.motoUrl}\noutput = json\n`);
        writeFileSync(files.credentials, `[${MOTO_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`);
        await ctx.updateUserSettings({ 'lambdascope.profiles': [MOTO_PROFILE], 'lambdascope.demo.enabled': true });
        await wb.openViewContainer('Lambdascope');
        await expectVisible(wb.treeRow(MOTO_PROFILE), `the ${MOTO_PROFILE} profile in the explorer`, 60_000);
        const row = wb.treeRow(HOSTILE_FUNCTION);
        try {
          await expectVisible(row, `${HOSTILE_FUNCTION} in the explorer`, 30_000);
        } catch {
          await wb.runCommand('Lambdascope: Refresh');
          await expectVisible(row, `${HOSTILE_FUNCTION} in the explorer (after a refresh)`, 60_000);
        }
        // Its first poll read the logs: the row shows the figures of its invocations.
        let desc = '';
        await waitUntil(async () => /p99 /.test((desc = await text(wb.treeRowDescription(HOSTILE_FUNCTION)))), () => `${HOSTILE_FUNCTION}'s figures in the explorer (it reads "${desc}")`, 90_000);

        await row.click();
        await expectVisible(wb.editorTab(`λ ${HOSTILE_FUNCTION}`), `the "λ ${HOSTILE_FUNCTION}" tab`, 30_000);
        const panel = await wb.webviewWith('#tab-invocations', `${HOSTILE_FUNCTION}'s panel`, 60_000);
        await panel.locator('#tab-invocations').click();
        const failedRow = panel.locator('vscode-data-grid-row', { hasText: seeded.failedRequestId }).first();
        await expectVisible(failedRow, 'the failed invocation in the Invocations grid', 30_000);
        await failedRow.locator('vscode-data-grid-cell').first().click();
        const detail = panel.locator('.detail-slot .detail');
        await expectVisible(detail.locator('.log li .msg', { hasText: `START RequestId: ${seeded.failedRequestId}` }), "the failed invocation's log lines", 30_000);
        await expectVisible(detail.locator('.tag.status-error'), 'the Error status tag', 10_000);
        await expectInert(panel, '.detail-slot .detail', [HOSTILE.script, HOSTILE.img, HOSTILE.href, HOSTILE.style, '<b>order</b>'], ['␛[31m', '␛]8;;http://evil.example␇', '⟨U+202E⟩', '⟨U+202C⟩', '⟨U+2066⟩', '⟨U+2067⟩', '⟨U+2068⟩', '⟨U+2069⟩']);
        await wb.parkMouse();
        await screenshot('hostile-function-panel');

        // The long line, in its own invocation: cut, with a control that shows it whole.
        const longRow = panel.locator('vscode-data-grid-row', { hasText: seeded.longRequestId }).first();
        await expectVisible(longRow, 'the invocation with the long line in the grid', 30_000);
        await longRow.locator('vscode-data-grid-cell').first().click();
        const longLine = detail.locator('.log li', { hasText: 'long line xxx' }).first();
        await expectVisible(longLine, 'the long line', 30_000);
        const showAll = longLine.locator('.show-all');
        await expectVisible(showAll, 'the "Show the whole line" control', 10_000);
        const label = await text(showAll);
        if (!/^Show the whole line \((976\.6 KB|1\.0 MB)\)$/.test(label)) throw new Error(`the control reads "${label}"`);
        const cut = await longLine.locator('.msg').evaluate((e) => ((e as { textContent: string | null }).textContent ?? '').length);
        if (!(cut > 9_000 && cut < 10_100)) throw new Error(`the cut line shows ${cut} characters`);
        await showAll.click();
        await expectHidden(showAll, 'the "Show the whole line" control');
        let whole = 0;
        await waitUntil(async () => (whole = await longLine.locator('.msg').evaluate((e) => ((e as { textContent: string | null }).textContent ?? '').length)) >= LONG_LINE_CHARS, () => `the whole line (${whole} characters shown)`, 10_000);

        // Its issue: the hostile message shows literally.
        await detail.locator('.detail-head .icon-button').click();
        await panel.locator('#tab-issues').click();
        const issueLink = panel.locator('.issues .issue-title').first();
        await expectVisible(issueLink, "an issue in hostile-echo's Issues tab", 30_000);
        await issueLink.click();
        await expectVisible(wb.editorTab(/^Issue: /), 'an "Issue: …" tab', 30_000);
        const issue = await wb.webviewWith('pre.message', 'the hostile issue panel', 60_000);
        await expectVisible(issue.locator('pre.message', { hasText: 'onerror="window.__pwned=4"' }), 'the hostile message, literally', 30_000);
        await expectInert(issue, 'pre.message', [HOSTILE_ERROR.replace('\u202E', '⟨U+202E⟩')], ['⟨U+202E⟩']);
        await expectInert(issue, '#root', ['<img src=y onerror="window.__pwned=4">'], []);
        await wb.parkMouse();
        await screenshot('hostile-issue-panel');
        await wb.closeAllEditors();
      } finally {
        // The files first: the settings change makes the extension read the profiles again.
        rmSync(files.config, { force: true });
        rmSync(files.credentials, { force: true });
        if (createdDir) rmSync(files.dir, { recursive: true, force: true });
        await ctx.updateUserSettings({ 'lambdascope.profiles': null });
        await wb.runCommand('Lambdascope: Refresh').catch(() => {});
      }
      await expectHidden(wb.treeRow(MOTO_PROFILE), `the ${MOTO_PROFILE} profile to leave the explorer`, 60_000);
    },
  }),

  uiTest({
    name: 'both panels in the dark and the light theme (screenshots)',
    timeoutMs: 240_000,
    async run(ctx) {
      const { wb, screenshot } = ctx;
      try {
        await openCheckoutPanel(wb);
        const fn = await setTheme(ctx, 'Light Modern', '#timeline-chart');
        let paint = await canvasPaint(fn.locator('#timeline-chart'));
        await waitUntil(async () => (paint = await canvasPaint(fn.locator('#timeline-chart'))).painted > 500, () => `the chart repainted in the light theme (${JSON.stringify(paint)})`, 30_000);
        await wb.parkMouse();
        await screenshot('function-panel-light');
        await setTheme(ctx, 'Dark Modern', '#timeline-chart');
        await screenshot('function-panel-dark-again');
        await wb.closeAllEditors();

        const issue = await openOrdersTypeError(wb);
        await expectVisible(issue.locator('body.vscode-dark'), 'the issue webview in the dark theme');
        await wb.parkMouse();
        await screenshot('issue-panel-dark-again');
        await setTheme(ctx, 'Light Modern', '.frames');
        await wb.parkMouse();
        await screenshot('issue-panel-light');
      } finally {
        await ctx.updateUserSettings({ 'workbench.colorTheme': 'Dark Modern' });
        await workbenchIs(ctx, 'Dark Modern');
        await wb.closeAllEditors();
      }
    },
  }),
];
