#!/usr/bin/env node
/* global process, console, setTimeout, clearTimeout, fetch, document, URLSearchParams */
// End-to-end tests in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) driven by headless
// Chromium through playwright-core. Expects `bash test/e2e/setup.sh` (the toolchain) and
// `npm run build` (dist/) to have run. Three phases, each with its own code-server and scratch dirs:
//   host  test/e2e/host/*.test.ts bundled and run inside the extension host (extensionTestsPath)
//   dev   test/e2e/ui/*.ts against the workbench, extension loaded from the repo (extensionDevelopmentPath)
//   vsix  `npm run package`, the .vsix installed into a scratch extensions dir, the ui tests marked vsix
// Options: --phases host,dev,vsix   --grep TEXT (test names)   --theme "Light Modern"
// Screenshots and logs: test-results/e2e/. Exit code 0 only when every test passed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const e2eDir = join(repo, 'test/e2e');
const cache = resolve(process.env.LAMBDASCOPE_E2E_CACHE || join(repo, '.e2e'));
const NODE_VERSION = '24.21.0';
const node24 = join(cache, `node-v${NODE_VERSION}`, 'bin/node');
const tools = join(cache, 'tools');
const codeServerEntry = join(tools, 'node_modules/code-server/out/node/entry.js');
const results = join(repo, 'test-results/e2e');
const workspace = join(repo, 'test/workspace');
// Per checkout (gitignored), even when the toolchain cache is shared through LAMBDASCOPE_E2E_CACHE.
const runRoot = join(repo, '.e2e/run');
const buildRoot = join(repo, '.e2e/build');

const TIMEOUTS = {
  server: 30_000, // GET /healthz answers (~1 s seen)
  workbench: 60_000, // workbench rendered (~6 s seen)
  hostTests: 600_000, // whole extension-host pass (~10 s seen; an issue regressing in the demo takes minutes)
  uiTest: 90_000, // default per UI test
  install: 60_000, // --install-extension (~1 s seen)
  package: 300_000, // npm run package (vsce through npx)
};

const { values: options } = parseArgs({
  options: {
    phases: { type: 'string', default: 'host,dev,vsix' },
    grep: { type: 'string' },
    theme: { type: 'string', default: 'Dark Modern' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (options.help) {
  console.log('usage: node test/e2e/run.mjs [--phases host,dev,vsix] [--grep TEXT] [--theme NAME]');
  process.exit(0);
}
const phases = new Set(options.phases.split(',').map((p) => p.trim()).filter(Boolean));
for (const p of phases) if (!['host', 'dev', 'vsix'].includes(p)) fail(`unknown phase "${p}" (host, dev, vsix)`);

// --- bookkeeping -------------------------------------------------------------------------------
const t0 = Date.now();
const outcomes = []; // { phase, name, ok, ms, error }
const servers = new Set(); // code-server process-group leaders still running
let browser;
let stopping = false;

const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[e2e ${since()}] ${message}`);
function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(2);
}
function record(phase, name, ok, ms, error) {
  outcomes.push({ phase, name, ok, ms, error });
  console.log(`  ${ok ? '✔' : '✖'} ${phase} › ${name} (${ms} ms)`);
  if (!ok && error) console.log(indent(String(error), '      '));
}
const indent = (text, pad) => text.split('\n').map((l) => pad + l).join('\n');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// --- cleanup on every path ----------------------------------------------------------------------
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
async function stopServer(pid) {
  if (!servers.has(pid)) return;
  killGroup(pid, 'SIGTERM');
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  servers.delete(pid);
}
async function cleanup() {
  await Promise.all([...servers].map(stopServer));
  if (ownMoto) {
    killGroup(ownMoto, 'SIGTERM');
    ownMoto = undefined;
  }
  if (browser) {
    const b = browser;
    browser = undefined;
    await withTimeout(b.close(), 10_000, 'closing chromium').catch(() => {});
  }
}
// Last resort (also on an uncaught error): no code-server outlives the runner. playwright-core kills
// the browser it launched in its own exit handler.
process.on('exit', () => {
  for (const pid of servers) killGroup(pid, 'SIGKILL');
  if (ownMoto) killGroup(ownMoto, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\ne2e: ${signal}, stopping code-server and chromium`);
    withTimeout(cleanup(), 15_000, 'cleanup')
      .catch(() => {})
      .finally(() => process.exit(130));
  });
}

// --- preconditions ------------------------------------------------------------------------------
if (!existsSync(node24) || !existsSync(codeServerEntry)) fail(`the e2e toolchain is missing in ${cache}: run bash test/e2e/setup.sh`);
if (!existsSync(join(repo, 'dist/extension.js'))) fail('dist/extension.js is missing: run npm run build');
if (!existsSync('/usr/bin/chromium')) fail('/usr/bin/chromium is missing: run bash test/e2e/setup.sh');
const toolsRequire = createRequire(join(tools, 'package.json'));
const { chromium } = toolsRequire('playwright-core');
const esbuild = await import('esbuild'); // the repo's own devDependency

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
rmSync(runRoot, { recursive: true, force: true });
rmSync(buildRoot, { recursive: true, force: true });
if (!existsSync(workspace)) {
  // Normally the sample app lives here; never overwrite it, only make sure a folder exists.
  mkdirSync(workspace, { recursive: true });
  log(`created an empty ${workspace}`);
}

// --- bundles ------------------------------------------------------------------------------------
const hostResultsFile = join(runRoot, 'host-results.jsonl');
async function bundleHostTests() {
  const dir = join(e2eDir, 'host');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
  const outfile = join(buildRoot, 'host/index.js');
  const entry = [
    `import { runAll } from './harness';`,
    ...files.map((f) => `import './${f.replace(/\.ts$/, '')}';`),
    `export function run() { return runAll(${JSON.stringify(hostResultsFile)}, ${JSON.stringify(options.grep ?? '')}); }`,
  ].join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: dir, sourcefile: 'host-tests-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // As in scripts/build.mjs: @datadog/sketches-js loads protobufjs only for (de)serialising, never used.
    external: ['vscode', 'protobufjs/minimal'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { outfile, files };
}

async function loadUiTests() {
  const dir = join(e2eDir, 'ui');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  const tests = [];
  for (const f of files) {
    const outfile = join(buildRoot, 'ui', f.replace(/\.ts$/, '.mjs'));
    await esbuild.build({
      entryPoints: [join(dir, f)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'warning',
      // CommonJS dependencies bundled into ESM (the AWS SDK a test seeds moto with) call require()
      // for Node built-ins: give the bundle one.
      banner: { js: "import { createRequire as __e2eCreateRequire } from 'node:module'; const require = __e2eCreateRequire(import.meta.url);" },
    });
    const mod = await import(pathToFileURL(outfile).href);
    const list = mod.default ?? mod.tests;
    if (!Array.isArray(list)) throw new Error(`test/e2e/ui/${f}: export default an array of uiTest({...})`);
    for (const t of list) tests.push({ ...t, file: f });
  }
  return tests.filter((t) => !options.grep || t.name.includes(options.grep));
}

// --- moto (AWS emulator for tests that need a real AWS profile) ------------------------------------
let ownMoto; // pid of the moto server this runner started, when LAMBDASCOPE_MOTO_URL was not given
async function motoUrl() {
  if (process.env.LAMBDASCOPE_MOTO_URL) return process.env.LAMBDASCOPE_MOTO_URL.replace(/\/+$/, '');
  const python = process.env.LAMBDASCOPE_PYTHON || 'python3';
  if (spawnSync(python, ['-c', 'import moto.server'], { encoding: 'utf8' }).status !== 0) return undefined;
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: 'ignore' });
  ownMoto = child.pid;
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 60; i++) {
    if (await fetch(`${url}/moto-api/data.json`).then((r) => r.ok, () => false)) return url;
    await sleep(500);
  }
  throw new Error(`moto server did not start on ${url}`);
}

/**
 * Merges `patch` into a phase's user settings through VS Code's own settings.json editor, so that the
 * running workbench applies it at once. (code-server 4.139 does not notice a write to the file from
 * outside: a theme or a lambdascope.* setting written there stayed unapplied for minutes.) The
 * editor is closed afterwards; a webview it covered reloads when shown again.
 */
async function updateUserSettings(dirs, page, wb, patch) {
  const file = join(dirs.userData, 'User/settings.json');
  const merged = JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...patch }, null, 2);
  await wb.runCommand('Preferences: Open User Settings (JSON)');
  const group = page.locator('.part.editor .editor-group-container').filter({ has: page.locator('.tabs-container .tab.active[data-resource-name="settings.json"]') }).first();
  const editor = group.locator('.monaco-editor .view-lines').first();
  await editor.waitFor({ state: 'visible', timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(JSON.parse(merged)));
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 15_000;
  for (;;) {
    let saved = '';
    try {
      saved = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2);
    } catch {
      // being written
    }
    if (saved === merged) break;
    if (Date.now() > deadline) throw new Error(`updateUserSettings: settings.json was not saved with ${JSON.stringify(patch)} (it holds ${saved.slice(0, 500)})`);
    await sleep(200);
  }
  await wb.runCommand('View: Close Editor');
}

// --- code-server ----------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Scratch HOME/XDG/user-data/extensions dirs for one phase, with settings that keep the workbench quiet. */
function scratchDirs(phase) {
  const root = join(runRoot, phase);
  const dirs = {
    root,
    home: join(root, 'home'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.enabled': false,
    'window.commandCenter': false,
    'workbench.colorTheme': options.theme,
    // updateUserSettings types into the settings.json editor: nothing may add to what it types.
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoClosingComments': 'never',
    'editor.autoSurround': 'never',
    'editor.autoIndent': 'none',
    'editor.formatOnType': false,
    'editor.formatOnPaste': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
  };
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify(settings, null, 2));
  return dirs;
}

function codeServerEnv(dirs) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Started from a VS Code terminal, these would point code-server at that VS Code; and the
    // extension must see no AWS profile or credentials but the scratch HOME's (none).
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('AWS_')) continue;
    env[k] = v;
  }
  return {
    ...env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local/share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    PATH: `${dirname(node24)}:${process.env.PATH}`,
    LAMBDASCOPE_E2E_RESULTS: hostResultsFile,
  };
}

function codeServerCli(dirs, args, timeoutMs) {
  const r = spawnSync(node24, [codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

async function startServer(phase, dirs) {
  const port = await freePort();
  const logFile = join(results, `${phase}-code-server.log`);
  const fd = openSync(logFile, 'w');
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    workspace,
  ];
  // detached: its own session and process group, so that killing -pid stops the server, the
  // extension host and the file watcher together.
  const child = spawn(node24, args, { detached: true, env: codeServerEnv(dirs), stdio: ['ignore', fd, fd] });
  closeSync(fd);
  servers.add(child.pid);
  let exited;
  child.on('exit', (code, signal) => (exited = signal ?? code));
  const deadline = Date.now() + TIMEOUTS.server;
  for (;;) {
    if (exited !== undefined) throw new Error(`code-server exited (${exited}) while starting:\n${tail(logFile)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz in ${TIMEOUTS.server} ms:\n${tail(logFile)}`);
    await sleep(200);
  }
  log(`${phase}: code-server on 127.0.0.1:${port} (pid ${child.pid})`);
  return { port, pid: child.pid, logFile };
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Keeps the extension host and workbench logs of a failed phase next to the screenshots. */
function keepLogs(phase, dirs) {
  const from = join(dirs.userData, 'logs');
  if (!existsSync(from)) return;
  const to = join(results, `${phase}-logs`);
  cpSync(from, to, { recursive: true });
  console.log(`      logs: ${to}`);
}

// --- browser --------------------------------------------------------------------------------------
async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // The runner handles signals itself (above) and stops the browser there.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Opens the workbench on `server`, with the smoke-test driver's payload (extension dev/tests paths). */
async function openWorkbench(phase, server, payload, onExit) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleLog = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLog.push(`[pageerror] ${e.message}`));
  const saveConsole = () => writeFileSync(join(results, `${phase}-browser-console.log`), consoleLog.join('\n') + '\n');
  if (onExit) await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const query = new URLSearchParams({ folder: workspace });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload.map(([k, path]) => [k, remote(path)])));
  await page.goto(`http://127.0.0.1:${server.port}/?${query}`, { timeout: TIMEOUTS.workbench });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
  log(`${phase}: workbench ready`);
  return { context, page, saveConsole };
}

async function shot(page, phase, name) {
  const file = join(results, `${phase}-${slug(name)}.png`);
  await page.screenshot({ path: file, timeout: 15_000 });
  return file;
}

// --- phases -----------------------------------------------------------------------------------------
async function runPhase(phase, body) {
  const started = Date.now();
  const dirs = scratchDirs(phase);
  let server;
  let session;
  try {
    if (stopping) return;
    await body({
      dirs,
      start: async () => (server = await startServer(phase, dirs)),
      open: async (payload, onExit) => (session = await openWorkbench(phase, server, payload, onExit)),
    });
  } catch (error) {
    record(phase, '(phase)', false, Date.now() - started, error instanceof Error ? error.stack ?? error.message : String(error));
    if (session) await shot(session.page, phase, 'phase-failed').catch(() => {});
    if (server) console.log(`      code-server log: ${server.logFile}`);
  } finally {
    if (outcomes.some((o) => o.phase === phase && !o.ok)) keepLogs(phase, dirs);
    if (session) {
      session.saveConsole();
      await withTimeout(session.context.close(), 10_000, 'closing the browser context').catch(() => {});
    }
    if (server) await stopServer(server.pid);
    log(`${phase}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function hostPhase() {
  await runPhase('host', async ({ start, open }) => {
    const { outfile, files } = await bundleHostTests();
    log(`host: ${files.length} test file(s): ${files.join(', ')}`);
    await start();
    let exitCode;
    const exited = new Promise((r) => (exitCode = r));
    const session = await open(
      [
        ['extensionDevelopmentPath', repo],
        ['extensionTestsPath', outfile],
      ],
      (code) => exitCode(code),
    );
    let code;
    try {
      code = await withTimeout(exited, TIMEOUTS.hostTests, 'extension-host tests');
    } finally {
      await shot(session.page, 'host', 'after-tests').catch(() => {});
    }
    const lines = existsSync(hostResultsFile)
      ? readFileSync(hostResultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : [];
    const start_ = lines.find((l) => l.type === 'start');
    if (start_) log(`host: VS Code ${start_.vscodeVersion}, ${start_.total} test(s)`);
    for (const l of lines.filter((l) => l.type === 'test')) record('host', l.name, l.ok, l.ms, l.error);
    if (!lines.some((l) => l.type === 'end')) throw new Error(`the extension-host run did not finish (exit code ${code}); see test-results/e2e/host-logs`);
    const failedHere = lines.filter((l) => l.type === 'test' && !l.ok).length;
    if ((code === 0) !== (failedHere === 0)) throw new Error(`extension host exit code ${code} disagrees with the results (${failedHere} failed)`);
    if (start_?.total === 0) log('host: no test matched');
  });
}

async function uiPhase(phase, tests, payload, moto) {
  await runPhase(phase, async ({ dirs, start, open }) => {
    if (phase === 'vsix') await installVsix(dirs);
    await start();
    const { page } = await open(payload);
    const { Workbench } = await import(pathToFileURL(join(buildRoot, 'ui-lib.mjs')).href);
    const wb = new Workbench(page);
    if (phase === 'dev') {
      await page
        .waitForFunction(() => document.title.includes('Extension Development Host'), undefined, { timeout: 15_000 })
        .catch(async () => {
          throw new Error(`expected an [Extension Development Host] window, the title is "${await page.title()}"`);
        });
    }
    for (const test of tests) {
      if (stopping) return;
      const started = Date.now();
      const ctx = {
        page,
        wb,
        phase,
        screenshot: (name) => shot(page, phase, name),
        log: (message) => log(`${phase} › ${test.name}: ${message}`),
        home: dirs.home,
        motoUrl: moto,
        updateUserSettings: (patch) => updateUserSettings(dirs, page, wb, patch),
      };
      try {
        await withTimeout(test.run(ctx), test.timeoutMs ?? TIMEOUTS.uiTest, test.name);
        record(phase, test.name, true, Date.now() - started);
      } catch (error) {
        const file = await shot(page, phase, `${test.name}-FAILED`).catch(() => undefined);
        const message = error instanceof Error ? error.stack ?? error.message : String(error);
        record(phase, test.name, false, Date.now() - started, file ? `${message}\nscreenshot: ${file}` : message);
        // Leave a clean workbench for the next test.
        await page.keyboard.press('Escape').catch(() => {});
        await wb.closeAllEditors().catch(() => {});
      }
    }
  });
}

async function installVsix(dirs) {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const vsix = join(repo, `${pkg.name}-${pkg.version}.vsix`);
  rmSync(vsix, { force: true });
  log('vsix: npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: repo, encoding: 'utf8', timeout: TIMEOUTS.package, killSignal: 'SIGKILL' });
  writeFileSync(join(results, 'vsix-package.log'), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed (${r.status ?? r.signal}):\n${r.stdout.slice(-3000)}${r.stderr.slice(-3000)}`);
  log(`vsix: ${basename(vsix)} (${Math.round(statSync(vsix).size / 1024)} KiB)`);
  // `npm run package` leaves a production build in dist/: put the development build back.
  const rebuild = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8', timeout: TIMEOUTS.package });
  if (rebuild.status !== 0) log(`vsix: npm run build afterwards failed:\n${rebuild.stderr}`);
  codeServerCli(dirs, ['--install-extension', vsix], TIMEOUTS.install);
  const listed = codeServerCli(dirs, ['--list-extensions', '--show-versions'], TIMEOUTS.install);
  if (!listed.includes(`${pkg.publisher}.${pkg.name}@${pkg.version}`)) throw new Error(`the installed extensions do not list ${pkg.publisher}.${pkg.name}@${pkg.version}:\n${listed}`);
  log(`vsix: installed ${pkg.publisher}.${pkg.name}@${pkg.version}`);
}

// --- main -------------------------------------------------------------------------------------------
let exitCode = 1;
try {
  log(`repo ${repo}, cache ${cache}, phases ${[...phases].join(',')}${options.grep ? `, grep "${options.grep}"` : ''}`);
  await esbuild.build({
    entryPoints: [join(e2eDir, 'lib/workbench.ts')],
    outfile: join(buildRoot, 'ui-lib.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const uiTests = phases.has('dev') || phases.has('vsix') ? await loadUiTests() : [];
  browser = await launchBrowser();
  log(`chromium ${browser.version()}`);
  if (phases.has('host')) await hostPhase();
  const moto = uiTests.length > 0 ? await motoUrl() : undefined;
  log(moto ? `moto ${moto}` : 'moto: not available (tests that need it fail with a message)');
  if (phases.has('dev')) await uiPhase('dev', uiTests, [['extensionDevelopmentPath', repo]], moto);
  if (phases.has('vsix')) await uiPhase('vsix', uiTests.filter((t) => t.vsix), [], moto);
  exitCode = outcomes.length > 0 && outcomes.every((o) => o.ok) ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  exitCode = 1;
} finally {
  await withTimeout(cleanup(), 20_000, 'cleanup').catch((e) => console.error(String(e)));
}

const passed = outcomes.filter((o) => o.ok).length;
const failed = outcomes.length - passed;
console.log('\n== e2e summary (real VS Code, code-server 4.139.1)');
for (const phase of ['host', 'dev', 'vsix'].filter((p) => phases.has(p))) {
  const mine = outcomes.filter((o) => o.phase === phase);
  console.log(`  ${phase.padEnd(5)} ${mine.filter((o) => o.ok).length} passed, ${mine.filter((o) => !o.ok).length} failed`);
  for (const o of mine.filter((o) => !o.ok)) console.log(`    ✖ ${o.name}`);
}
if (outcomes.length === 0) console.log('  no test ran');
console.log(`  screenshots and logs: ${results}`);
console.log(`  ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
