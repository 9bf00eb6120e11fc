import type { ImportKind } from '../import-schemas.js';
import { customersKind } from './customers.kind.js';
import { eventsKind } from './events.kind.js';
import type { KindSpec } from './kind-spec.js';
import { orderItemsKind } from './order-items.kind.js';
import { ordersKind } from './orders.kind.js';
import { productsKind } from './products.kind.js';

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  events: eventsKind,
  orders: ordersKind,
  order_items: orderItemsKind,
  products: productsKind,
  customers: customersKind,
};

export type { KindSpec } from './kind-spec.js';
