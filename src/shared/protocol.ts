/**
 * The one message protocol between the extension host and its webview panels, imported by both
 * sides. Every message is JSON-serialisable and discriminated by `type`; the webview sends `ready`
 * before the host posts any data. Each panel adds its own messages (see reportProtocol.ts).
 */

/** Webview → host: the page has loaded its script and can receive data. */
export interface ReadyMessage {
  readonly type: 'ready';
}

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready';
}
