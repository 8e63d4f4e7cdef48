import type { ReportHostMessage } from './reportProtocol';

/** Messages come from outside the webview's own code: check the shape before trusting it. */
export function isReportHostMessage(value: unknown): value is ReportHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; report?: { functions?: unknown } };
  return message.type === 'report' && typeof message.report === 'object' && message.report !== null && Array.isArray(message.report.functions);
}
