// One SDK client per (profile, region, service), created on first use. The SDK packages are
// loaded with `import()` so that activating the extension loads nothing AWS-related: the first
// poll of a real profile pays for it, the demo account never does.
import type * as CloudWatchSdk from '@aws-sdk/client-cloudwatch';
import type * as LogsSdk from '@aws-sdk/client-cloudwatch-logs';
import type * as LambdaSdk from '@aws-sdk/client-lambda';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export type AwsService = 'lambda' | 'logs' | 'cloudwatch';

/** How an adapter gets its client: lazily, so constructing an adapter loads no SDK code. */
export type ClientProvider<C> = () => Promise<C>;

/** Where and as whom a client calls AWS. */
export interface ClientTarget {
  readonly profile: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** A local emulator (moto) or proxy, e.g. `http://127.0.0.1:5000`; AWS when absent. */
  readonly endpoint?: string;
  /** SDK attempts per call, retries included (DEFAULT_MAX_ATTEMPTS when absent). */
  readonly maxAttempts?: number;
}

/**
 * The poller retries throttled and unavailable calls itself, with full-jitter backoff behind
 * per-API token buckets sized to the account quotas (FilterLogEvents: 5 TPS, not adjustable).
 * SDK retries underneath would spend that quota unseen and stack a second backoff on the first,
 * so the SDK makes a single attempt and every failure surfaces, classified, to the poller.
 */
export const DEFAULT_MAX_ATTEMPTS = 1;

// A socket that never answers would otherwise hold a poll forever (the SDK default is no
// timeout). A FilterLogEvents page over a large group can legitimately take tens of seconds.
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;

let lambdaSdk: Promise<typeof LambdaSdk> | undefined;
let logsSdk: Promise<typeof LogsSdk> | undefined;
let cloudWatchSdk: Promise<typeof CloudWatchSdk> | undefined;

/** The Lambda SDK module, loaded once on first use. */
export function loadLambdaSdk(): Promise<typeof LambdaSdk> {
  lambdaSdk ??= import('@aws-sdk/client-lambda');
  return lambdaSdk;
}

export function loadLogsSdk(): Promise<typeof LogsSdk> {
  logsSdk ??= import('@aws-sdk/client-cloudwatch-logs');
  return logsSdk;
}

export function loadCloudWatchSdk(): Promise<typeof CloudWatchSdk> {
  cloudWatchSdk ??= import('@aws-sdk/client-cloudwatch');
  return cloudWatchSdk;
}

interface Destroyable {
  destroy(): void;
}

function commonConfig(target: ClientTarget) {
  return {
    region: target.region,
    credentials: target.credentials,
    maxAttempts: target.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    // Endpoints are resolved for the chosen profile (src/aws/profiles.ts); without this the SDK
    // would look again in the AWS_PROFILE profile's settings when none is configured.
    ignoreConfiguredEndpointUrls: true,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
  };
}

/**
 * SDK clients shared by every adapter of a profile and region. The first target given for a key
 * decides its settings; `evictProfile` drops a profile's clients (new credentials, new endpoint).
 */
export class ClientPool {
  private readonly clients = new Map<string, Promise<Destroyable>>();
  private disposed = false;

  lambda(target: ClientTarget): Promise<LambdaSdk.LambdaClient> {
    return this.get(target, 'lambda', async () => {
      const { LambdaClient } = await loadLambdaSdk();
      return new LambdaClient(commonConfig(target));
    });
  }

  logs(target: ClientTarget): Promise<LogsSdk.CloudWatchLogsClient> {
    return this.get(target, 'logs', async () => {
      const { CloudWatchLogsClient } = await loadLogsSdk();
      // Without it the SDK prefixes host names for some operations (StartLiveTail goes to
      // `streaming-<host>`), which breaks any custom endpoint such as a local emulator.
      return new CloudWatchLogsClient({ ...commonConfig(target), disableHostPrefix: true });
    });
  }

  cloudWatch(target: ClientTarget): Promise<CloudWatchSdk.CloudWatchClient> {
    return this.get(target, 'cloudwatch', async () => {
      const { CloudWatchClient } = await loadCloudWatchSdk();
      return new CloudWatchClient(commonConfig(target));
    });
  }

  /** Destroys the clients of `profile` (all regions and services); later calls create new ones. */
  evictProfile(profile: string): void {
    const prefix = `${JSON.stringify(profile)}|`;
    for (const [key, client] of this.clients) {
      if (!key.startsWith(prefix)) continue;
      this.clients.delete(key);
      destroyWhenReady(client);
    }
  }

  /** Destroys every client (their sockets close); the pool cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const client of this.clients.values()) destroyWhenReady(client);
    this.clients.clear();
  }

  get size(): number {
    return this.clients.size;
  }

  private get<C extends Destroyable>(target: ClientTarget, service: AwsService, create: () => Promise<C>): Promise<C> {
    if (this.disposed) return Promise.reject(new Error('The AWS client pool was disposed.'));
    // The endpoint is part of the key: the same profile aimed at an emulator is another client.
    const key = `${JSON.stringify(target.profile)}|${target.region}|${service}|${target.endpoint ?? ''}`;
    const existing = this.clients.get(key);
    // The map holds the promise, so concurrent first calls share one client. The cast is safe:
    // a key's service fixes the client class stored under it.
    if (existing) return existing as Promise<C>;
    const created = create();
    this.clients.set(key, created);
    // A failed load (e.g. a broken install) is not cached: the next call tries again.
    created.catch(() => {
      if (this.clients.get(key) === created) this.clients.delete(key);
    });
    return created;
  }
}

function destroyWhenReady(client: Promise<Destroyable>): void {
  client.then(
    (c) => c.destroy(),
    () => undefined,
  );
}
