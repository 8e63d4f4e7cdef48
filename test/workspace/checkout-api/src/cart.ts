export interface CartItem {
  readonly sku: string;
  readonly quantity: number;
}

// Quantities above this are typos (an extra zero), not orders: the customer confirms them on the web.
const MAX_QUANTITY = 20;

/**
 * Merges the customer's saved cart with the items sent in the checkout request, by SKU: the request's
 * quantities win, the saved cart fills in what the request leaves out.
 */
export function mergeCart(saved: readonly CartItem[] | undefined, requested: readonly CartItem[]): CartItem[] {
  const merged = new Map<string, CartItem>();
  for (const item of requested) {
    merged.set(item.sku, { sku: item.sku, quantity: Math.min(item.quantity, MAX_QUANTITY) });
  }
  // Saved carts written by app versions before 4.2 keep removed items as empty slots.
  for (const item of saved ?? []) {
    const sku = item.sku;
    if (merged.has(sku)) continue;
    merged.set(sku, { sku, quantity: Math.min(item.quantity, MAX_QUANTITY) });
  }
  return [...merged.values()].filter((item) => item.quantity > 0);
}
