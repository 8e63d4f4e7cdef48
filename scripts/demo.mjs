#!/usr/bin/env node
/* global fetch, setTimeout, URLSearchParams */
// `npm run demo`: Lambdascope on its built-in demo account, no AWS credentials needed.
//   1. builds, and prints the demo account's report in the terminal (`lambdascope report --demo`);
//   2. opens VS Code on the sample workspace (test/workspace) with the extension loaded and the
//      Demo profile on: your own `code` when it is installed (a separate window with its own
//      settings: yours are not touched), otherwise code-server — the same toolchain as the e2e
//      tests, installed once from the npm registry — whose local URL is printed.
// Without a terminal (CI) or with --check, step 2 starts code-server, checks that it serves the
// workbench, and stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = join(repo, 'test/workspace');
const cache = resolve(process.env.LAMBDASCOPE_E2E_CACHE || join(repo, '.e2e'));
const node24 = join(cache, 'node-v24.21.0/bin/node');
const codeServerEntry = join(cache, 'tools/node_modules/code-server/out/node/entry.js');
const demoRoot = join(repo, '.e2e/demo');
const check = process.argv.includes('--check') || Boolean(process.env.CI) || !process.stdout.isTTY;

const SETTINGS = {
  'lambdascope.demo.enabled': true,
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
};

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', cwd: repo, ...options });
  if (r.status !== 0) {
    console.error(`demo: ${command} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function userDataDir(name) {
  const dir = join(demoRoot, name, 'user-data');
  mkdirSync(join(dir, 'User'), { recursive: true });
  writeFileSync(join(dir, 'User/settings.json'), JSON.stringify(SETTINGS, null, 2));
  return dir;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function codeServer() {
  run('bash', [join(repo, 'test/e2e/setup.sh')]);
  const port = await freePort();
  const home = join(demoRoot, 'code-server', 'home');
  mkdirSync(home, { recursive: true });
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), PATH: `${dirname(node24)}:${process.env.PATH}` };
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  const args = [
    codeServerEntry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userDataDir('code-server'), '--extensions-dir', join(demoRoot, 'code-server', 'extensions'),
    workspace,
  ];
  // Its own process group: stopping it stops the extension host and watchers too.
  const child = spawn(node24, args, { detached: true, env, stdio: check ? 'ignore' : 'inherit' });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stop();
      process.exit(130);
    });
  }
  process.on('exit', stop);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      console.error('demo: code-server did not start in 60 s');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  // The extension under development, loaded into the workbench (the smoke-test driver's payload).
  const remote = `vscode-remote://127.0.0.1:${port}${repo}`;
  const query = new URLSearchParams({ folder: workspace, payload: JSON.stringify([['extensionDevelopmentPath', remote]]) });
  const url = `http://127.0.0.1:${port}/?${query}`;
  if (check) {
    const page = await fetch(url);
    if (!page.ok || !(await page.text()).includes('workbench')) {
      console.error(`demo: code-server did not serve the workbench (${page.status})`);
      process.exit(1);
    }
    console.log(`\ndemo: VS Code (code-server) served the workbench with Lambdascope on 127.0.0.1:${port}; stopping (non-interactive run).`);
    stop();
    return;
  }
  console.log(`\nLambdascope is running in VS Code (code-server). Open this address in your browser:\n\n  ${url}\n\nThe Lambdascope view is in the activity bar (the λ icon). Press Ctrl+C to stop.`);
  await new Promise(() => undefined);
}

run(process.execPath, [join(repo, 'scripts/build.mjs')]);
console.log('== The demo account, last hour (lambdascope report --demo)\n');
run(process.execPath, [join(repo, 'dist/cli.js'), 'report', '--demo', '--since', '1h']);

if (!check && onPath('code')) {
  const child = spawn('code', ['--new-window', '--user-data-dir', userDataDir('code'), `--extensionDevelopmentPath=${repo}`, workspace], { detached: true, stdio: 'ignore' });
  child.unref();
  console.log('\nOpened VS Code with Lambdascope on the demo account (an Extension Development Host window on test/workspace).');
} else {
  await codeServer();
}
