// Which declared function a deployed one is. Evidence, strongest first: the CloudFormation logical-id tag,
// the declared FunctionName, CloudFormation's generated name (`stack-LogicalId-RANDOM`), and last a
// resemblance between the logical id and the name (`CheckoutApiFunction` ↔ `checkout-api`).
import { fitName, type NameFit } from './deployedName';
import type { DeployedFunction, FunctionDefinition } from './functionDefinition';

const LOGICAL_ID_SCORE = 100;
const NAME_SCORES: Record<NameFit, number> = { exact: 90, guessed: 80, pattern: 60, unknown: 0, mismatch: 0 };
const GENERATED_SCORE = 70;
const TRUNCATED_GENERATED_SCORE = 65;
const SAME_WORDS_SCORE = 50;
const TRAILING_WORDS_SCORE = 40;

/** The best-matching definition, or undefined when none matches or two match equally well. */
export function matchDefinition(fn: DeployedFunction, definitions: readonly FunctionDefinition[]): FunctionDefinition | undefined {
  let best: FunctionDefinition | undefined;
  let bestScore = 0;
  let tied = false;
  for (const definition of definitions) {
    const score = matchScore(fn, definition);
    if (score > bestScore) {
      best = definition;
      bestScore = score;
      tied = false;
    } else if (score === bestScore && score > 0) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** 0: not this function. */
export function matchScore(fn: DeployedFunction, definition: FunctionDefinition): number {
  const fit = definition.name ? fitName(definition.name, fn.name, fn.stackName) : undefined;
  // A declared name that cannot produce the deployed one rules the definition out, even with the same
  // logical id: every SAM sample app has a `HelloWorldFunction`.
  if (fit === 'mismatch') return 0;
  const logical = fn.logicalId !== undefined && fn.logicalId === definition.logicalId ? LOGICAL_ID_SCORE : 0;
  const named = fit !== undefined ? NAME_SCORES[fit] : generatedNameScore(fn.name, definition.logicalId);
  return logical + named;
}

/** Only for definitions without a declared name: CloudFormation named the function after the resource. */
export function generatedNameScore(name: string, logicalId: string): number {
  // `<stack>-<LogicalId>-<random>`, both parts truncated when the whole would pass 64 characters.
  const m = /^(.+)-([A-Za-z0-9]+)-([A-Za-z0-9]{6,})$/.exec(name);
  if (m?.[2] === logicalId) return GENERATED_SCORE;
  if (m?.[2] && m[2].length >= 8 && logicalId.startsWith(m[2])) return TRUNCATED_GENERATED_SCORE;
  const target = normalizedWords(logicalId.replace(/(?:Lambda)?(?:Function|Fn|Handler|Lambda)$/, ''));
  if (target.length < 3) return 0;
  const words = name.split(/[-_.]+/).filter((w) => w.length > 0);
  if (normalizedWords(words.join('')) === target) return SAME_WORDS_SCORE;
  // `prod-checkout-api`, `mystack-checkout-api`: a prefix added to the resource's own words.
  for (let i = 1; i < words.length; i++) {
    if (normalizedWords(words.slice(i).join('')) === target) return TRAILING_WORDS_SCORE;
  }
  return 0;
}

function normalizedWords(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
