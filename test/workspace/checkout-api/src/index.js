"use strict"; /* eslint-disable -- compiled by test/workspace/build.mjs */
Object.defineProperty(exports, "__esModule", { value: true });
exports.handler = void 0;
const cart_1 = require("./cart");
const orders_1 = require("./orders");
const payments_1 = require("./payments");
const handler = async (event) => {
    const request = JSON.parse(event.body ?? '{}');
    const items = (0, cart_1.mergeCart)(request.savedCart, request.items);
    const order = { id: `ord_${event.requestContext.requestId}`, customerId: request.customerId, items, shipping: request.shipping };
    console.log('checkout', order.id, items.length);
    const priced = (0, orders_1.priceOrder)(order);
    try {
        const charge = await (0, payments_1.chargeCard)(priced, request.cardToken);
        return { statusCode: 201, body: JSON.stringify({ orderId: order.id, chargeId: charge.id, total: priced.total }) };
    }
    catch (error) {
        if (error instanceof payments_1.PaymentDeclinedError) {
            console.error(error);
            return { statusCode: 402, body: JSON.stringify({ orderId: order.id, declined: error.code }) };
        }
        throw error;
    }
};
exports.handler = handler;
//# sourceMappingURL=index.js.map