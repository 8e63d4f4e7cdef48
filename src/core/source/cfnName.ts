// Evaluates the few intrinsic functions that build names (`Ref`, `Fn::Sub`, `Fn::Join`) as far as a
// template alone allows: parameters give their defaults as guesses, everything else stays unknown.
import { compactName, type DeclaredName, type NamePart } from './deployedName';
import { isRecord } from './templateText';

const UNKNOWN: NamePart = { unknown: true };
const MAX_DEPTH = 8;

export function declaredNameOf(value: unknown, parameters: Record<string, unknown>): DeclaredName {
  return compactName(partsOf(value, parameters, {}, 0));
}

function partsOf(value: unknown, parameters: Record<string, unknown>, subVars: Record<string, unknown>, depth: number): NamePart[] {
  if (depth > MAX_DEPTH) return [UNKNOWN];
  if (typeof value === 'string') return [{ text: value }];
  if (typeof value === 'number') return [{ text: String(value) }];
  if (!isRecord(value)) return [UNKNOWN];
  if (typeof value.Ref === 'string') return refParts(value.Ref, parameters);
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return subParts(sub, parameters, subVars, depth);
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    return subParts(sub[0], parameters, isRecord(sub[1]) ? sub[1] : {}, depth);
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const delimiter = join[0];
    return join[1].flatMap((item: unknown, i: number) => [...(i > 0 ? [{ text: delimiter }] : []), ...partsOf(item, parameters, subVars, depth + 1)]);
  }
  return [UNKNOWN];
}

function refParts(name: string, parameters: Record<string, unknown>): NamePart[] {
  if (name === 'AWS::StackName') return [{ stackName: true }];
  const parameter = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  const fallback = isRecord(parameter) ? parameter.Default : undefined;
  if (typeof fallback === 'string' || typeof fallback === 'number') return [{ text: String(fallback), guess: true }];
  return [UNKNOWN];
}

function subParts(template: string, parameters: Record<string, unknown>, vars: Record<string, unknown>, depth: number): NamePart[] {
  const parts: NamePart[] = [];
  const variable = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = variable.exec(template); m !== null; m = variable.exec(template)) {
    parts.push({ text: template.slice(last, m.index) });
    last = m.index + m[0].length;
    const name = (m[1] ?? '').trim();
    if (name.startsWith('!')) parts.push({ text: `\${${name.slice(1)}}` }); // `${!Literal}` is an escape
    else if (Object.hasOwn(vars, name)) parts.push(...partsOf(vars[name], parameters, {}, depth + 1));
    else if (name.includes('.')) parts.push(UNKNOWN); // `${Resource.Attribute}`
    else parts.push(...refParts(name, parameters));
  }
  parts.push({ text: template.slice(last) });
  return parts.filter((p) => !('text' in p) || p.text.length > 0);
}
