// Serves a panel page as the extension does — the same webviewHtml() shell, so the same CSP —
// plus one nonce'd inline script standing in for VS Code: acquireVsCodeApi() recording what the
// page posts and answering `invocation` requests, the theme's body class and --vscode-* variables.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { webviewHtml } from '../../src/vscode/panels/webviewHtml';
import type { InvocationDetailDto } from '../../src/shared/panelData';
import { THEMES, type ThemeName } from './themes';

export interface PageServer {
  readonly origin: string;
  url(panel: 'timeline' | 'issue', theme?: ThemeName): string;
  close(): Promise<void>;
}

export interface StubData {
  readonly detail: Omit<InvocationDetailDto, 'requestId' | 'time'>;
  readonly lines: readonly string[];
  /** Characters of the very long line added to each detail (0: none). */
  readonly longLineChars: number;
  readonly replyDelayMs: number;
}

/** JSON safe inside a <script>: no `</script>`, no `<!--`, no line separators ending the statement. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function stubScript(data: StubData, theme: ThemeName): string {
  return `
(() => {
  const data = ${scriptJson(data)};
  const themes = ${scriptJson(THEMES)};
  window.__posted = [];
  window.__cspViolations = [];
  window.__lambdascopeTestHooks = true;
  window.__failNext = false;
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '') + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));
  window.__deliver = (message) => window.dispatchEvent(new MessageEvent('message', { data: message }));
  window.__setTheme = (name) => {
    const t = themes[name];
    document.body.className = t.bodyClass;
    document.body.dataset.vscodeThemeKind = t.bodyClass;
    const style = document.documentElement.style;
    for (let i = style.length - 1; i >= 0; i--) if (style[i].startsWith('--vscode-')) style.removeProperty(style[i]);
    for (const [k, v] of Object.entries(t.vars)) style.setProperty(k, v);
  };
  window.__setTheme(${scriptJson(theme)});
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage(message) {
      window.__posted.push(JSON.parse(JSON.stringify(message)));
      if (message && message.type === 'request' && message.method === 'invocation') {
        const fail = window.__failNext;
        window.__failNext = false;
        setTimeout(() => {
          if (fail) {
            window.__deliver({ type: 'reply', id: message.id, ok: false, error: 'CloudWatch said <img src=x onerror="window.__pwned=\\'error\\'"> ThrottlingException' });
            return;
          }
          const t = message.params.time ?? Date.now();
          const lines = data.lines.map((m, i) => ({ time: t + i * 3, message: m.replace('{id}', message.params.requestId) }));
          if (data.longLineChars > 0) lines.push({ time: t + lines.length * 3, message: 'LONG ' + 'x'.repeat(data.longLineChars - 10) + ' END' });
          window.__deliver({ type: 'reply', id: message.id, ok: true, result: { ...data.detail, requestId: message.params.requestId, time: t, lines } });
        }, data.replyDelayMs);
      }
    },
    getState() { return state; },
    setState(s) { state = s; window.__state = s; },
  });
})();
`;
}

export async function startPageServer(repoRoot: string, data: StubData): Promise<PageServer> {
  const files: Record<string, { path: string; type: string }> = {
    '/dist/webview/timeline.js': { path: join(repoRoot, 'dist/webview/timeline.js'), type: 'text/javascript' },
    '/dist/webview/issue.js': { path: join(repoRoot, 'dist/webview/issue.js'), type: 'text/javascript' },
    '/media/panels.css': { path: join(repoRoot, 'media/panels.css'), type: 'text/css' },
  };
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const panel = /^\/panel\/(timeline|issue)$/.exec(url.pathname)?.[1];
    if (panel) {
      const nonce = randomBytes(16).toString('base64');
      const theme = (url.searchParams.get('theme') ?? 'dark') as ThemeName;
      const html = webviewHtml({ title: panel, cspSource: origin, nonce, scriptUri: `${origin}/dist/webview/${panel}.js`, styleUri: `${origin}/media/panels.css` });
      const stub = `<script nonce="${nonce}">${stubScript(data, theme in THEMES ? theme : 'dark')}</script>\n`;
      const page = html.replace('<script nonce=', `${stub}<script nonce=`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
    res.end(readFileSync(file.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (panel, theme = 'dark') => `${origin}/panel/${panel}?theme=${theme}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
