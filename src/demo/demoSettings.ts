// How the demo account's functions are set up beyond memory and timeout, as test/workspace's
// template deploys them: a spread that gives the best-practice findings something to find
// (notifier can lose SNS events, orders-worker keeps its logs forever, only checkout-api traces).
import type { FunctionConfig, FunctionSettings } from '../core/ports';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

interface DemoSetup {
  readonly tracing: NonNullable<FunctionConfig['tracing']>;
  readonly deadLetterTargetArn?: string;
  readonly reservedConcurrency: number | null;
  readonly onFailureDestination: string | null;
  readonly invokedBy: readonly string[];
  readonly logRetentionDays: number | null;
}

/** A function the table does not name (the benchmarks' copies): nothing special configured. */
const PLAIN: DemoSetup = { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: null, invokedBy: [], logRetentionDays: 30 };

const SETUP: Readonly<Record<string, DemoSetup>> = {
  // Behind an HTTP API (synchronous: no destination needed); concurrency reserved so a burst
  // elsewhere in the account cannot starve checkout.
  'checkout-api': { tracing: 'Active', reservedConcurrency: 100, onFailureDestination: null, invokedBy: ['apigateway.amazonaws.com'], logRetentionDays: 30 },
  // Fed by an SQS event source mapping (no resource policy); reserved concurrency 5 is why its
  // bursts are throttled. Its log group was created by Lambda on first write: no retention.
  'orders-worker': { tracing: 'PassThrough', reservedConcurrency: 5, onFailureDestination: null, invokedBy: [], logRetentionDays: null },
  // S3 uploads through an EventBridge rule, failures kept in a queue.
  'image-resizer': { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: `arn:aws:sqs:${REGION}:${ACCOUNT}:image-resizer-failed`, invokedBy: ['events.amazonaws.com'], logRetentionDays: 14 },
  'report-generator': { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: null, invokedBy: [], logRetentionDays: 30 },
  // An SNS subscription with no on-failure destination and no DLQ: a failed alert is dropped.
  notifier: { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: null, invokedBy: ['sns.amazonaws.com'], logRetentionDays: 14 },
  'legacy-cron': { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: null, invokedBy: [], logRetentionDays: 30 },
  'pdf-exporter': { tracing: 'PassThrough', reservedConcurrency: null, onFailureDestination: null, invokedBy: [], logRetentionDays: 14 },
};

function demoSetupOf(name: string): DemoSetup {
  return SETUP[name] ?? PLAIN;
}

/** The ListFunctions fields of the setup. */
export function demoConfigFields(name: string): Pick<FunctionConfig, 'ephemeralStorageMb' | 'tracing' | 'deadLetterTargetArn'> {
  const setup = demoSetupOf(name);
  return { ephemeralStorageMb: 512, tracing: setup.tracing, ...(setup.deadLetterTargetArn ? { deadLetterTargetArn: setup.deadLetterTargetArn } : {}) };
}

/** What settingsOf answers: every call succeeds in the demo, and nothing is provisioned. */
export function demoSettingsOf(name: string, readAt: number): FunctionSettings {
  const setup = demoSetupOf(name);
  return {
    reservedConcurrency: setup.reservedConcurrency,
    provisionedConcurrency: 0,
    onFailureDestination: setup.onFailureDestination,
    invokedBy: [...setup.invokedBy],
    logRetentionDays: setup.logRetentionDays,
    readAt,
  };
}
