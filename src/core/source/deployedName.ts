// A function's deployed name as its template declares it, which is often not plain text:
// `!Sub "${AWS::StackName}-checkout"`, `${self:service}-${sls:stage}-cron`, a parameter with a default.

/**
 * One piece of a declared name. `guess`: a deploy-time value of which only the default is known
 * (a parameter's `Default`, serverless's default stage). `stackName`: CloudFormation's `AWS::StackName`.
 */
export type NamePart = { readonly text: string; readonly guess?: boolean } | { readonly stackName: true } | { readonly unknown: true };

export type DeclaredName = readonly NamePart[];

/** How well a deployed name fits a declared one, best first. `mismatch`: a literal part differs. */
export type NameFit = 'exact' | 'guessed' | 'pattern' | 'unknown' | 'mismatch';

export function literalName(text: string): DeclaredName {
  return [{ text }];
}

/** Adjacent literal parts merged, so that patterns and tests read simply. */
export function compactName(parts: readonly NamePart[]): DeclaredName {
  const out: NamePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && 'text' in last && 'text' in part && Boolean(last.guess) === Boolean(part.guess)) {
      out[out.length - 1] = { text: last.text + part.text, ...(part.guess ? { guess: true } : {}) };
    } else {
      out.push(part);
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function fitName(declared: DeclaredName, deployed: string, stackName?: string): NameFit {
  let exact = '';
  let pattern = '';
  let guessed = false;
  let literalChars = 0;
  let complete = true;
  for (const part of declared) {
    if ('text' in part) {
      exact += part.text;
      if (part.guess) {
        guessed = true;
        pattern += '.+?';
      } else {
        pattern += escapeRegExp(part.text);
        literalChars += part.text.length;
      }
    } else if ('stackName' in part && stackName !== undefined) {
      exact += stackName;
      pattern += escapeRegExp(stackName);
      literalChars += stackName.length;
    } else {
      complete = false;
      pattern += '.+?';
    }
  }
  if (complete && exact === deployed) return guessed ? 'guessed' : 'exact';
  // A name made only of wildcards (`!FindInMap …`) says nothing either way.
  if (literalChars < 2) return 'unknown';
  return new RegExp(`^${pattern}$`, 's').test(deployed) ? 'pattern' : 'mismatch';
}
