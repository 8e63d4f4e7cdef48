// Where a function's setting is written in a SAM/CloudFormation template or serverless.yml, and the smallest
// text edit that changes it. Edits are computed from the YAML nodes' source ranges and applied to the text
// as it is, so comments, quotes, indentation and line endings elsewhere stay byte for byte.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { FindingProperty } from '../insights/findings';
import { extensionOf } from './posixPath';
import { propertyLabel, propertySpec, type PropertySpec, type TemplateKind } from './templateProperties';
import { templateDocument } from './templateText';
import { LineIndex, type TextEdit, type TextRange } from './textEdits';

/** The declaration to look in (a FunctionDefinition has these). */
export interface TemplateTarget {
  readonly file: string;
  readonly via: 'template' | 'serverless';
  /** The template resource's logical id. */
  readonly logicalId: string;
  /** serverless.yml: the function's key under `functions`. */
  readonly functionKey?: string;
}

export interface PropertyLocation {
  /** The function's own value, the value it inherits, or (written nowhere) its declaration. */
  readonly where: 'own' | 'inherited' | 'declaration';
  readonly range: TextRange;
  /** The function's key: the resource's logical id, or the serverless.yml function's key. */
  readonly declaration: TextRange;
  readonly kind: TemplateKind;
}

export type PropertyFix = { readonly ok: true; readonly label: string; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly reason: string };

/** A template's text parsed once, to locate several functions' properties in it. */
export interface ParsedTemplate {
  readonly text: string;
  readonly index: LineIndex;
  readonly json: boolean;
  readonly root: YAMLMap;
}

interface FunctionBlock extends ParsedTemplate {
  readonly kind: TemplateKind;
  /** The function's key node. */
  readonly key: Scalar;
  /** Its settings: `Properties`, or the serverless.yml function's mapping; undefined when absent or not a plain mapping. */
  readonly own: YAMLMap | undefined;
  /** The key that opens `own` (`Properties`, or the function's key). */
  readonly ownKey: Scalar | undefined;
}

const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
const SAM_FUNCTION = 'AWS::Serverless::Function';

/** Where the value of `property` is written for this function; the declaration itself without a property. Undefined: the file does not parse or does not declare it. */
export function locateProperty(template: string | ParsedTemplate, target: TemplateTarget, property?: FindingProperty): PropertyLocation | undefined {
  const fn = openFunction(template, target);
  if (!fn) return undefined;
  const declaration = rangeOf(fn, fn.key);
  const at = (where: PropertyLocation['where'], range: TextRange): PropertyLocation => ({ where, range, declaration, kind: fn.kind });
  if (!property) return at('declaration', declaration);
  const spec = propertySpec(fn.kind, property);
  const own = fn.own ? findPair(fn.own, spec.key) : undefined;
  if (own) {
    const inner = spec.inner && isMap(own.value) ? findPair(own.value, spec.inner) : undefined;
    return at('own', valueRange(fn, inner ?? own));
  }
  const inherited = spec.inherited ? pairAt(fn.root, spec.inherited) : undefined;
  if (inherited) return at('inherited', valueRange(fn, inherited));
  return at('declaration', declaration);
}

/** The edits that set `property` to `recommended` for this function only, or why there are none. */
export function fixProperty(text: string, target: TemplateTarget, property: FindingProperty, recommended: number | string): PropertyFix {
  const fn = openFunction(text, target);
  if (!fn) return fail('The file does not parse, or no longer declares this function.');
  const spec = propertySpec(fn.kind, property);
  const label = propertyLabel(spec);
  const own = fn.own ? findPair(fn.own, spec.key) : undefined;
  if (own) return replaceValue(fn, spec, label, own, recommended);
  const inherited = spec.inherited ? pairAt(fn.root, spec.inherited) : undefined;
  // A parameter or variable usually differs per stage: a literal written from one stage's figures would
  // override it everywhere. Those are for the user to change where the value comes from.
  const variable = inherited ? variableText(fn, inherited) : undefined;
  if (variable) return fail(`${label} comes from ${variable}: change the value there.`);
  if (!fn.own) return fail(`The function has no ${fn.kind === 'serverless' ? 'settings' : 'Properties'} mapping to add ${label} to.`);
  const edit = fn.own.flow ? insertInFlow(fn, fn.own, spec, recommended) : insertInBlock(fn, fn.own, spec, recommended);
  return edit ? { ok: true, label, edits: [edit] } : fail(`No place to add ${label} to was found.`);
}

function fail(reason: string): PropertyFix {
  return { ok: false, reason };
}

/** The template in `file`, parsed; undefined when it does not parse to a mapping. */
export function parseTemplate(text: string, file: string): ParsedTemplate | undefined {
  let doc;
  try {
    doc = templateDocument(text);
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  return { text, index: new LineIndex(text), json: extensionOf(file) === '.json', root: doc.contents };
}

function openFunction(template: string | ParsedTemplate, target: TemplateTarget): FunctionBlock | undefined {
  const base = typeof template === 'string' ? parseTemplate(template, target.file) : template;
  if (!base) return undefined;
  const root = base.root;
  if (target.via === 'serverless') {
    const functions = findPair(root, 'functions')?.value;
    const pair = isMap(functions) && target.functionKey !== undefined ? findPair(functions, target.functionKey) : undefined;
    if (!pair) return undefined;
    const own = isMap(pair.value) ? pair.value : undefined;
    return { ...base, kind: 'serverless', key: pair.key, own, ownKey: pair.key };
  }
  const resources = findPair(root, 'Resources')?.value;
  const pair = isMap(resources) ? findPair(resources, target.logicalId) : undefined;
  if (!pair || !isMap(pair.value)) return undefined;
  const type = findPair(pair.value, 'Type')?.value;
  const kind = isScalar(type) && type.value === LAMBDA_FUNCTION ? 'cloudformation' : isScalar(type) && type.value === SAM_FUNCTION ? 'sam' : undefined;
  if (!kind) return undefined;
  const properties = findPair(pair.value, 'Properties');
  return { ...base, kind, key: pair.key, own: isMap(properties?.value) ? properties.value : undefined, ownKey: properties?.key };
}

type KeyedPair = Pair<Scalar, unknown>;

/** The last pair with that key: with duplicate keys, the last one is the one CloudFormation reads. */
function findPair(map: YAMLMap, key: string): KeyedPair | undefined {
  let found: KeyedPair | undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.range && String(pair.key.value) === key) found = pair as KeyedPair;
  }
  return found;
}

function pairAt(root: YAMLMap, path: readonly string[]): KeyedPair | undefined {
  let map: YAMLMap = root;
  let pair: KeyedPair | undefined;
  for (const key of path) {
    pair = findPair(map, key);
    if (!pair) return undefined;
    if (isMap(pair.value)) map = pair.value;
    else if (key !== path[path.length - 1]) return undefined;
  }
  return pair;
}

function rangeOf(fn: FunctionBlock, node: Node): TextRange {
  const [start, end] = node.range ?? [0, 0];
  return fn.index.range(start, end);
}

/** From a value's first character, its tag (`!Ref`) included, to its end (a comment after it left out); an empty value: its key. */
function valueRange(fn: FunctionBlock, pair: KeyedPair): TextRange {
  const value = pair.value as Node | null;
  if (!value?.range || value.range[0] === value.range[1]) return rangeOf(fn, pair.key);
  return fn.index.range(writtenStart(fn, pair), value.range[1]);
}

function writtenStart(fn: FunctionBlock, pair: KeyedPair): number {
  const value = pair.value as Node;
  const start = value.range?.[0] ?? 0;
  const colon = fn.text.indexOf(':', pair.key.range?.[1] ?? start);
  if (colon < 0 || colon >= start) return start;
  let i = colon + 1;
  while (fn.text[i] === ' ' || fn.text[i] === '\t') i++;
  // A tag or anchor written before the value on the key's line; a block value starts on a line of its own.
  return i < start && !/[\r\n#]/.test(fn.text[i] ?? '') ? i : start;
}

/** The source text of a value set through an intrinsic (`!Ref`, `{Ref: …}`, `Fn::…`) or a variable (`${…}`, `{{resolve:…}}`). */
function variableText(fn: FunctionBlock, pair: KeyedPair): string | undefined {
  const value = pair.value as Node | null;
  if (!value || !isVariable(value)) return undefined;
  const text = fn.text.slice(writtenStart(fn, pair), value.range?.[1]).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function isVariable(node: Node): boolean {
  if (node.tag?.startsWith('!') && !node.tag.startsWith('!!')) return true;
  if (isMap(node)) return node.items.some((p) => isScalar(p.key) && (p.key.value === 'Ref' || String(p.key.value).startsWith('Fn::')));
  if (isSeq(node)) return node.items.some((item) => item !== null && typeof item === 'object' && isVariable(item as Node));
  if (isScalar(node) && typeof node.value === 'string') return node.value.includes('${') || node.value.includes('{{resolve:');
  return false;
}

function replaceValue(fn: FunctionBlock, spec: PropertySpec, label: string, own: KeyedPair, recommended: number | string): PropertyFix {
  let pair = own;
  const ownVariable = variableText(fn, own);
  if (ownVariable) return fail(`${label} is set through ${ownVariable}: change the value there.`);
  if (spec.inner) {
    const inner = isMap(own.value) ? findPair(own.value, spec.inner) : undefined;
    if (!inner) return fail(`${spec.key} has no ${spec.inner} to change.`);
    const innerVariable = variableText(fn, inner);
    if (innerVariable) return fail(`${label} is set through ${innerVariable}: change the value there.`);
    pair = inner;
  }
  let node = pair.value as Node | null;
  if (spec.list) {
    // Lambda takes exactly one architecture.
    if (!isSeq(node) || node.items.length !== 1) return fail(`${label} does not hold exactly one value.`);
    node = node.items[0] as Node | null;
  }
  if (!isScalar(node) || !node.range || node.value === null) return fail(`${label} has no single value to change.`);
  if (String(node.value) === String(recommended)) return fail(`${label} is already ${recommended}.`);
  const newText = scalarText(recommended, node.type, fn.json);
  if (newText === undefined) return fail(`${label} is written as a block scalar.`);
  return { ok: true, label, edits: [{ range: fn.index.range(node.range[0], node.range[1]), newText }] };
}

/** The value written in the original's quote style. */
function scalarText(value: number | string, type: Scalar['type'], json: boolean): string | undefined {
  const text = String(value);
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  if (type === 'PLAIN' || type === undefined) return json ? JSON.stringify(value) : yamlValue(value);
  return undefined;
}

/** Plain when YAML reads it back as the same string (not a number, boolean or null), else double-quoted. */
function yamlValue(value: number | string): string {
  if (typeof value === 'number') return String(value);
  const plain = /^[A-Za-z][\w.-]*$/.test(value) && !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** `MemorySize: 832`, `TracingConfig: {Mode: Active}`, `Architectures: [arm64]` as one entry of the block's kind. */
function entryText(spec: PropertySpec, value: number | string, json: boolean): string {
  const scalar = json ? JSON.stringify(value) : yamlValue(value);
  const key = json ? JSON.stringify(spec.key) : spec.key;
  if (spec.inner) return `${key}: {${json ? JSON.stringify(spec.inner) : spec.inner}: ${scalar}}`;
  return `${key}: ${spec.list ? `[${scalar}]` : scalar}`;
}

function fileEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * A new line in a block mapping, indented like the first key: after the last key whose value fits on its
 * own line (so that a comment above the next key stays with it), else as the mapping's first line.
 */
function insertInBlock(fn: FunctionBlock, map: YAMLMap, spec: PropertySpec, value: number | string): TextEdit | undefined {
  const keyed = map.items.filter((p): p is KeyedPair => isScalar(p.key) && p.key.range !== undefined && p.key.range !== null);
  const first = keyed[0];
  if (!first?.key.range) return undefined;
  const lineStart = fn.index.lineStartOf(first.key.range[0]);
  const written = fn.text.slice(lineStart, first.key.range[0]);
  const indent = /^ *$/.test(written) ? written : ' '.repeat(written.length);
  let anchor: number | undefined;
  for (const pair of keyed) {
    const keyStart = pair.key.range?.[0] ?? 0;
    const startsLine = /^[ \t]*$/.test(fn.text.slice(fn.index.lineStartOf(keyStart), keyStart));
    const value = pair.value as Node | null;
    const end = value?.range ? value.range[1] : (pair.key.range?.[1] ?? keyStart);
    const oneLine = fn.index.position(end).line === fn.index.position(keyStart).line && (!value || isScalar(value) || (value as { flow?: boolean }).flow === true);
    if (startsLine && oneLine) anchor = end;
  }
  const after = anchor ?? fn.ownKey?.range?.[1];
  if (after === undefined) return undefined;
  const next = fn.index.nextLineOf(after);
  const eol = next.eol || fileEol(fn.text);
  let line = `${indent}${entryText(spec, value, false)}`;
  if (spec.inner) {
    const parentStart = fn.ownKey?.range?.[0] ?? 0;
    const step = indent.length - (parentStart - fn.index.lineStartOf(parentStart));
    line = `${indent}${spec.key}:${eol}${indent}${' '.repeat(step > 0 ? step : 2)}${spec.inner}: ${yamlValue(value)}`;
  }
  const newText = next.eol ? `${line}${eol}` : `${eol}${line}`;
  const at = fn.index.position(next.offset);
  return { range: { start: at, end: at }, newText };
}

/** A new first entry of a flow mapping (JSON's objects are): on its own line when the first entry is on one. */
function insertInFlow(fn: FunctionBlock, map: YAMLMap, spec: PropertySpec, value: number | string): TextEdit | undefined {
  const first = map.items[0];
  const start = isScalar(first?.key) ? first.key.range?.[0] : undefined;
  if (start === undefined || !map.range) return undefined;
  const ownLine = fn.index.position(start).line !== fn.index.position(map.range[0]).line;
  const lineStart = fn.index.lineStartOf(start);
  const separator = ownLine ? `,${fileEol(fn.text)}${fn.text.slice(lineStart, start)}` : ', ';
  const at = fn.index.position(start);
  return { range: { start: at, end: at }, newText: `${entryText(spec, value, fn.json)}${separator}` };
}
