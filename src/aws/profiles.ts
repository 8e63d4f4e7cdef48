// The AWS profiles of the shared config and credentials files, as plain data for pickers and for
// building clients. Files are read by the SDK's own loader (never hand-parsed) so that Lambdascope
// sees exactly what the SDK will use; secrets never leave this module.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { SourceError } from '../core/ports';

export type ProfileKind = 'static' | 'sso' | 'ssoLegacy' | 'assumeRole' | 'credentialProcess' | 'web-identity' | 'unknown';

/** The services whose endpoint can be overridden (names as Lambdascope uses them). */
export type EndpointService = 'lambda' | 'logs' | 'monitoring';

/** One profile, without any secret: no keys, session tokens or credential_process command. */
export interface ProfileInfo {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  readonly endpointUrl?: string;
  /** endpoint_url per service, from the `[services …]` section the profile names. */
  readonly serviceEndpoints?: Readonly<Partial<Record<EndpointService, string>>>;
  /** `ignore_configured_endpoint_urls = true` in the profile. */
  readonly ignoreConfiguredEndpointUrls?: boolean;
  readonly mfaSerial?: string;
  readonly ssoSession?: string;
  /** The SSO portal to log in to (from the profile or its sso-session section). */
  readonly ssoStartUrl?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly roleArn?: string;
}

/** A profile's settings as the SDK's loader returns them (values are strings). */
export type ProfileSection = Readonly<Record<string, string | undefined>>;

/** Where the shared files are, as the SDK's loaders take them (`filepath` is the credentials file). */
export interface SharedFilePaths {
  readonly filepath: string;
  readonly configFilepath: string;
}

type Env = NodeJS.ProcessEnv;

export const DEFAULT_PROFILE = 'default';

/**
 * AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else ~/.aws/*, resolved from `env` (not from
 * process.env as the SDK's defaults would be) so that callers and tests choose the files.
 */
export function sharedFilePaths(env: Env = process.env): SharedFilePaths {
  const home = env.HOME || env.USERPROFILE || homedir();
  // The SDK expands a leading `~/` with its own HOME lookup; expand it here with env's HOME.
  const expand = (path: string): string => (path.startsWith('~/') ? join(home, path.slice(2)) : path);
  return {
    filepath: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
    configFilepath: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
  };
}

/** Non-profile sections keep their `type.` prefix in the loader's config data. */
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

type IniData = Readonly<Record<string, ProfileSection | undefined>>;

interface SharedFiles {
  readonly configFile: IniData;
  readonly credentialsFile: IniData;
}

/**
 * Both files through the SDK's loader. A missing or unreadable file counts as empty: the loader
 * swallows read and parse errors per file, so one broken file never hides the other.
 */
function readSharedFiles(env: Env): Promise<SharedFiles> {
  // ignoreCache: the loader caches each file's contents for the life of the process, so without
  // it an edited ~/.aws/config would never be seen again.
  return loadSharedConfigFiles({ ...sharedFilePaths(env), ignoreCache: true });
}

/** Profiles merged per key, the credentials file winning, as the SDK's parseKnownFiles does. */
function mergeProfiles({ configFile, credentialsFile }: SharedFiles): Map<string, ProfileSection> {
  const sections = new Map<string, ProfileSection>();
  for (const file of [configFile, credentialsFile]) {
    for (const [name, values] of Object.entries(file)) {
      if (values === undefined || NON_PROFILE_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
      sections.set(name, { ...sections.get(name), ...values });
    }
  }
  return sections;
}

/** Every profile's raw settings (secrets included: for src/aws only, never to show). */
export async function loadProfileSections(env: Env = process.env): Promise<Map<string, ProfileSection>> {
  return mergeProfiles(await readSharedFiles(env));
}

/** The kind of credentials a profile holds, tested in the order the SDK's fromIni tries them. */
export function profileKind(section: ProfileSection): ProfileKind {
  const has = (key: string): boolean => section[key] !== undefined;
  if (has('role_arn') && has('source_profile') !== has('credential_source')) return 'assumeRole';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return 'static';
  if (has('web_identity_token_file') && has('role_arn')) return 'web-identity';
  if (has('credential_process')) return 'credentialProcess';
  if (has('sso_session')) return 'sso';
  if (['sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].some(has)) return 'ssoLegacy';
  return 'unknown';
}

/** Every profile of the shared files, `default` first, then by name. Never throws on bad files. */
export async function listProfiles(env: Env = process.env): Promise<ProfileInfo[]> {
  const files = await readSharedFiles(env);
  // loadSsoSessionData has no ignoreCache; readSharedFiles has just re-read the same path, so
  // the loader's cache holds the fresh contents.
  const ssoSessions = await loadSsoSessionData({ configFilepath: sharedFilePaths(env).configFilepath });
  const profiles = [...mergeProfiles(files)].map(([name, section]) => toProfileInfo(name, section, ssoSessions, files.configFile));
  return profiles.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function rank(name: string): number {
  return name === DEFAULT_PROFILE ? 0 : 1;
}

function toProfileInfo(name: string, section: ProfileSection, ssoSessions: IniData, configFile: IniData): ProfileInfo {
  const ssoSession = section.sso_session;
  const serviceEndpoints = servicesEndpoints(section.services, configFile);
  return omitUndefined({
    name,
    kind: profileKind(section),
    region: section.region,
    endpointUrl: section.endpoint_url,
    serviceEndpoints,
    ignoreConfiguredEndpointUrls: section.ignore_configured_endpoint_urls === undefined ? undefined : isTrue(section.ignore_configured_endpoint_urls),
    mfaSerial: section.mfa_serial,
    ssoSession,
    ssoStartUrl: section.sso_start_url ?? (ssoSession === undefined ? undefined : ssoSessions[ssoSession]?.sso_start_url),
    sourceProfile: section.source_profile,
    credentialSource: section.credential_source,
    roleArn: section.role_arn,
  });
}

/** The SDK's service ids, which name both the env variables and the `[services]` keys. */
const SERVICE_IDS: Readonly<Record<EndpointService, string>> = {
  lambda: 'Lambda',
  logs: 'CloudWatch Logs',
  monitoring: 'CloudWatch',
};

/** `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`: the service id upper-cased, spaces as underscores. */
export function endpointEnvName(service: EndpointService): string {
  return `AWS_ENDPOINT_URL_${SERVICE_IDS[service].toUpperCase().replace(/ /g, '_')}`;
}

/** `cloudwatch_logs`: the key of the service's subsection in a `[services …]` section. */
function servicesKey(service: EndpointService): string {
  return SERVICE_IDS[service].toLowerCase().replace(/ /g, '_');
}

function servicesEndpoints(servicesName: string | undefined, configFile: IniData): ProfileInfo['serviceEndpoints'] {
  if (servicesName === undefined) return undefined;
  const section = configFile[`services.${servicesName}`];
  if (section === undefined) return undefined;
  const endpoints: Partial<Record<EndpointService, string>> = {};
  for (const service of Object.keys(SERVICE_IDS) as EndpointService[]) {
    const url = section[`${servicesKey(service)}.endpoint_url`];
    if (url) endpoints[service] = url;
  }
  return Object.keys(endpoints).length > 0 ? endpoints : undefined;
}

/** AWS_PROFILE, else `default` (the SDK's rule; AWS_DEFAULT_PROFILE is a CLI-only name). */
export function defaultProfileName(env: Env = process.env): string {
  return env.AWS_PROFILE || DEFAULT_PROFILE;
}

/** AWS_REGION, then AWS_DEFAULT_REGION (which the CLI honours and users expect), then the profile's. */
export function resolveRegion(profile: ProfileInfo | undefined, env: Env = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || profile?.region || undefined;
}

/** The region, or a 'configuration' error that says where to set one. */
export function requireRegion(profileName: string, region: string | undefined): string {
  if (region) return region;
  throw new SourceError(
    'configuration',
    `No region for profile '${profileName}': set region in ~/.aws/config (or AWS_REGION), or pick one in Lambdascope.`,
  );
}

/**
 * The endpoint URL to give the client, or undefined for the AWS default. Precedence as the SDK's:
 * an explicit override, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services
 * section, its endpoint_url. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
 * ignore_configured_endpoint_urls, the env winning) drops all but the override.
 */
export function resolveEndpoint(
  service: EndpointService,
  profile: ProfileInfo | undefined,
  env: Env = process.env,
  override?: string,
): string | undefined {
  if (override) return override;
  const envIgnore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  const ignore = envIgnore ? isTrue(envIgnore) : profile?.ignoreConfiguredEndpointUrls === true;
  if (ignore) return undefined;
  return (
    env[endpointEnvName(service)] ||
    env.AWS_ENDPOINT_URL ||
    profile?.serviceEndpoints?.[service] ||
    profile?.endpointUrl ||
    undefined
  );
}

function isTrue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

/** Drops undefined fields so that ProfileInfo JSON and deepEqual stay minimal. */
function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
