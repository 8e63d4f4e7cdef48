/**
 * The one message protocol between the extension host and its webview panels, imported by both
 * sides. Every message is JSON-serialisable and discriminated by `type`; the webview sends `ready`
 * before the host posts any data. Panels (issue 4/6) extend these unions with their own messages.
 */

/** Webview → host: the page has loaded its script and can receive data. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Webview → host: a request that expects exactly one reply with the same `id`. */
export interface RequestEnvelope<TMethod extends string, TParams> {
  readonly type: 'request';
  readonly id: number;
  readonly method: TMethod;
  readonly params: TParams;
}

/** Host → webview: the reply to a request. */
export type ReplyEnvelope<TResult> =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly result: TResult }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

export function isReadyMessage(value: unknown): value is ReadyMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready';
}
