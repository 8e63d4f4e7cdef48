"use strict"; /* eslint-disable -- compiled by test/workspace/build.mjs */
Object.defineProperty(exports, "__esModule", { value: true });
exports.PaymentDeclinedError = void 0;
exports.chargeCard = chargeCard;
const node_https_1 = require("node:https");
class PaymentDeclinedError extends Error {
    orderId;
    code;
    name = 'PaymentDeclinedError';
    constructor(orderId, code) {
        super(`Card declined for order ${orderId} (code ${code})`);
        this.orderId = orderId;
        this.code = code;
    }
}
exports.PaymentDeclinedError = PaymentDeclinedError;
const STRIPE_HOST = 'api.stripe.com';
// Stripe answers within a second or two; the function's own timeout is 6 s.
const STRIPE_TIMEOUT_MS = 4000;
function post(path, form, idempotencyKey) {
    const payload = new URLSearchParams(form).toString();
    return new Promise((resolve, reject) => {
        const req = (0, node_https_1.request)({
            host: STRIPE_HOST,
            path,
            method: 'POST',
            timeout: STRIPE_TIMEOUT_MS,
            headers: {
                authorization: `Bearer ${process.env.STRIPE_SECRET_KEY ?? ''}`,
                'content-type': 'application/x-www-form-urlencoded',
                'idempotency-key': idempotencyKey,
            },
        }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
        });
        req.on('timeout', () => req.destroy(new Error(`Stripe did not answer within ${STRIPE_TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end(payload);
    });
}
// Declines seen in the last minutes, by card: retrying a declined card only earns another decline.
const recentDeclines = new Map();
const DECLINE_MEMORY_MS = 5 * 60_000;
async function chargeCard(order, cardToken) {
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
function declined(cardToken, error) {
    recentDeclines.set(cardToken, { code: error.code, at: Date.now() });
    return error;
}
//# sourceMappingURL=payments.js.map