// Best-practice findings placed on the infrastructure code: each finding of a watched function whose
// declaration is in the workspace, on the line where its setting is written (or inherited from).
import type { Finding, FindingId } from '../insights/findings';
import { deployedFunction, type WatchedFunction } from './codeFindings';
import type { DeployedFunction, FunctionDefinition } from './functionDefinition';
import { locateProperty, parseTemplate, type ParsedTemplate, type PropertyLocation } from './templateEdits';
import type { TextRange } from './textEdits';

/** WorkspaceIndex answers it. */
export interface DefinitionFinder {
  definitionOf(fn: DeployedFunction): Promise<FunctionDefinition | undefined>;
}

export interface TemplateFinding {
  /** Workspace-relative path of the template or serverless.yml. */
  readonly file: string;
  readonly range: TextRange;
  readonly where: PropertyLocation['where'];
  /** The function's key in the file (the resource, or the serverless.yml function). */
  readonly declaration: TextRange;
  readonly severity: Finding['severity'];
  readonly code: FindingId;
  readonly message: string;
  readonly finding: Finding;
  readonly definition: FunctionDefinition;
  readonly functionName: string;
  readonly profile: string;
  readonly region: string;
}

/**
 * `<title> — <evidence>. <fix> (<function> · <profile> · <region>)` on one line: one template may
 * deploy several stacks (dev, prod), each watched function its own diagnostic.
 */
export function templateFindingMessage(finding: Finding, about?: { readonly functionName: string; readonly profile: string; readonly region: string }): string {
  const where = about ? ` (${about.functionName} · ${about.profile} · ${about.region})` : '';
  return `${finding.title} — ${finding.evidence}. ${finding.fix}${where}`.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * `readText` gives a file's current text (an editor's unsaved text first): ranges are placed on what the
 * user sees. Rules in `disabled` are filtered upstream already; checked again so that a change of the
 * setting shows before the next poll.
 */
export async function computeTemplateFindings(watched: readonly WatchedFunction[], finder: DefinitionFinder, readText: (file: string) => Promise<string | undefined>, disabled: ReadonlySet<string>): Promise<TemplateFinding[]> {
  // Each file read and parsed once, however many functions and findings it holds.
  const templates = new Map<string, Promise<ParsedTemplate | undefined>>();
  const templateOf = (file: string): Promise<ParsedTemplate | undefined> => {
    let template = templates.get(file);
    if (!template) {
      template = readText(file).then(
        (text) => (text === undefined ? undefined : parseTemplate(text, file)),
        () => undefined,
      );
      templates.set(file, template);
    }
    return template;
  };
  const out: TemplateFinding[] = [];
  for (const w of watched) {
    const findings = w.view.findings.filter((f) => !disabled.has(f.id));
    if (findings.length === 0) continue;
    const definition = await finder.definitionOf(deployedFunction(w)).catch(() => undefined);
    if (!definition) continue;
    const template = await templateOf(definition.file);
    if (template === undefined) continue;
    for (const finding of findings) {
      const at = locateProperty(template, definition, finding.property);
      if (!at) continue;
      out.push({
        file: definition.file,
        range: at.range,
        where: at.where,
        declaration: at.declaration,
        severity: finding.severity,
        code: finding.id,
        message: templateFindingMessage(finding, { functionName: w.view.name, profile: w.profile, region: w.region }),
        finding,
        definition,
        functionName: w.view.name,
        profile: w.profile,
        region: w.region,
      });
    }
  }
  return out;
}
