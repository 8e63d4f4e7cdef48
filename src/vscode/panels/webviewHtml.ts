/** What a panel page needs; URIs are already webview URIs (asWebviewUri). */
export interface WebviewPage {
  readonly title: string;
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page shell of every panel: a strict CSP (nothing by default; scripts only with this load's
 * nonce; styles and fonts only from the extension), one stylesheet, one script, an empty root.
 * Kept free of `vscode` so that it is unit-tested.
 */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${page.nonce}'`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<main id="root" aria-live="polite"><p>Loading…</p></main>
<script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>`;
}
