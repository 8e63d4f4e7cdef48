import type { ErrorInfo, InvocationStatus } from '../logs/parsedLine';
import { hashHex } from '../hash';
import { dependencyOf, issueKindOf, type IssueKind } from './errorKind';
import { firstLineOf, normalizeMessage, titleFromNormalized } from './normalizeMessage';
import { topAppFrame } from './stackFrames';

/** What identifies an issue and how it reads. */
export interface IssueSignature {
  readonly fingerprint: string;
  readonly title: string;
  readonly errorType: string;
  readonly kind: IssueKind;
  /** The downstream service or host, for `dependency` and `misconfiguration` issues. */
  readonly dependency?: string;
  /** File and function of the top in-app frame: part of the fingerprint. */
  readonly culprit?: string;
}

/**
 * Fingerprint = function + error type + normalised message + top in-app frame (file and
 * function, no line or column, so that an unrelated edit above it does not split the issue).
 * Timeouts and out-of-memory kills are one issue per function whatever the numbers say.
 */
export function issueSignature(functionName: string, status: InvocationStatus | 'handled', error: ErrorInfo): IssueSignature {
  const kind = issueKindOf(status, error);
  if (kind === 'timeout' || kind === 'outOfMemory') {
    return { fingerprint: hashHex(`${functionName}\n${kind}`), title: error.message || error.type, errorType: error.type, kind };
  }
  const frame = topAppFrame(error.frames);
  const culprit = frame ? `${frame.file ?? '?'}${frame.function ? ` in ${frame.function}` : ''}` : undefined;
  const normalized = normalizeMessage(firstLineOf(error.message));
  const fingerprint = hashHex(`${functionName}\n${error.type}\n${normalized}\n${culprit ?? ''}`);
  const dependency = kind === 'dependency' || kind === 'misconfiguration' ? dependencyOf(error) : undefined;
  return { fingerprint, title: titleFromNormalized(error.type, normalized), errorType: error.type, kind, dependency, culprit };
}
