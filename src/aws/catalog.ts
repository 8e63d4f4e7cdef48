// FunctionCatalog over Lambda ListFunctions / ListTags, and the settings reads of functionSettings.ts.
import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import type { FunctionCatalog, FunctionConfig, FunctionSettings, FunctionTags, PagePacer, SettingsPacer } from '../core/ports';
import { loadLambdaSdk } from './clients';
import type { ClientProvider } from './clients';
import { classifyAwsError } from './errors';
import type { AwsFunctionSettings } from './functionSettings';
import { forEachMarkerPage } from './markerPages';

/** ListFunctions' largest page. */
const PAGE_SIZE = 50;
const STACK_NAME_TAG = 'aws:cloudformation:stack-name';
const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

/** A ListFunctions entry as Lambdascope sees it, with Lambda's documented defaults filled in. */
export function toFunctionConfig(fn: FunctionConfiguration): FunctionConfig | undefined {
  const name = fn.FunctionName;
  if (!name) return undefined;
  const optional = {
    ...(fn.Runtime ? { runtime: fn.Runtime } : {}),
    ...(fn.Handler ? { handler: fn.Handler } : {}),
    ...(fn.PackageType === 'Zip' || fn.PackageType === 'Image' ? { packageType: fn.PackageType } : {}),
    ...(fn.LastModified ? { lastModified: fn.LastModified } : {}),
    ...(fn.CodeSha256 ? { codeSha256: fn.CodeSha256 } : {}),
    ...(fn.EphemeralStorage?.Size !== undefined ? { ephemeralStorageMb: fn.EphemeralStorage.Size } : {}),
    ...(fn.TracingConfig?.Mode === 'Active' || fn.TracingConfig?.Mode === 'PassThrough' ? { tracing: fn.TracingConfig.Mode } : {}),
    ...(fn.DeadLetterConfig?.TargetArn ? { deadLetterTargetArn: fn.DeadLetterConfig.TargetArn } : {}),
  };
  return {
    name,
    arn: fn.FunctionArn ?? '',
    memoryMb: fn.MemorySize ?? 128,
    timeoutSeconds: fn.Timeout ?? 3,
    architecture: fn.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    version: fn.Version ?? '$LATEST',
    logGroup: fn.LoggingConfig?.LogGroup || `/aws/lambda/${name}`,
    logFormat: fn.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
    ...optional,
  };
}

export function toFunctionTags(tags: Readonly<Record<string, string>> | undefined): FunctionTags {
  const all = { ...(tags ?? {}) };
  const stackName = all[STACK_NAME_TAG];
  const logicalId = all[LOGICAL_ID_TAG];
  return { tags: all, ...(stackName ? { stackName } : {}), ...(logicalId ? { logicalId } : {}) };
}

export class AwsFunctionCatalog implements FunctionCatalog {
  /** Without a settings reader the catalog has no `settingsOf` (the poller then reads none). */
  readonly settingsOf?: (fn: FunctionConfig, signal?: AbortSignal, beforeCall?: SettingsPacer) => Promise<FunctionSettings>;

  constructor(
    private readonly client: ClientProvider<LambdaClient>,
    settings?: AwsFunctionSettings,
  ) {
    if (settings) this.settingsOf = (fn, signal, beforeCall) => settings.read(fn, signal, beforeCall);
  }

  async listFunctions(signal?: AbortSignal, beforeNextPage?: PagePacer): Promise<FunctionConfig[]> {
    // Keyed by name: a server that ignores Marker repeats a page before forEachMarkerPage stops.
    const functions = new Map<string, FunctionConfig>();
    try {
      const [client, { ListFunctionsCommand }] = await Promise.all([this.client(), loadLambdaSdk()]);
      await forEachMarkerPage(
        async (marker) => {
          if (marker !== undefined) await beforeNextPage?.();
          return client.send(new ListFunctionsCommand({ MaxItems: PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal });
        },
        (page) => {
          for (const fn of page.Functions ?? []) {
            const config = toFunctionConfig(fn);
            if (config) functions.set(config.name, config);
          }
        },
      );
    } catch (error) {
      throw classifyAwsError(error, 'ListFunctions');
    }
    return [...functions.values()];
  }

  async tagsOf(fn: FunctionConfig, signal?: AbortSignal): Promise<FunctionTags> {
    try {
      const [client, { ListTagsCommand }] = await Promise.all([this.client(), loadLambdaSdk()]);
      const response = await client.send(new ListTagsCommand({ Resource: fn.arn }), { abortSignal: signal });
      return toFunctionTags(response.Tags);
    } catch (error) {
      throw classifyAwsError(error, 'ListTags', fn.name);
    }
  }
}
