/**
 * POSTs a JSON body to a webhook (Slack's incoming webhook, or the team's own), retrying what may
 * pass on a second try — network errors, 429 (after its Retry-After), 5xx — with backoff. The URL
 * is a secret: no message here ever contains it.
 */
export interface SendOptions {
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
}

export interface SendResult {
  readonly ok: boolean;
  readonly attempts: number;
  /** What went wrong, for the user (never the URL). */
  readonly error?: string;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function postJson(url: string, body: unknown, options: SendOptions = {}): Promise<SendResult> {
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? sleepFor;
  let error = 'not sent';
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]) : AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = (await response.text().catch(() => '')).slice(0, 100).replace(/[^\x20-\x7e]/g, '?');
      if (response.ok) return { ok: true, attempts: attempt };
      error = `the webhook answered HTTP ${response.status}${text ? ` (${text})` : ''}`;
      if (response.status !== 429 && response.status < 500) return { ok: false, attempts: attempt, error };
      const header = response.headers.get('retry-after');
      const seconds = header === null ? Number.NaN : Number(header);
      if (Number.isFinite(seconds) && seconds >= 0) retryAfterMs = Math.min(seconds, 300) * 1000;
    } catch (failure) {
      if (options.signal?.aborted) return { ok: false, attempts: attempt, error: 'cancelled' };
      const name = failure instanceof Error ? failure.name : '';
      error = name === 'TimeoutError' ? 'the webhook did not answer in time' : 'the webhook could not be reached (network error)';
    }
    if (attempt <= retries) await sleep(retryAfterMs ?? (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }
  return { ok: false, attempts: retries + 1, error };
}
