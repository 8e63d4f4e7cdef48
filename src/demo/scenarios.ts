import type { IssueKind } from '../core/issues/errorKind';
import type { Random } from './random';

export type Runtime = 'nodejs24.x' | 'nodejs20.x' | 'python3.12' | 'java21' | 'provided.al2023';
export type LogFormat = 'Text' | 'JSON';
/** How an error scenario shows up in the logs. `handled`: logged at ERROR, the invocation succeeds. */
export type Outcome = 'handled' | 'error' | 'timeout' | 'outOfMemory' | 'crash' | 'initError';

export interface SimFrame {
  readonly fn: string;
  readonly file: string;
  readonly line: number;
}

/** One bug (or platform failure) of a simulated function: the ground truth of one issue. */
export interface ErrorScenario {
  readonly id: string;
  readonly outcome: Outcome;
  readonly kind: IssueKind;
  readonly errorType: string;
  /** The title Lambdascope must show, written by hand (not computed) so that tests check it. */
  readonly expectedTitle: string;
  readonly message: (r: Random) => string;
  /** In-app frames, innermost first; the runtime's frames are added by the renderer. */
  readonly frames: readonly SimFrame[];
  /** Chance per invocation; for `initError`, per new execution environment. */
  readonly probability: number;
}

export interface SimulatedFunction {
  readonly name: string;
  readonly runtime: Runtime;
  readonly logFormat: LogFormat;
  readonly architecture: 'x86_64' | 'arm64';
  readonly memorySizeMb: number;
  readonly timeoutSeconds: number;
  /** Newer platforms print `Status:`/`Error Type:` in REPORT. */
  readonly reportStatus: boolean;
  /** Mean requests per second. */
  readonly rate: number;
  readonly durationMedianMs: number;
  readonly durationSigma: number;
  readonly initMedianMs: number;
  readonly baseMemoryUsedMb: number;
  /** An execution environment idle this long is reclaimed (the next request there is cold). */
  readonly idleTtlMs: number;
  readonly appLinesPerInvocation: number;
  readonly scenarios: readonly ErrorScenario[];
  /** Latency objective for the demo ("99% under X ms"). */
  readonly thresholdMs?: number;
}

const ORDER_FIELDS = ['id', 'sku', 'total', 'customerId', 'address'];
const HOSTS = ['api.stripe.com', 'hooks.slack.com', 'api.sendgrid.com'];

/** The demo account: realistic functions with the failures serverless teams actually meet. */
export const DEMO_FUNCTIONS: readonly SimulatedFunction[] = [
  {
    name: 'checkout-api',
    runtime: 'nodejs24.x',
    logFormat: 'Text',
    architecture: 'arm64',
    memorySizeMb: 512,
    timeoutSeconds: 6,
    reportStatus: true,
    rate: 4,
    durationMedianMs: 85,
    durationSigma: 0.55,
    initMedianMs: 420,
    baseMemoryUsedMb: 160,
    idleTtlMs: 5 * 60_000,
    appLinesPerInvocation: 3,
    thresholdMs: 1000,
    scenarios: [
      {
        id: 'checkout-typeerror-orders',
        outcome: 'error',
        kind: 'error',
        errorType: 'TypeError',
        expectedTitle: "TypeError: Cannot read properties of undefined (reading '<str>')",
        message: (r) => `Cannot read properties of undefined (reading '${r.pick(ORDER_FIELDS)}')`,
        frames: [
          { fn: 'priceOrder', file: '/var/task/src/orders.js', line: 42 },
          { fn: 'Runtime.handler', file: '/var/task/src/index.js', line: 12 },
        ],
        probability: 0.012,
      },
      {
        // Same message, another code path: a second issue.
        id: 'checkout-typeerror-cart',
        outcome: 'error',
        kind: 'error',
        errorType: 'TypeError',
        expectedTitle: "TypeError: Cannot read properties of undefined (reading '<str>')",
        message: (r) => `Cannot read properties of undefined (reading '${r.pick(ORDER_FIELDS)}')`,
        frames: [
          { fn: 'mergeCart', file: '/var/task/src/cart.js', line: 17 },
          { fn: 'Runtime.handler', file: '/var/task/src/index.js', line: 9 },
        ],
        probability: 0.004,
      },
      {
        id: 'checkout-stripe-reset',
        outcome: 'error',
        kind: 'dependency',
        errorType: 'Error',
        expectedTitle: 'Error: read ECONNRESET',
        message: () => 'read ECONNRESET',
        frames: [{ fn: 'chargeCard', file: '/var/task/src/payments.js', line: 88 }],
        probability: 0.005,
      },
      {
        id: 'checkout-declined-handled',
        outcome: 'handled',
        kind: 'error',
        errorType: 'PaymentDeclinedError',
        expectedTitle: 'PaymentDeclinedError: Card declined for order <id> (code <num>)',
        message: (r) => `Card declined for order ord_${100000 + r.int(900000)} (code ${200 + r.int(60)})`,
        frames: [{ fn: 'chargeCard', file: '/var/task/src/payments.js', line: 61 }],
        probability: 0.02,
      },
      {
        id: 'checkout-timeout',
        outcome: 'timeout',
        kind: 'timeout',
        errorType: 'Timeout',
        expectedTitle: 'Task timed out after 6.00 seconds',
        message: () => '',
        frames: [],
        probability: 0.003,
      },
    ],
  },
  {
    name: 'image-resizer',
    runtime: 'python3.12',
    logFormat: 'Text',
    architecture: 'x86_64',
    memorySizeMb: 1024,
    timeoutSeconds: 30,
    reportStatus: false,
    rate: 1.5,
    durationMedianMs: 900,
    durationSigma: 0.7,
    initMedianMs: 1100,
    baseMemoryUsedMb: 380,
    idleTtlMs: 6 * 60_000,
    appLinesPerInvocation: 2,
    thresholdMs: 5000,
    scenarios: [
      {
        id: 'resizer-oom',
        outcome: 'outOfMemory',
        kind: 'outOfMemory',
        errorType: 'Runtime.OutOfMemory',
        expectedTitle: 'Out of memory (memory size 1024 MB)',
        message: () => '',
        frames: [],
        probability: 0.006,
      },
      {
        id: 'resizer-keyerror',
        outcome: 'error',
        kind: 'error',
        errorType: 'KeyError',
        expectedTitle: "KeyError: '<str>'",
        message: (r) => `'${r.pick(['width', 'height', 'bucket'])}'`,
        frames: [
          { fn: 'parse_event', file: '/var/task/resizer/events.py', line: 23 },
          { fn: 'lambda_handler', file: '/var/task/app.py', line: 10 },
        ],
        probability: 0.01,
      },
      {
        id: 'resizer-s3-denied',
        outcome: 'error',
        kind: 'misconfiguration',
        errorType: 'ClientError',
        expectedTitle: 'ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
        message: () => 'An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
        frames: [
          { fn: 'save_thumbnail', file: '/var/task/resizer/storage.py', line: 41 },
          { fn: 'lambda_handler', file: '/var/task/app.py', line: 14 },
        ],
        probability: 0.004,
      },
    ],
  },
  {
    name: 'orders-worker',
    runtime: 'nodejs20.x',
    logFormat: 'JSON',
    architecture: 'x86_64',
    memorySizeMb: 256,
    timeoutSeconds: 15,
    reportStatus: true,
    rate: 3,
    durationMedianMs: 140,
    durationSigma: 0.5,
    initMedianMs: 350,
    baseMemoryUsedMb: 90,
    idleTtlMs: 5 * 60_000,
    appLinesPerInvocation: 2,
    scenarios: [
      {
        id: 'orders-dynamo-denied',
        outcome: 'error',
        kind: 'misconfiguration',
        errorType: 'AccessDeniedException',
        expectedTitle:
          'AccessDeniedException: User: <arn> is not authorized to perform: dynamodb:PutItem on resource: <arn> because no identity-based policy allows the dynamodb:PutItem action',
        message: (r) =>
          `User: arn:aws:sts::123456789012:assumed-role/orders-worker-role/orders-worker is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders-${r.pick(['a', 'b'])} because no identity-based policy allows the dynamodb:PutItem action`,
        frames: [
          { fn: 'saveOrder', file: '/var/task/index.mjs', line: 31 },
          { fn: 'Runtime.handler', file: '/var/task/index.mjs', line: 8 },
        ],
        probability: 0.006,
      },
      {
        id: 'orders-throttled',
        outcome: 'handled',
        kind: 'dependency',
        errorType: 'ThrottlingException',
        expectedTitle: 'ThrottlingException: Rate exceeded',
        message: () => 'Rate exceeded',
        frames: [{ fn: 'publishEvent', file: '/var/task/index.mjs', line: 54 }],
        probability: 0.01,
      },
      {
        id: 'orders-exit',
        outcome: 'crash',
        kind: 'crash',
        errorType: 'Runtime.ExitError',
        expectedTitle: 'Runtime.ExitError: Runtime exited with error: exit status <num>',
        message: () => '',
        frames: [],
        probability: 0.002,
      },
    ],
  },
  {
    name: 'report-generator',
    runtime: 'java21',
    logFormat: 'Text',
    architecture: 'x86_64',
    memorySizeMb: 2048,
    timeoutSeconds: 60,
    reportStatus: true,
    rate: 0.4,
    durationMedianMs: 2400,
    durationSigma: 0.6,
    initMedianMs: 3200,
    baseMemoryUsedMb: 600,
    idleTtlMs: 8 * 60_000,
    appLinesPerInvocation: 1,
    thresholdMs: 15000,
    scenarios: [
      {
        id: 'report-illegal-state',
        outcome: 'error',
        kind: 'error',
        errorType: 'java.lang.IllegalStateException',
        expectedTitle: 'java.lang.IllegalStateException: Template "<str>" not found for tenant <num>',
        message: (r) => `Template "${r.pick(['invoice', 'receipt', 'summary'])}" not found for tenant ${1000 + r.int(9000)}`,
        frames: [
          { fn: 'com.acme.reports.TemplateStore.load', file: 'TemplateStore.java', line: 77 },
          { fn: 'com.acme.reports.Handler.handleRequest', file: 'Handler.java', line: 35 },
        ],
        probability: 0.02,
      },
      {
        id: 'report-timeout',
        outcome: 'timeout',
        kind: 'timeout',
        errorType: 'Timeout',
        expectedTitle: 'Task timed out after 60.00 seconds',
        message: () => '',
        frames: [],
        probability: 0.01,
      },
    ],
  },
  {
    name: 'notifier',
    runtime: 'python3.12',
    logFormat: 'JSON',
    architecture: 'arm64',
    memorySizeMb: 128,
    timeoutSeconds: 10,
    reportStatus: true,
    rate: 1,
    durationMedianMs: 60,
    durationSigma: 0.5,
    initMedianMs: 600,
    baseMemoryUsedMb: 70,
    idleTtlMs: 4 * 60_000,
    appLinesPerInvocation: 2,
    scenarios: [
      {
        id: 'notifier-import',
        outcome: 'initError',
        kind: 'init',
        errorType: 'Runtime.ImportModuleError',
        expectedTitle: "Runtime.ImportModuleError: Unable to import module '<str>': No module named '<str>'",
        message: () => "Unable to import module 'app': No module named 'requests'",
        frames: [],
        probability: 0.08,
      },
      {
        id: 'notifier-slack-503',
        outcome: 'handled',
        kind: 'dependency',
        errorType: 'HTTPError',
        expectedTitle: 'HTTPError: <num> Server Error: Service Unavailable for url: <url>',
        message: (r) => `503 Server Error: Service Unavailable for url: https://${r.pick(HOSTS)}/services/T0/B0`,
        frames: [{ fn: 'post_message', file: '/var/task/notifier/slack.py', line: 19 }],
        probability: 0.02,
      },
    ],
  },
];
