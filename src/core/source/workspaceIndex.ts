// The workspace's Lambda functions, scanned once from its templates, and the questions the editor asks
// about a deployed function: where is its handler, where is this frame.
import type { StackFrame } from '../issues/stackFrames';
import { locateFrame } from './frameLocation';
import type { DeployedFunction, FunctionDefinition } from './functionDefinition';
import { matchDefinition } from './functionMatch';
import { handlerInRoot, searchHandler, type HandlerLocation } from './handlerLocation';
import { handlerSpecs } from './handlerString';
import { functionsOfTemplate } from './samTemplate';
import { functionsOfServerless } from './serverlessConfig';
import { SourceMaps, type SourcePosition } from './sourceMaps';
import { parseTemplateText, type TemplateProblem } from './templateText';
import { isGeneratedPath } from './workspaceSearch';
import type { WorkspaceFiles } from './workspacePort';

export interface WorkspaceScan {
  readonly functions: readonly FunctionDefinition[];
  /** Templates that could not be read, with why: shown to the user, never thrown. */
  readonly problems: readonly TemplateProblem[];
}

const TEMPLATE_GLOB = '**/{template.yaml,template.yml,template.json}';
const SERVERLESS_GLOB = '**/{serverless.yml,serverless.yaml}';
const MAX_TEMPLATES = 200;
// CloudFormation takes templates up to 1 MB; anything much larger is not one.
const MAX_TEMPLATE_CHARS = 2_000_000;

/**
 * Scans the templates on first use and keeps the result (and the source maps it reads) until `refresh()`,
 * which the editor calls when a template, a source map or a compiled file changes.
 */
export class WorkspaceIndex {
  private readonly files: WorkspaceFiles;
  private readonly maps: SourceMaps;
  private scanning: Promise<WorkspaceScan> | undefined;
  // Asked again after every poll: answered from memory until the workspace changes.
  private readonly handlers = new Map<string, Promise<HandlerLocation | undefined>>();
  private readonly frames = new Map<string, Promise<SourcePosition | undefined>>();
  // A stack trace has several frames of one function: its folders are found once.
  private readonly roots = new Map<string, Promise<string[]>>();

  constructor(files: WorkspaceFiles) {
    this.files = failSafe(files);
    this.maps = new SourceMaps(this.files);
  }

  refresh(): void {
    this.scanning = undefined;
    this.roots.clear();
    this.maps.clear();
    this.handlers.clear();
    this.frames.clear();
  }

  scan(): Promise<WorkspaceScan> {
    this.scanning ??= scanWorkspace(this.files);
    return this.scanning;
  }

  async definitionOf(fn: DeployedFunction): Promise<FunctionDefinition | undefined> {
    return matchDefinition(fn, (await this.scan()).functions);
  }

  resolveHandler(fn: DeployedFunction): Promise<HandlerLocation | undefined> {
    const key = JSON.stringify([fn.name, fn.runtime, fn.handler, fn.stackName, fn.logicalId]);
    let found = this.handlers.get(key);
    if (!found) {
      found = this.findHandler(fn);
      this.handlers.set(key, found);
    }
    return found;
  }

  private async findHandler(fn: DeployedFunction): Promise<HandlerLocation | undefined> {
    const definition = await this.definitionOf(fn);
    if (definition?.codeRoot !== undefined) {
      // The template's handler is the source's; the deployed one may be a wrapper's (a layer's, an APM agent's).
      const specs = handlerSpecs(definition.runtime ?? fn.runtime, definition.handler ?? fn.handler);
      const found = await handlerInRoot(specs, definition.codeRoot, definition.entryPoints, this.files, this.maps);
      if (found) return { ...found, via: definition.via };
    }
    const searched = await searchHandler(handlerSpecs(fn.runtime, fn.handler), fn.name, this.files, this.maps);
    return searched ? { ...searched.found, via: 'handler' } : undefined;
  }

  /** The workspace position of one frame of this function's stack trace (0-based), if it can be placed. */
  mapFrame(fn: DeployedFunction, frame: StackFrame): Promise<SourcePosition | undefined> {
    const key = JSON.stringify([fn.name, fn.runtime, fn.handler, fn.stackName, fn.logicalId, frame.file, frame.line, frame.column]);
    let at = this.frames.get(key);
    if (!at) {
      at = this.codeRoots(fn).then((roots) => locateFrame(frame, roots, this.files, this.maps));
      // Bounded: frames of issues come and go over days.
      if (this.frames.size >= 5000) this.frames.clear();
      this.frames.set(key, at);
    }
    return at;
  }

  private codeRoots(fn: DeployedFunction): Promise<string[]> {
    const key = JSON.stringify([fn.name, fn.runtime, fn.handler, fn.stackName, fn.logicalId]);
    let roots = this.roots.get(key);
    if (!roots) {
      roots = this.findCodeRoots(fn);
      this.roots.set(key, roots);
    }
    return roots;
  }

  /** Where the function's deployed files are in the workspace: a local bundle first, then CodeUri. */
  private async findCodeRoots(fn: DeployedFunction): Promise<string[]> {
    const definition = await this.definitionOf(fn);
    if (definition?.codeRoot !== undefined) {
      return [definition.buildRoot, definition.codeRoot].filter((r): r is string => r !== undefined);
    }
    const searched = await searchHandler(handlerSpecs(fn.runtime, fn.handler), fn.name, this.files, this.maps);
    return searched ? [searched.root] : [];
  }
}

/** One-off lookup; an editor keeps a WorkspaceIndex instead, so the templates are read once. */
export function resolveHandler(fn: DeployedFunction, files: WorkspaceFiles): Promise<HandlerLocation | undefined> {
  return new WorkspaceIndex(files).resolveHandler(fn);
}

export function mapStackFrame(fn: DeployedFunction, frame: StackFrame, files: WorkspaceFiles): Promise<SourcePosition | undefined> {
  return new WorkspaceIndex(files).mapFrame(fn, frame);
}

async function scanWorkspace(files: WorkspaceFiles): Promise<WorkspaceScan> {
  const functions: FunctionDefinition[] = [];
  const problems: TemplateProblem[] = [];
  const [templates, serverless] = await Promise.all([files.findFiles(TEMPLATE_GLOB, MAX_TEMPLATES), files.findFiles(SERVERLESS_GLOB, MAX_TEMPLATES)]);
  const read = async (file: string, extract: (file: string, value: unknown) => FunctionDefinition[]): Promise<void> => {
    const text = await files.readText(file);
    if (text === undefined) return;
    if (text.length > MAX_TEMPLATE_CHARS) {
      problems.push({ file, message: `Skipped: larger than ${MAX_TEMPLATE_CHARS} characters` });
      return;
    }
    const parsed = parseTemplateText(file, text);
    if (parsed.ok) functions.push(...extract(file, parsed.value));
    else problems.push(parsed.problem);
  };
  // `sam build` copies the template into .aws-sam/build: the original is the one to read.
  for (const file of [...new Set(templates)].filter((f) => !isGeneratedPath(f)).sort()) await read(file, functionsOfTemplate);
  for (const file of [...new Set(serverless)].filter((f) => !isGeneratedPath(f)).sort()) await read(file, functionsOfServerless);
  return { functions, problems };
}

/** The port with its failures turned into absence: a file that cannot be read is a file that is not there. */
function failSafe(files: WorkspaceFiles): WorkspaceFiles {
  const safely = async <T>(call: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await call();
    } catch {
      return fallback;
    }
  };
  return {
    findFiles: (glob, maxResults) => safely(() => files.findFiles(glob, maxResults), []),
    readText: (path) => safely(() => files.readText(path), undefined),
    exists: (path) => safely(() => files.exists(path), false),
  };
}
