// Credentials of a named profile through the SDK's own providers (static keys, SSO, assumed
// roles, credential_process, web identity), cached per profile and refreshed before they expire,
// with their failures turned into SourceErrors that say what to do and never carry a secret.
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SourceError, isSourceError } from '../core/ports';
import { loadProfileSections, profileKind, sharedFilePaths } from './profiles';

/** Asks the user for the current code of the MFA device `mfaSerial`. */
export type MfaCodeProvider = (mfaSerial: string) => Promise<string>;

export interface CredentialOptions {
  /** Where AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and HOME are read from (process.env by default). */
  readonly env?: NodeJS.ProcessEnv;
  readonly mfaCodeProvider?: MfaCodeProvider;
}

/** Refresh this long before expiry: the SDK's own window (EXPIRATION_MS in @smithy/core). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

type SdkIdentityProperties = Parameters<ReturnType<typeof fromIni>>[0];

/**
 * A provider of the profile's credentials. It resolves once, shares one pending resolution among
 * concurrent callers, and resolves again when the credentials come within five minutes of their
 * expiration. Failures are SourceErrors (see classifyCredentialError) and are not cached.
 */
export function credentialsFor(profileName: string, options: CredentialOptions = {}): AwsCredentialIdentityProvider {
  return new RefreshingCredentials(profileName, options).provide;
}

/** One refreshing provider per profile, so that every client of a profile shares its credentials. */
export class CredentialCache {
  private readonly entries = new Map<string, RefreshingCredentials>();

  constructor(private readonly options: CredentialOptions = {}) {}

  /** The profile's provider; the same function on every call, so clients can keep it. */
  get(profileName: string): AwsCredentialIdentityProvider {
    let entry = this.entries.get(profileName);
    if (entry === undefined) {
      entry = new RefreshingCredentials(profileName, this.options);
      this.entries.set(profileName, entry);
    }
    return entry.provide;
  }

  /** Forgets the credentials of one profile (or all): the next call resolves them again. */
  clear(profileName?: string): void {
    for (const [name, entry] of this.entries) {
      if (profileName === undefined || name === profileName) entry.reset();
    }
  }
}

class RefreshingCredentials {
  private resolved: AwsCredentialIdentity | undefined;
  private pending: Promise<AwsCredentialIdentity> | undefined;
  // Bumped by reset() so that a resolution started before it cannot refill the cache.
  private generation = 0;

  constructor(
    private readonly profileName: string,
    private readonly options: CredentialOptions,
  ) {}

  readonly provide = (properties?: Record<string, unknown>): Promise<AwsCredentialIdentity> => {
    const current = this.resolved;
    if (current !== undefined && !expiresSoon(current) && properties?.forceRefresh !== true) {
      return Promise.resolve(current);
    }
    if (this.pending === undefined) {
      const generation = this.generation;
      const pending = this.resolve(properties as SdkIdentityProperties).then((credentials) => {
        if (generation === this.generation) this.resolved = credentials;
        return credentials;
      });
      this.pending = pending;
      // The caller handles the rejection; this copy only clears the slot, failure or not.
      pending.then(
        () => this.clearPending(pending),
        () => this.clearPending(pending),
      );
    }
    return this.pending;
  };

  reset(): void {
    this.generation += 1;
    this.resolved = undefined;
    this.pending = undefined;
  }

  private clearPending(pending: Promise<AwsCredentialIdentity>): void {
    if (this.pending === pending) this.pending = undefined;
  }

  private async resolve(properties: SdkIdentityProperties): Promise<AwsCredentialIdentity> {
    try {
      return await resolveProfile(this.profileName, this.options, properties);
    } catch (error) {
      throw classifyCredentialError(error, this.profileName);
    }
  }
}

function expiresSoon(credentials: AwsCredentialIdentity): boolean {
  return credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS;
}

async function resolveProfile(profileName: string, options: CredentialOptions, properties: SdkIdentityProperties): Promise<AwsCredentialIdentity> {
  const env = options.env ?? process.env;
  // Read with ignoreCache here; the SDK's providers below then read the same fresh snapshot
  // from the loader's cache instead of re-reading the files.
  const section = (await loadProfileSections(env)).get(profileName);
  if (section === undefined) throw new SourceError('configuration', notFoundMessage(profileName));
  const init = { profile: profileName, ...sharedFilePaths(env) };
  const kind = profileKind(section);
  if (kind === 'sso') await requireSsoSession(profileName, section.sso_session ?? '', init.configFilepath);
  // fromIni hands SSO profiles to fromSSO without filepath/configFilepath, which would then read
  // process.env's files rather than env's; calling fromSSO directly keeps the paths.
  const provider =
    kind === 'sso' || kind === 'ssoLegacy' ? fromSSO(init) : fromIni({ ...init, mfaCodeProvider: guardMfa(options.mfaCodeProvider) });
  return provider(properties);
}

/** fromSSO fails with a TypeError when the named [sso-session] section is missing: say it plainly. */
async function requireSsoSession(profileName: string, sessionName: string, configFilepath: string): Promise<void> {
  const sessions = await loadSsoSessionData({ configFilepath });
  if (sessions[sessionName] === undefined) {
    throw new SourceError(
      'configuration',
      `Profile '${profileName}' uses sso_session '${sessionName}', which has no [sso-session ${sessionName}] section in the AWS config file: ` +
        `run \`aws configure sso --profile ${profileName}\` or fix the config.`,
    );
  }
}

/** The user dismissed the MFA prompt (or entered nothing). */
class MfaCancelledError extends Error {
  override readonly name = 'MfaCancelledError';
}

function guardMfa(provider: MfaCodeProvider | undefined): MfaCodeProvider | undefined {
  if (provider === undefined) return undefined;
  return async (mfaSerial) => {
    let code: string;
    try {
      code = (await provider(mfaSerial)).trim();
    } catch (error) {
      if (errorName(error) === 'AbortError') throw error;
      throw new MfaCancelledError('MFA code entry cancelled');
    }
    if (code === '') throw new MfaCancelledError('No MFA code entered');
    return code;
  };
}

/** Codes AWS returns when the session credentials used to sign a call have expired. */
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
/** Codes AWS returns when the credentials are not (or no longer) valid at all. */
const INVALID_CODES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException']);
const NETWORK_CODES = /\b(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b|socket hang up/;

/**
 * A SourceError for a failure to get (or use) a profile's credentials. The message names the
 * profile and the fix; it is built from fixed text and names, never from what a
 * credential_process printed, and any SDK text it quotes is redacted.
 */
export function classifyCredentialError(error: unknown, profileName: string): SourceError {
  if (isSourceError(error)) return error;
  const name = errorName(error);
  const message = errorMessage(error);
  const details = serviceDetails(error);
  const profile = `profile '${profileName}'`;
  const ssoLogin = `run \`aws sso login --profile ${profileName}\``;

  if (error instanceof MfaCancelledError) {
    return new SourceError('credentials', `No MFA code was entered for ${profile}: select the profile again to retry.`);
  }
  if (name === 'AbortError') return new SourceError('aborted', `Getting credentials for ${profile} was cancelled.`);
  // Before anything that reads the message: it holds the command line and its stderr.
  if (message.startsWith('Command failed:')) {
    return new SourceError('credentials', `The credential_process of ${profile} failed: run it in a terminal to see why.`);
  }
  const processProblem = /^Profile \S+ credential_process (did not return Version 1|returned invalid JSON|returned invalid credentials|returned expired credentials)/.exec(message);
  if (processProblem) {
    return new SourceError('credentials', `The credential_process of ${profile} ${processProblem[1]}.`);
  }
  if (EXPIRED_CODES.has(name) || /security token included in the request is expired/i.test(message)) {
    return new SourceError(
      'credentials',
      `The credentials of ${profile} have expired: refresh them (for an SSO profile, ${ssoLogin}) and retry.`,
      details,
    );
  }
  const missingProfile = /Could not resolve credentials using profile: \[([^\]]*)\]|Profile '?([^\s']+)'? (?:could not be found|was not found)/.exec(message);
  if (missingProfile) {
    const missing = missingProfile[1] ?? missingProfile[2] ?? profileName;
    return new SourceError('configuration', missing === profileName ? notFoundMessage(profileName) : sourceNotFoundMessage(profileName, missing));
  }
  const badSsoSetup = /^Sso session '([^']+)' could not be found|missing required property 'sso_|configured with invalid SSO credentials|Conflicting SSO/.exec(message);
  if (badSsoSetup) {
    return new SourceError(
      'configuration',
      badSsoSetup[1] === undefined
        ? `The SSO settings of ${profile} are incomplete: run \`aws configure sso --profile ${profileName}\` or fix ~/.aws/config.`
        : `${capitalize(profile)} uses sso_session '${badSsoSetup[1]}', which has no [sso-session ${badSsoSetup[1]}] section with sso_start_url and sso_region in ~/.aws/config.`,
    );
  }
  if (/aws sso login|SSO session|SSO Token|UnauthorizedException|Session token not found or invalid/i.test(message)) {
    return new SourceError('credentials', `The SSO session of ${profile} has expired or was never started: ${ssoLogin}, then retry.`);
  }
  if (/requires multi-factor authentication/.test(message)) {
    return new SourceError('credentials', `${capitalize(profile)} needs an MFA code (mfa_serial), which Lambdascope could not ask for here.`);
  }
  if (/Unsupported credential source|Detected a cycle/.test(message)) {
    return new SourceError('configuration', `${capitalize(profile)} is not set up correctly: ${redact(message)}`);
  }
  if (INVALID_CODES.has(name) || /security token included in the request is invalid/i.test(message)) {
    return new SourceError('credentials', `AWS rejected the credentials of ${profile}: check or renew its keys.`, details);
  }
  if ((name === 'AccessDenied' || name === 'AccessDeniedException') && /AssumeRole/.test(message)) {
    return new SourceError('credentials', `${capitalize(profile)} may not assume its role: ${redact(message)}`, details);
  }
  if (NETWORK_CODES.test(message) || NETWORK_CODES.test(String(field(error, 'code') ?? '')) || name === 'TimeoutError') {
    return new SourceError('unavailable', `Could not reach AWS to get the credentials of ${profile}; will retry.`, details);
  }
  // Anything else a credential provider threw still makes the profile unusable until fixed.
  const fromProvider = name === 'CredentialsProviderError' || name === 'TokenProviderError';
  return new SourceError(fromProvider ? 'credentials' : 'unknown', `Could not get the credentials of ${profile}: ${redact(message)}`, details);
}

function notFoundMessage(profileName: string): string {
  return (
    `Profile '${profileName}' was not found (or has no credentials) in the AWS config or credentials file ` +
    `(~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE): add it, or pick another profile.`
  );
}

function sourceNotFoundMessage(profileName: string, missing: string): string {
  return (
    `Profile '${profileName}' takes its credentials from profile '${missing}' (source_profile), ` +
    `which was not found (or has no credentials) in the AWS config or credentials file: add it, or fix source_profile.`
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** First line only, access key ids and long opaque strings (keys, tokens) masked. */
function redact(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  return firstLine
    .replace(/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '<redacted>')
    .replace(/[A-Za-z0-9/+=_-]{32,}/g, '<redacted>')
    .slice(0, 300);
}

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function errorName(error: unknown): string {
  const name = field(error, 'name');
  return typeof name === 'string' ? name : '';
}

function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = field(error, 'message');
  return typeof message === 'string' ? message : '';
}

/** The AWS error code and HTTP status, for errors returned by an AWS service (they carry $metadata). */
function serviceDetails(error: unknown): { code?: string; httpStatus?: number } {
  const metadata = field(error, '$metadata');
  if (typeof metadata !== 'object' || metadata === null) return {};
  const status = (metadata as Record<string, unknown>).httpStatusCode;
  return { code: errorName(error), ...(typeof status === 'number' ? { httpStatus: status } : {}) };
}
