import type { Alert } from './alertEngine';

/** Where an alert's buttons lead: back into VS Code (the extension's URI handler) and to the AWS console. */
export interface AlertLinks {
  readonly vscode: string;
  readonly console: string;
}

/**
 * Text for Slack's mrkdwn: `&`, `<` and `>` escaped, so log text cannot mention (`<!channel>`),
 * link (`<http://…|x>`) or format; newlines flattened; bounded.
 */
export function slackText(text: string, max = 300): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: false } {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return { type: 'plain_text', text: flat.length > max ? `${flat.slice(0, max - 1)}…` : flat || '–', emoji: false };
}

const KIND_LABEL: Record<Alert['kind'], string> = {
  newIssue: 'New issue',
  regression: 'Regression',
  errorRate: 'Error rate',
  p99: 'Latency',
  coldStartRate: 'Cold starts',
  throttles: 'Throttles',
};

function iso(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** One alert as a Slack Block Kit message (incoming webhook payload). */
export function slackMessage(alert: Alert, links: AlertLinks): Record<string, unknown> {
  const fields: string[] = [`*Function*\n${slackText(`${alert.functionName} (${alert.profile} · ${alert.region})`, 120)}`, `*Kind*\n${KIND_LABEL[alert.kind]}${alert.issue ? ` · ${slackText(alert.issue.kind, 40)}` : ''}`];
  if (alert.issue) {
    fields.push(`*Count*\n${alert.issue.count}`, `*First seen*\n${iso(alert.issue.firstSeen)}`, `*Last seen*\n${iso(alert.issue.lastSeen)}`);
  }
  if (alert.p99Ms !== undefined && Number.isFinite(alert.p99Ms)) fields.push(`*p99*\n${Math.round(alert.p99Ms)} ms`);
  return {
    text: `${KIND_LABEL[alert.kind]} in ${alert.functionName}: ${alert.title}`.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string).slice(0, 300),
    blocks: [
      { type: 'header', text: plain(`${KIND_LABEL[alert.kind]}: ${alert.title}`, 150) },
      { type: 'section', text: { type: 'mrkdwn', text: slackText(alert.detail, 500) } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: plain('Open in VS Code', 75), url: links.vscode, action_id: 'open-vscode' },
          { type: 'button', text: plain('Open in AWS console', 75), url: links.console, action_id: 'open-console' },
        ],
      },
    ],
  };
}

/** Many alerts at once: one message that lists them. */
export function slackSummary(alerts: readonly Alert[]): Record<string, unknown> {
  const lines = alerts.slice(0, 15).map((a) => `• *${KIND_LABEL[a.kind]}* ${slackText(a.functionName, 80)}: ${slackText(a.title, 150)}`);
  if (alerts.length > 15) lines.push(`…and ${alerts.length - 15} more`);
  return {
    text: `${alerts.length} Lambdascope alerts`,
    blocks: [
      { type: 'header', text: plain(`${alerts.length} alerts in ${new Set(alerts.map((a) => a.functionName)).size} functions`, 150) },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 2900) } },
    ],
  };
}

/** The generic JSON webhook: the alert's data, no formatting. */
export function webhookPayload(alert: Alert, links: AlertLinks): Record<string, unknown> {
  return { source: 'lambdascope', version: 1, alert: { ...alert }, links: { ...links } };
}
