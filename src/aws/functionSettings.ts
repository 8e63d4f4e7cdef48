// FunctionSettings over the calls ListFunctions does not cover: reserved and provisioned
// concurrency, the asynchronous on-failure destination, the services the resource policy lets
// invoke the function, and the log group's retention. Each call stands alone: one that is denied
// or fails leaves its field unknown and is named in `problems`, so that a read-only profile
// without, say, lambda:GetPolicy still gets the rest. Only an abort propagates.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { FunctionConfig, FunctionSettings, SettingsCall, SettingsPacer } from '../core/ports';
import { loadLambdaSdk, loadLogsSdk, type ClientProvider } from './clients';
import { classifyAwsError } from './errors';
import { forEachMarkerPage } from './markerPages';

/** ListProvisionedConcurrencyConfigs' largest page. */
const PROVISIONED_PAGE_SIZE = 50;
/** Groups sharing the function's group name as a prefix come after it (names sort ascending). */
const LOG_GROUP_PAGE_SIZE = 5;
const INVOKE_ACTION = 'lambda:invokefunction';

/** Thrown inside a call to report a problem that is not an SDK error (an unreadable policy). */
class SettingsProblem extends Error {}

/**
 * The AWS service principals (`s3.amazonaws.com`, …) that Allow statements of a Lambda resource
 * policy (GetPolicy's JSON string) let call lambda:InvokeFunction. Accounts, `*` and Deny
 * statements are not services invoking the function, so they are left out.
 */
export function invokingServices(policy: string | undefined): string[] {
  if (policy === undefined || policy === '') return [];
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw new SettingsProblem('unreadable policy');
  }
  const statements = asArray(isRecord(document) ? document.Statement : undefined);
  const services = new Set<string>();
  for (const statement of statements) {
    if (!isRecord(statement) || statement.Effect !== 'Allow') continue;
    if (!asArray(statement.Action).some((action) => typeof action === 'string' && coversInvoke(action))) continue;
    const principal = statement.Principal;
    if (!isRecord(principal)) continue;
    for (const service of asArray(principal.Service)) if (typeof service === 'string' && service.length > 0) services.add(service);
  }
  return [...services].sort();
}

/** Whether an IAM action pattern (`lambda:InvokeFunction`, `lambda:Invoke*`, `*`) covers InvokeFunction. */
function coversInvoke(pattern: string): boolean {
  const lowered = pattern.toLowerCase();
  if (!lowered.includes('*') && !lowered.includes('?')) return lowered === INVOKE_ACTION;
  // Action names are case-insensitive in IAM; `*` and `?` are its only wildcards.
  const regex = new RegExp(`^${lowered.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(INVOKE_ACTION);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

export class AwsFunctionSettings {
  constructor(
    private readonly lambda: ClientProvider<LambdaClient>,
    private readonly logs: ClientProvider<CloudWatchLogsClient>,
    private readonly now: () => number = Date.now,
  ) {}

  async read(fn: FunctionConfig, signal?: AbortSignal, beforeCall?: SettingsPacer): Promise<FunctionSettings> {
    const problems: string[] = [];
    const attempt = async <T>(call: SettingsCall, run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (caught) {
        if (caught instanceof SettingsProblem) {
          problems.push(`${call}: ${caught.message}`);
          return undefined;
        }
        const error = classifyAwsError(caught, call, fn.name);
        if (error.kind === 'aborted' || signal?.aborted) throw error;
        // The kind and the AWS error code only: messages can name the caller's ARN.
        problems.push(`${call}: ${error.kind}${error.kind === 'unknown' && error.details.code ? ` (${error.details.code})` : ''}`);
        return undefined;
      }
    };
    const paced = async <T>(call: SettingsCall, run: () => Promise<T>): Promise<T> => {
      await beforeCall?.(call);
      return run();
    };
    const [reservedConcurrency, provisionedConcurrency, onFailureDestination, invokedBy, logRetentionDays] = await Promise.all([
      attempt('GetFunctionConcurrency', () => this.reservedConcurrency(fn, signal, paced)),
      attempt('ListProvisionedConcurrencyConfigs', () => this.provisionedConcurrency(fn, signal, paced)),
      attempt('GetFunctionEventInvokeConfig', () => this.onFailureDestination(fn, signal, paced)),
      attempt('GetPolicy', () => this.invokedBy(fn, signal, paced)),
      attempt('DescribeLogGroups', () => this.logRetentionDays(fn, signal, paced)),
    ]);
    return {
      ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
      ...(provisionedConcurrency !== undefined ? { provisionedConcurrency } : {}),
      ...(onFailureDestination !== undefined ? { onFailureDestination } : {}),
      ...(invokedBy !== undefined ? { invokedBy } : {}),
      ...(logRetentionDays !== undefined ? { logRetentionDays } : {}),
      ...(problems.length > 0 ? { problems: problems.sort() } : {}),
      readAt: this.now(),
    };
  }

  private async reservedConcurrency(fn: FunctionConfig, signal: AbortSignal | undefined, paced: Paced): Promise<number | null> {
    const [client, { GetFunctionConcurrencyCommand }] = await Promise.all([this.lambda(), loadLambdaSdk()]);
    const response = await paced('GetFunctionConcurrency', () => client.send(new GetFunctionConcurrencyCommand({ FunctionName: fn.name }), { abortSignal: signal }));
    // An empty answer ({}) is how Lambda says nothing is reserved.
    return response.ReservedConcurrentExecutions ?? null;
  }

  private async provisionedConcurrency(fn: FunctionConfig, signal: AbortSignal | undefined, paced: Paced): Promise<number> {
    const [client, { ListProvisionedConcurrencyConfigsCommand }] = await Promise.all([this.lambda(), loadLambdaSdk()]);
    let total = 0;
    await forEachMarkerPage(
      (marker) =>
        paced('ListProvisionedConcurrencyConfigs', () =>
          client.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: fn.name, MaxItems: PROVISIONED_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal }),
        ),
      (page) => {
        // Allocated is what is ready now; while a config is still being allocated, what was asked for.
        for (const config of page.ProvisionedConcurrencyConfigs ?? []) total += config.AllocatedProvisionedConcurrentExecutions ?? config.RequestedProvisionedConcurrentExecutions ?? 0;
      },
    );
    return total;
  }

  private async onFailureDestination(fn: FunctionConfig, signal: AbortSignal | undefined, paced: Paced): Promise<string | null> {
    const [client, { GetFunctionEventInvokeConfigCommand }] = await Promise.all([this.lambda(), loadLambdaSdk()]);
    try {
      const response = await paced('GetFunctionEventInvokeConfig', () => client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.name }), { abortSignal: signal }));
      return response.DestinationConfig?.OnFailure?.Destination || null;
    } catch (error) {
      // No asynchronous invocation config at all: Lambda answers ResourceNotFoundException.
      if (classifyAwsError(error, 'GetFunctionEventInvokeConfig').kind === 'notFound') return null;
      throw error;
    }
  }

  private async invokedBy(fn: FunctionConfig, signal: AbortSignal | undefined, paced: Paced): Promise<string[]> {
    const [client, { GetPolicyCommand }] = await Promise.all([this.lambda(), loadLambdaSdk()]);
    let policy: string | undefined;
    try {
      policy = (await paced('GetPolicy', () => client.send(new GetPolicyCommand({ FunctionName: fn.name }), { abortSignal: signal }))).Policy;
    } catch (error) {
      // A function without a resource policy: ResourceNotFoundException.
      if (classifyAwsError(error, 'GetPolicy').kind === 'notFound') return [];
      throw error;
    }
    return invokingServices(policy);
  }

  private async logRetentionDays(fn: FunctionConfig, signal: AbortSignal | undefined, paced: Paced): Promise<number | null | undefined> {
    const [client, { DescribeLogGroupsCommand }] = await Promise.all([this.logs(), loadLogsSdk()]);
    const response = await paced('DescribeLogGroups', () => client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: fn.logGroup, limit: LOG_GROUP_PAGE_SIZE }), { abortSignal: signal }));
    const group = response.logGroups?.find((g) => g.logGroupName === fn.logGroup);
    // No group yet (a function never invoked): its retention is not known, nor a problem.
    if (!group) return undefined;
    return group.retentionInDays ?? null;
  }
}

type Paced = <T>(call: SettingsCall, run: () => Promise<T>) => Promise<T>;
