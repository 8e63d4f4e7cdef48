/* global process, console -- the Lambda Node.js runtime's */
// Consumes the orders queue (SQS): each order is stored in DynamoDB, then announced on the event bus.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

export const handler = async (event) => {
  for (const record of event.Records) {
    const order = await saveOrder(JSON.parse(record.body));
    await publishEvent(order);
  }
  return { batchItemFailures: [] };
};

const dynamo = new DynamoDBClient({});
const eventBus = new EventBridgeClient({});
const TABLE = process.env.ORDERS_TABLE;
const BUS = process.env.EVENT_BUS ?? 'default';

/** Stores the order; a redelivered message (same id) overwrites the same item. */
async function saveOrder(order) {
  const item = {
    pk: { S: `ORDER#${order.id}` },
    sk: { S: 'SUMMARY' },
    customerId: { S: order.customerId },
    total: { N: String(order.total) },
    status: { S: 'PLACED' },
    placedAt: { S: new Date().toISOString() },
  };
  // The table name comes from the template; the role's policy must name the same table,
  // or every write fails with AccessDeniedException.
  await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: item }));
  return { ...order, status: 'PLACED' };
}

/**
 * Announces the order to the other services (fulfilment, e-mail, analytics). A lost announcement is
 * repaired by the nightly reconciliation, so a failure here is logged, not retried: retrying would
 * hold up the whole batch.
 */
async function publishEvent(order) {
  const entry = {
    Source: 'shop.orders',
    DetailType: 'OrderPlaced',
    EventBusName: BUS,
    Time: new Date(),
    Detail: JSON.stringify({
      orderId: order.id,
      customerId: order.customerId,
      total: order.total,
    }),
  };
  try {
    // PutEvents is throttled per account and region: bursts of orders meet "Rate exceeded".
    await eventBus.send(new PutEventsCommand({ Entries: [entry] }));
  } catch (error) {
    console.error('OrderPlaced not published', order.id, error);
  }
}
