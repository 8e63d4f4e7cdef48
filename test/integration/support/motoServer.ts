// A moto server (https://github.com/getmoto/moto) as the AWS peer of integration tests: the real
// SDK, real HTTP and real serialisation against an independent implementation of the APIs.
// CI may start one server for the whole run and pass it in LAMBDASCOPE_MOTO_URL; otherwise each
// test file starts its own on a free loopback port and stops it when done.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Socket } from 'node:net';

export interface MotoServer {
  /** `http://127.0.0.1:PORT`, for the clients' `endpoint`. */
  readonly url: string;
  /** True for the server of LAMBDASCOPE_MOTO_URL: others use it at the same time, so do not reset it. */
  readonly shared: boolean;
  /** Kills the server started here (and waits for it to exit); a no-op for a shared server. */
  stop(): Promise<void>;
  /** Empties every backend (POST /moto-api/reset). */
  reset(): Promise<void>;
}

export const MOTO_URL_ENV = 'LAMBDASCOPE_MOTO_URL';
/** Overrides the interpreter (default: the one `python3` resolves to). */
export const MOTO_PYTHON_ENV = 'LAMBDASCOPE_PYTHON';

const INSTALL_HINT = 'Install it with: pip install "moto[server]" (or set LAMBDASCOPE_MOTO_URL to a running server).';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

// Process groups of the servers started here, killed when this process exits whatever the outcome.
const liveGroups = new Set<number>();
let cleanupInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative pid: the whole group, so no interpreter shim or worker is left behind.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL, no waiting.
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  // A signal skips 'exit': clean up, then let the signal take its default course.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      liveGroups.clear();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * The real interpreter: `python3` on PATH may be a pyenv shim, whose pid is not the server's.
 * Asking the interpreter for sys.executable gets past the shim.
 */
function pythonExecutable(): string {
  const override = process.env[MOTO_PYTHON_ENV];
  if (override) return override;
  const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 15_000 });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  if (!path) throw new Error(`Cannot run python3 to start moto (${probe.error?.message ?? probe.stderr.trim()}). ${INSTALL_HINT}`);
  return path;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

// Not /moto-api/data.json: once a Lambda function exists it answers HTTP 500 without Docker
// (it serialises the functions through a Docker client).
async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/moto-api/config`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function resetServer(url: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}

// The server exits by itself when its parent (this process) dies, even by SIGKILL, which no
// handler here can see: a watchdog thread notices the re-parenting.
const LAUNCHER = [
  'import os, sys, threading, time',
  'parent = os.getppid()',
  'def watch():',
  '    while True:',
  '        time.sleep(0.5)',
  '        if os.getppid() != parent:',
  '            os._exit(0)',
  'threading.Thread(target=watch, daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

async function launch(python: string): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // detached: its own process group, so stop() can kill the group.
  const child = spawn(python, ['-c', LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let exited: string | undefined;
  // A spawn failure (no such interpreter) arrives as an 'error' event, which must be handled.
  child.once('error', (error) => {
    exited = `could not start (${error.message})`;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Cannot start moto with ${python}. ${INSTALL_HINT}`);
  liveGroups.add(pid);
  // The server logs every request on stderr: keep only the tail, for error messages.
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4_000);
  });
  // Neither the child nor its pipe keeps this process alive; the exit handler kills the group.
  child.unref();
  (child.stderr as Socket | null)?.unref();

  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
    liveGroups.delete(pid);
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      const hint = /No module named|ModuleNotFoundError|ImportError|could not start/.test(`${exited} ${stderrTail}`) ? INSTALL_HINT : '';
      throw new Error(`moto server ${exited} before it was ready. ${hint}\n${stderrTail.slice(-1_500)}`);
    }
    if (await isReady(url)) return { child, url };
    await delay(100);
  }
  killGroup(pid, 'SIGKILL');
  throw new Error(`moto server not ready at ${url} after ${READY_TIMEOUT_MS / 1000} s. ${INSTALL_HINT}\n${stderrTail.slice(-1_500)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader is gone; a straggler in its group may not be.
    killGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(pid, 'SIGTERM');
  const timer = delay(STOP_TIMEOUT_MS).then(() => 'timeout' as const);
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
    killGroup(pid, 'SIGKILL');
    await exited;
  }
  killGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

/**
 * A moto server: the one in LAMBDASCOPE_MOTO_URL when set (stop() leaves it running), otherwise a
 * new one on a free loopback port. Tests sharing a server run concurrently (two files at a time),
 * so they should use a region of their own rather than rely on reset().
 */
export async function startMoto(): Promise<MotoServer> {
  const shared = process.env[MOTO_URL_ENV];
  if (shared) {
    const url = shared.replace(/\/+$/, '');
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await isReady(url))) {
      if (Date.now() > deadline) throw new Error(`${MOTO_URL_ENV}=${shared} does not answer GET /moto-api/config.`);
      await delay(200);
    }
    return { url, shared: true, stop: async () => {}, reset: () => resetServer(url) };
  }

  installCleanup();
  const python = pythonExecutable();
  // Another process may take the probed port before moto binds it: try a few ports.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const { child, url } = await launch(python);
      let stopped: Promise<void> | undefined;
      return {
        url,
        shared: false,
        stop: () => (stopped ??= stopChild(child)),
        reset: () => resetServer(url),
      };
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.includes(INSTALL_HINT)) break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
