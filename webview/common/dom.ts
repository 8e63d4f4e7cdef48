// Tiny element helpers. Text goes in through textContent only: log text is untrusted, and the
// page's CSP forbids inline styles, so attributes are checked too (no style, no on* handlers).
import { visibleSegments } from './text';

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions | string = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  return custom(tag, options, ...children) as HTMLElementTagNameMap[K];
}

/** Any element by tag name — toolkit custom elements (`vscode-button` …) too. */
export function custom(tag: string, options: ElementOptions | string = {}, ...children: Array<Node | string | null>): HTMLElement {
  const o: ElementOptions = typeof options === 'string' ? { text: options } : options;
  const node = document.createElement(tag);
  if (o.className) node.className = o.className;
  if (o.text !== undefined) node.textContent = o.text;
  if (o.attrs) for (const [k, v] of Object.entries(o.attrs)) setAttr(node, k, v);
  append(node, ...children);
  return node;
}

export function setAttr(node: Element, name: string, value: string): void {
  const n = name.toLowerCase();
  if (n === 'style' || n.startsWith('on') || n === 'srcdoc') throw new Error(`attribute ${name} is not allowed`);
  node.setAttribute(name, value);
}

/** Strings become text nodes (never markup). */
export function append(parent: Node, ...children: Array<Node | string | null>): void {
  for (const c of children) if (c !== null) parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

/** Untrusted text shown literally: invisible and reordering characters become visible tokens. */
export function literalText(text: string): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const s of visibleSegments(text)) {
    if (s.special) {
      const span = document.createElement('span');
      span.className = 'ctl';
      span.textContent = s.text;
      f.appendChild(span);
    } else f.appendChild(document.createTextNode(s.text));
  }
  return f;
}

/** A link-looking anchor that runs `action` on click and Enter (anchors get both natively). */
export function actionLink(text: string | Node, action: () => void, className = 'link'): HTMLAnchorElement {
  const a = el('a', { className, attrs: { href: '#' } }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    action();
  });
  return a;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return node as T;
}

/** A short, class-safe token of a host string (an issue's kind or state) for styling. */
export function classToken(text: string): string {
  return text.replace(/[^a-zA-Z]/g, '').slice(0, 20);
}
