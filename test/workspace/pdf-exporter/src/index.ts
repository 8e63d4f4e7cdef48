// Exports a stored report as PDF through the internal rendering service, for the "Download PDF" button.
// Built by `sam build` with esbuild (see the template's Metadata): the handler names the bundle's
// `index.handler`, this file is its entry point.

export interface ExportRequest {
  readonly reportKey: string;
}

export interface ExportResult {
  readonly contentType: 'application/pdf';
  readonly base64: string;
}

const RENDERER_URL = process.env.RENDERER_URL ?? 'http://renderer.internal/pdf';

export async function handler(request: ExportRequest): Promise<ExportResult> {
  const response = await fetch(RENDERER_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: request.reportKey }),
    signal: AbortSignal.timeout(2500),
  });
  if (!response.ok) throw new Error(`Renderer answered ${response.status} for ${request.reportKey}`);
  const pdf = Buffer.from(await response.arrayBuffer());
  return { contentType: 'application/pdf', base64: pdf.toString('base64') };
}
