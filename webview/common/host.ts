// The page's side of src/shared/protocol.ts: one acquireVsCodeApi() (VS Code allows exactly one
// call per page), typed commands, requests answered by id, notifications checked before use.
import { isHostToPanel, type HostNotification, type PanelRequests, type PanelToHost, type ReplyMessage, type RequestMethod } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export const REQUEST_TIMEOUT_MS = 30_000;

export function post(message: PanelToHost): void {
  api.postMessage(message);
}

interface Pending {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}
const pending = new Map<number, Pending>();
// Ids start from the clock so that a reply meant for the page before a reload cannot match a new request.
let nextId = (Date.now() % 1_000_000) * 1000;

export function request<M extends RequestMethod>(method: M, params: PanelRequests[M]['params'], timeoutMs = REQUEST_TIMEOUT_MS): Promise<PanelRequests[M]['result']> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`No answer from the extension after ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
    post({ type: 'request', id, method, params } as PanelToHost);
  });
}

function settle(reply: ReplyMessage): void {
  const p = pending.get(reply.id);
  if (!p) return; // timed out already, or not ours
  pending.delete(reply.id);
  clearTimeout(p.timer);
  if (reply.ok) p.resolve(reply.result);
  else p.reject(new Error(reply.error));
}

const handlers: Array<(n: HostNotification) => void> = [];

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  // Anything that is not the protocol's is dropped: the page renders only what it can check.
  if (!isHostToPanel(data)) return;
  if (data.type === 'reply') settle(data);
  else for (const h of handlers) h(data);
});

export function onNotification(handler: (n: HostNotification) => void): void {
  handlers.push(handler);
}

/**
 * The page's UI state (tab, zoom, selection), kept by VS Code across a hide and a reload of the
 * window (the panel serializer restores the panel, then this state).
 */
export function getState<T extends object>(): Partial<T> {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as Partial<T>) : {};
}

export function setState<T extends object>(patch: Partial<T>): void {
  api.setState({ ...getState<T>(), ...patch });
}
