import { mergeCart, type CartItem } from './cart';
import { priceOrder, type Address, type Order } from './orders';
import { chargeCard, PaymentDeclinedError } from './payments';

// POST /checkout (API Gateway HTTP API): the saved cart and the request's items become one order, priced,
// then charged.
export interface CheckoutEvent {
  readonly body?: string;
  readonly requestContext: { readonly requestId: string };
}

export interface CheckoutResult {
  readonly statusCode: number;
  readonly body: string;
}

interface CheckoutRequest {
  readonly customerId: string;
  readonly cardToken: string;
  readonly savedCart?: readonly CartItem[];
  readonly items: readonly CartItem[];
  readonly shipping?: { readonly address: Address };
}

export const handler = async (event: CheckoutEvent): Promise<CheckoutResult> => {
  const request = JSON.parse(event.body ?? '{}') as CheckoutRequest;
  const items = mergeCart(request.savedCart, request.items);
  const order: Order = { id: `ord_${event.requestContext.requestId}`, customerId: request.customerId, items, shipping: request.shipping };
  console.log('checkout', order.id, items.length);
  const priced = priceOrder(order);
  try {
    const charge = await chargeCard(priced, request.cardToken);
    return { statusCode: 201, body: JSON.stringify({ orderId: order.id, chargeId: charge.id, total: priced.total }) };
  } catch (error) {
    if (error instanceof PaymentDeclinedError) {
      console.error(error);
      return { statusCode: 402, body: JSON.stringify({ orderId: order.id, declined: error.code }) };
    }
    throw error;
  }
};
