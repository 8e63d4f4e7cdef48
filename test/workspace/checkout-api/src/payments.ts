import { request } from 'node:https';
import type { PricedOrder } from './orders';

export interface Charge {
  readonly id: string;
  readonly amount: number;
}

export class PaymentDeclinedError extends Error {
  override readonly name = 'PaymentDeclinedError';

  constructor(
    readonly orderId: string,
    readonly code: number,
  ) {
    super(`Card declined for order ${orderId} (code ${code})`);
  }
}

interface StripeResponse {
  readonly status: number;
  readonly body: { readonly id?: string; readonly decline_code?: number; readonly outcome?: { readonly risk_level?: string } };
}

const STRIPE_HOST = 'api.stripe.com';
// Stripe answers within a second or two; the function's own timeout is 6 s.
const STRIPE_TIMEOUT_MS = 4000;

function post(path: string, form: Record<string, string>, idempotencyKey: string): Promise<StripeResponse> {
  const payload = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: STRIPE_HOST,
        path,
        method: 'POST',
        timeout: STRIPE_TIMEOUT_MS,
        headers: {
          authorization: `Bearer ${process.env.STRIPE_SECRET_KEY ?? ''}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': idempotencyKey,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as StripeResponse['body'] }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Stripe did not answer within ${STRIPE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

// Declines seen in the last minutes, by card: retrying a declined card only earns another decline.
const recentDeclines = new Map<string, { code: number; at: number }>();
const DECLINE_MEMORY_MS = 5 * 60_000;

export async function chargeCard(order: PricedOrder, cardToken: string): Promise<Charge> {
  const recent = recentDeclines.get(cardToken);
  if (recent && Date.now() - recent.at < DECLINE_MEMORY_MS) {
    throw new PaymentDeclinedError(order.id, recent.code);
  }
  // Authorize first, capture once the order is accepted: a rejected order then costs no refund fee.
  const form = {
    amount: String(order.total),
    currency: 'usd',
    source: cardToken,
    capture: 'false',
  };
  const authorization = await post('/v1/charges', form, order.id);
  if (authorization.status === 402) {
    throw declined(cardToken, new PaymentDeclinedError(order.id, authorization.body.decline_code ?? 0));
  }
  const chargeId = authorization.body.id;
  if (authorization.status >= 300 || chargeId === undefined) {
    throw new Error(`Stripe answered ${authorization.status} for order ${order.id}`);
  }
  // Radar scores every charge: an elevated risk is released at once rather than shipped and disputed.
  const risk = authorization.body.outcome?.risk_level ?? 'normal';
  if (risk === 'elevated' || risk === 'highest') {
    console.warn('releasing a risky authorization', {
      orderId: order.id,
      chargeId,
      risk,
    });
    await post('/v1/refunds', { charge: chargeId }, `${order.id}-release`);
    throw declined(cardToken, new PaymentDeclinedError(order.id, 0));
  }
  // Orders under $50 are captured now; larger ones by the warehouse once a person has reviewed them.
  if (order.total >= 5000) {
    return { id: chargeId, amount: order.total };
  }
  const captureForm = {
    statement_descriptor_suffix: 'WEB ORDER',
    'metadata[order_id]': order.id,
    'metadata[customer_id]': order.customerId,
    'metadata[captured_by]': 'checkout-api',
  };
  const capture = await post(`/v1/charges/${chargeId}/capture`, captureForm, `${order.id}-capture`);
  if (capture.status >= 300) {
    throw new Error(`Stripe answered ${capture.status} capturing ${chargeId}`);
  }
  return { id: chargeId, amount: order.total };
}

/** Remembers the decline for the card, so that a retry fails fast. */
function declined(cardToken: string, error: PaymentDeclinedError): PaymentDeclinedError {
  recentDeclines.set(cardToken, { code: error.code, at: Date.now() });
  return error;
}
