import { fstatSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyzeStream, type AnalyzeResult } from './cli/analyzeCommand';
import { MAX_THREADS } from './cli/parallelAnalyze';
import { writeDemoLogs } from './cli/demoLogsCommand';
import { formatReport } from './cli/formatReport';
import { openInput } from './cli/lineReader';
import { terminalSafe } from './cli/terminalText';
import { hasPricesFor, LAMBDA_PRICES } from './core/cost/priceTable';
import { systemClock } from './core/clock';
import { isSourceError } from './core/ports';
import { formatAccountReport } from './cli/formatAccountReport';
import { reportAccount, type AccountReport } from './cli/reportCommand';
import { FINDING_IDS } from './core/insights/findings';
import { parseDuration, parseTime } from './cli/timeArgs';
import { DEMO_PROFILE, DEMO_REGION, DemoAccount } from './demo/demoAccount';
import type * as AwsRuntime from './awsRuntime';

const USAGE = `Usage:
  lambdascope analyze <file|-> [--json] [--function NAME] [--region REGION] [--arch x86_64|arm64] [--threshold MS]
                      [--threads N]
      Analyse CloudWatch Logs events of Lambda functions: JSON Lines, one
      {"logGroupName","logStreamName","timestamp","message","eventId"} per line, or the JSON
      printed by \`aws logs filter-log-events\` (pass --function when events carry no log group).
      A large file is split by log stream over --threads threads (default: the cores, at most 8;
      one thread on fewer than 3 cores, where splitting costs more than it saves).
  lambdascope report [--profile P] [--region R] [--since 1h | --start T --end T] [--function NAME]…
                     [--endpoint-url URL] [--demo] [--json] [--disable RULE,…] [--no-settings]
      Read an AWS account once (or the built-in demo account: --demo or --profile Demo): every function's
      configuration and CloudWatch metrics, and the logs of those with invocations in the window,
      analysed like \`analyze\`, with its cost (month projection, free tier, what-ifs) and best-practice
      findings (--disable turns rules off by id; --no-settings skips the five calls per function that
      concurrency, destination, invoker and log-retention rules need). Credentials come from the AWS
      profile (AWS_PROFILE, ~/.aws/config).
  lambdascope demo-logs [--minutes N] [--seed N]
      Print the built-in demo account's simulated log events as JSON Lines.
  lambdascope --help | --version`;

const MAX_WARNINGS = 50;

class UsageError extends Error {}

async function analyze(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      function: { type: 'string' },
      region: { type: 'string' },
      arch: { type: 'string' },
      threshold: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  const path = positionals[0];
  if (path === undefined || positionals.length > 1) throw new UsageError('analyze takes one input: a file, or - for standard input.');
  if (values.arch !== undefined && values.arch !== 'x86_64' && values.arch !== 'arm64') throw new UsageError('--arch is x86_64 or arm64.');
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold > 0)) throw new UsageError('--threshold is a duration in milliseconds, above 0.');
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS)) throw new UsageError(`--threads is a whole number from 1 to ${MAX_THREADS}.`);
  if (path !== '-') {
    try {
      const info = await stat(path);
      if (info.isDirectory()) return fail(`'${path}' is a folder, not a file of log events.`);
    } catch (error) {
      return failedRead(path, error) ?? fail(`cannot read '${path}'`);
    }
  } else if (stdinIsFolder()) {
    // (`< some-folder` opens; reading it then gives nothing, which would look like an empty log.)
    return fail('standard input is a folder, not a file of log events.');
  }
  if (values.region !== undefined && !hasPricesFor(LAMBDA_PRICES, values.region)) {
    process.stderr.write(`lambdascope: warning: no price table for region '${terminalSafe(values.region)}'; using ${LAMBDA_PRICES.defaultRegion} prices\n`);
  }
  let warnings = 0;
  let result: AnalyzeResult;
  try {
    result = await analyzeStream(openInput(path), {
      functionName: values.function,
      region: values.region,
      architecture: values.arch as 'x86_64' | 'arm64' | undefined,
      thresholdMs: threshold,
      threads,
      onSkip: (line, reason, event) => {
        warnings++;
        const where = event === undefined ? `line ${line}` : `line ${line}, event ${event}`;
        if (warnings <= MAX_WARNINGS) process.stderr.write(`lambdascope: warning: ${where} skipped: ${reason}\n`);
        else if (warnings === MAX_WARNINGS + 1) process.stderr.write('lambdascope: warning: more lines skipped; the count is in the report\n');
      },
    });
  } catch (error) {
    // The file exists but cannot be read (permissions, a socket, a device): said as for a missing file.
    const code = failedRead(path, error);
    if (code === undefined) throw error;
    return code;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...result.report, skipped: result.skipped, events: result.events })}\n`);
  } else {
    process.stdout.write(formatReport(result.report, result.skipped));
  }
  return 0;
}

async function report(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      region: { type: 'string' },
      since: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      function: { type: 'string', multiple: true },
      'endpoint-url': { type: 'string' },
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      disable: { type: 'string', multiple: true },
      'no-settings': { type: 'boolean', default: false },
    },
  });
  const disabled = new Set((values.disable ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean));
  const unknown = [...disabled].filter((id) => !(FINDING_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown rule ${unknown.join(', ')}; rules are ${FINDING_IDS.join(', ')}.`);
  const findingOptions = { disabledFindings: disabled, readSettings: !values['no-settings'] };
  const now = Date.now();
  let start: number;
  let end: number;
  if (values.start !== undefined || values.end !== undefined) {
    if (values.since !== undefined) throw new UsageError('use --since, or --start and --end, not both.');
    const s = values.start === undefined ? undefined : parseTime(values.start);
    const e = values.end === undefined ? now : parseTime(values.end);
    if (s === undefined || e === undefined) throw new UsageError('--start and --end are ISO 8601 times (2026-11-26T09:00Z) or epoch milliseconds; --start is required with --end.');
    start = s;
    end = e;
  } else {
    const span = parseDuration(values.since ?? '1h');
    if (span === undefined) throw new UsageError('--since is a duration such as 15m, 1h or 7d.');
    start = now - span;
    end = now;
  }
  if (!(end > start)) throw new UsageError('the window ends before it starts.');
  if (end - start > 31 * 86_400_000) throw new UsageError('the window is at most 31 days (CloudWatch keeps 1-minute metrics for 15 days).');
  const progress = values.json || !process.stderr.isTTY ? undefined : (done: number, total: number): void => {
    process.stderr.write(`\rlambdascope: reading logs ${done}/${total}${done === total ? '\n' : ''}`);
  };
  let result: AccountReport;
  // The demo account is a profile like any other: --demo and --profile Demo are the same.
  if (values.demo || values.profile === DEMO_PROFILE) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError('--seed is a whole number.');
    const demo = new DemoAccount({ clock: systemClock, seed, historyMs: now - start + 60_000 });
    result = await reportAccount(demo, { profile: DEMO_PROFILE, region: DEMO_REGION, start, end, functions: values.function, clock: systemClock, onProgress: progress, ...findingOptions });
  } else {
    // The SDK warns on Node < 22 that its releases after January 2027 will need Node 22: the SDK in
    // aws.js is pinned, so that is news for Lambdascope's developers, not for someone running a report.
    if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    // Bundled, this is dist/aws.js (see scripts/nodeBundles.mjs): analyze and --help never load the AWS SDK.
    let openAwsAccount: typeof AwsRuntime.openAwsAccount;
    try {
      ({ openAwsAccount } = await import('./awsRuntime'));
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return fail('the AWS part of Lambdascope (aws.js, beside cli.js) is missing: reinstall Lambdascope (or, from its sources, run `npm run build`).');
      throw error;
    }
    let account;
    try {
      account = await openAwsAccount({ profile: values.profile, region: values.region, endpointUrl: values['endpoint-url'] });
    } catch (error) {
      if (isSourceError(error)) return fail(error.message);
      throw error;
    }
    try {
      result = await reportAccount(account.sources, { profile: account.profile, region: account.region, start, end, functions: values.function, clock: systemClock, onProgress: progress, ...findingOptions });
    } catch (error) {
      if (isSourceError(error)) return fail(error.message);
      throw error;
    } finally {
      account.sources.dispose?.();
    }
  }
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatAccountReport(result));
  return 0;
}

async function demoLogs(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { minutes: { type: 'string', default: '60' }, seed: { type: 'string', default: '42' } } });
  const minutes = Number(values.minutes);
  const seed = Number(values.seed);
  if (!(minutes > 0) || minutes > 7 * 24 * 60) throw new UsageError('--minutes is between 1 and 10080.');
  if (!Number.isInteger(seed)) throw new UsageError('--seed is a whole number.');
  const start = Math.floor((Date.now() - minutes * 60_000) / 60_000) * 60_000;
  await writeDemoLogs(process.stdout, { seed, start, durationMs: minutes * 60_000, hostileEvery: 500 });
  return 0;
}

function stdinIsFolder(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false;
  }
}

/** A file-system error on the input (ENOENT, EACCES, EIO, …) said plainly, with exit code 2; undefined for any other error. */
function failedRead(path: string, error: unknown): number | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  return fail(e.code === 'ENOENT' ? `no such file: '${path}'` : `cannot read '${path === '-' ? 'standard input' : path}' (${e.code})`);
}

function fail(message: string): number {
  process.stderr.write(`lambdascope: ${terminalSafe(message)}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyze(rest);
    case 'report':
      return report(rest);
    case 'demo-logs':
      return demoLogs(rest);
    case '--version':
    case '-v':
      process.stdout.write(`${process.env.LAMBDASCOPE_VERSION ?? 'dev'}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'.`);
  }
}

// EPIPE when piped into `head`: stop quietly. Any other output error (a full disk): say so and stop.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`lambdascope: cannot write the output (${error.code ?? 'error'})\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`lambdascope: ${terminalSafe((error as Error).message)}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`lambdascope: unexpected error: ${terminalSafe(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    process.exitCode = 1;
  },
);
