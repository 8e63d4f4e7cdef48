// Template text → plain data. YAML through `yaml` with CloudFormation's short-form tags, so that
// `!Sub "${AWS::StackName}-x"` reads as `{ "Fn::Sub": "${AWS::StackName}-x" }`, the template's JSON form.
import { parseDocument } from 'yaml';
import type { CollectionTag, Document, ScalarTag } from 'yaml';
import { extensionOf } from './posixPath';

export interface TemplateProblem {
  readonly file: string;
  readonly message: string;
  /** 0-based, when the parser knows it. */
  readonly line?: number;
}

export type ParsedText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: TemplateProblem };

const FN_TAGS = ['Sub', 'GetAtt', 'Join', 'If', 'Select', 'GetAZs', 'ImportValue', 'FindInMap', 'Base64', 'Cidr', 'Split', 'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString'];

function intrinsic(tag: string, value: unknown): Record<string, unknown> {
  if (tag === 'Ref' || tag === 'Condition') return { [tag]: value };
  // `!GetAtt Resource.Attribute` is the short form of `["Resource", "Attribute"]` (attributes may hold dots).
  if (tag === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${tag}`]: value };
}

// Each tag may be written on a scalar, a sequence or a mapping (`!If [c, a, b]`, `!Sub [s, {v: x}]`), and
// the `yaml` library picks a tag by the node's kind: register all three.
function cloudFormationTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [];
  for (const name of ['Ref', 'Condition', ...FN_TAGS]) {
    tags.push({ tag: `!${name}`, resolve: (value: string) => intrinsic(name, value) });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({ tag: `!${name}`, collection, resolve: (node) => intrinsic(name, node.toJSON()) });
    }
  }
  return tags;
}

const CFN_TAGS = cloudFormationTags();

/**
 * The YAML document itself (JSON is YAML too), with its nodes' source ranges: for edits that keep the rest of
 * the text as written. Check `errors` before trusting it.
 */
export function templateDocument(text: string): Document.Parsed {
  return parseDocument(text, { customTags: CFN_TAGS, merge: true, uniqueKeys: false });
}

/** Parses a template or configuration file; never throws: broken input comes back as a problem. */
export function parseTemplateText(file: string, text: string): ParsedText {
  if (extensionOf(file) === '.json') {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, problem: { file, message: `Invalid JSON: ${messageOf(error)}` } };
    }
  }
  try {
    const doc = parseDocument(text, { customTags: CFN_TAGS, merge: true, uniqueKeys: false, prettyErrors: true });
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line;
      return { ok: false, problem: { file, message: `Invalid YAML: ${firstLine(error.message)}`, ...(line !== undefined ? { line: line - 1 } : {}) } };
    }
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) as unknown };
  } catch (error) {
    // toJS throws on alias bombs and the like.
    return { ok: false, problem: { file, message: `Invalid YAML: ${messageOf(error)}` } };
  }
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/:$/, '');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
