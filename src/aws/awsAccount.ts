import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { SourceError, type AccountSources } from '../core/ports';
import { AwsFunctionCatalog } from './catalog';
import { ClientPool, type ClientTarget } from './clients';
import { CredentialCache, type MfaCodeProvider } from './credentials';
import { AwsFunctionSettings } from './functionSettings';
import { AwsInsightsSource } from './insights';
import { AwsLogSource } from './logs';
import { AwsMetricSource } from './metrics';
import { defaultProfileName, listProfiles, requireRegion, resolveEndpoint, resolveRegion, type ProfileInfo } from './profiles';

/** The name shown when credentials come from AWS_ACCESS_KEY_ID & co. rather than a profile. */
export const ENVIRONMENT_PROFILE = 'environment';

export interface OpenAccountOptions {
  /** A profile of the shared config files; default AWS_PROFILE, else `default`. */
  readonly profile?: string;
  readonly region?: string;
  /** Every service's endpoint (`--endpoint-url`): a local emulator or a proxy. */
  readonly endpointUrl?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly mfaCodeProvider?: MfaCodeProvider;
  /** Shared by the accounts of an extension session; one is made (and disposed) otherwise. */
  readonly pool?: ClientPool;
  readonly credentials?: CredentialCache;
  /** The profiles, when the caller has just listed them (saves reading the files again). */
  readonly profiles?: readonly ProfileInfo[];
}

export interface AwsAccount {
  readonly profile: string;
  readonly region: string;
  readonly profileInfo?: ProfileInfo;
  readonly sources: AccountSources;
}

/**
 * The engine's ports over one AWS profile and region. Nothing is called here: credentials resolve
 * and SDK modules load on the first call, so a broken profile fails on use, with its fix.
 */
export async function openAwsAccount(options: OpenAccountOptions = {}): Promise<AwsAccount> {
  const env = options.env ?? process.env;
  const profiles = options.profiles ?? (await listProfiles(env));
  const requested = options.profile ?? defaultProfileName(env);
  const info = profiles.find((p) => p.name === requested);
  let profile = requested;
  let credentials: AwsCredentialIdentityProvider;
  if (info) {
    credentials = (options.credentials ?? new CredentialCache({ env, mfaCodeProvider: options.mfaCodeProvider })).get(requested);
  } else if (options.profile === undefined && !env.AWS_PROFILE && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    // No profile asked for and none configured: the keys in the environment, as the AWS CLI does.
    profile = ENVIRONMENT_PROFILE;
    // Read from `env` (the SDK's fromEnv reads process.env only).
    const identity = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    credentials = async () => identity;
  } else {
    const known = profiles.map((p) => p.name);
    throw new SourceError(
      'configuration',
      known.length > 0
        ? `No AWS profile named '${requested}'. Known profiles: ${known.join(', ')}. Pick one with --profile, or add it with \`aws configure --profile ${requested}\`.`
        : `No AWS profile named '${requested}' and no credentials in the environment. Run \`aws configure\` (or \`aws configure sso\`), or try the demo account.`,
    );
  }
  const region = requireRegion(profile, options.region ?? resolveRegion(info, env));
  const pool = options.pool ?? new ClientPool();
  const target = (service: 'lambda' | 'logs' | 'monitoring'): ClientTarget => {
    const endpoint = resolveEndpoint(service, info, env, options.endpointUrl);
    return { profile, region, credentials, ...(endpoint !== undefined ? { endpoint } : {}) };
  };
  const lambda = target('lambda');
  const logs = target('logs');
  const monitoring = target('monitoring');
  return {
    profile,
    region,
    profileInfo: info,
    sources: {
      catalog: new AwsFunctionCatalog(() => pool.lambda(lambda), new AwsFunctionSettings(() => pool.lambda(lambda), () => pool.logs(logs))),
      metrics: new AwsMetricSource(() => pool.cloudWatch(monitoring)),
      logs: new AwsLogSource(() => pool.logs(logs)),
      insights: new AwsInsightsSource(() => pool.logs(logs)),
      dispose: () => {
        if (!options.pool) pool.dispose();
      },
    },
  };
}
