/**
 * The shopify-orders preset on a small export in Shopify's documented layout
 * (files/shopify-orders-export.csv). Expected values worked out by hand from the file:
 *   #1001 ana: 2 × Linen Tea Towel at 15 + 1 mug at 30 (line discount 6) → items 60, code SPRING10
 *         −6, subtotal 54, shipping 5, total 59; paid and fulfilled → shipped; updated when fulfilled
 *         2024-03-06 09:00 −05:00 = 14:00Z.
 *   #1002 ben: 4 candles at 20 = 80, no shipping; partially refunded 20.
 *   #1003 ana: voided and cancelled 2024-03-10 08:00 −05:00 → cancelled, nothing paid.
 *   #1004 guest (no e-mail), POS: 15 + 5 shipping = 20, paid, not fulfilled.
 *   Customers: ana (region NY from her first order) and ben (CA); the guest is not a customer.
 */
import { join } from 'node:path';
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, runPresetImport } from '../src/index.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
const shop = { id: 1, timeZone: 'America/New_York', currency: 'USD' };
const file = join(import.meta.dirname, 'files', 'shopify-orders-export.csv');

beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
  const preset = PRESETS['shopify-orders'];
  if (!preset) throw new Error('no preset');
  const r = await runPresetImport(wh, { shop, preset, path: file });
  expect(r.orders).toMatchObject({ rowsLoaded: 4, rowsRejected: 0 });
  expect(r.order_items).toMatchObject({ rowsLoaded: 5, rowsRejected: 0 });
  expect(r.customers).toMatchObject({ rowsLoaded: 2 });
});
afterAll(async () => dispose());

describe('shopify-orders preset', () => {
  it('turns the first row of each order into the order, with its state and amounts', async () => {
    const orders = await wh.forShop(shop.id).rows(
      `SELECT order_id, customer_id, status, items_amount, discount_amount, shipping_amount, paid_amount, refund_amount, paid_at, updated_at, region
       FROM orders FINAL WHERE shop_id = {shop_id:UInt32} ORDER BY order_id`,
      {},
      tag,
    );
    expect(orders).toEqual([
      {
        order_id: '#1001',
        customer_id: 'ana@example.com',
        status: 'shipped',
        items_amount: 60,
        discount_amount: 6,
        shipping_amount: 5,
        paid_amount: 59,
        refund_amount: 0,
        paid_at: '2024-03-05T19:22:10.000Z',
        updated_at: '2024-03-06T14:00:00.000Z',
        region: 'NY',
      },
      {
        order_id: '#1002',
        customer_id: 'ben@example.com',
        status: 'partially_refunded',
        items_amount: 80,
        discount_amount: 0,
        shipping_amount: 0,
        paid_amount: 80,
        refund_amount: 20,
        paid_at: '2024-03-07T15:00:00.000Z',
        updated_at: '2024-03-08T16:00:00.000Z',
        region: 'CA',
      },
      {
        order_id: '#1003',
        customer_id: 'ana@example.com',
        status: 'cancelled',
        items_amount: 30,
        discount_amount: 0,
        shipping_amount: 5,
        paid_amount: 0,
        refund_amount: 0,
        paid_at: null,
        updated_at: '2024-03-10T13:00:00.000Z',
        region: 'NY',
      },
      {
        order_id: '#1004',
        customer_id: '',
        status: 'paid',
        items_amount: 15,
        discount_amount: 0,
        shipping_amount: 5,
        paid_amount: 20,
        refund_amount: 0,
        paid_at: '2024-03-10T17:00:00.000Z',
        updated_at: '2024-03-10T17:00:00.000Z',
        region: 'TX',
      },
    ]);
  });

  it('turns every row into an order line and e-mail addresses into customers', async () => {
    const lines = await wh
      .forShop(shop.id)
      .rows(
        'SELECT order_id, line_no, product_id, quantity, unit_price, discount, amount FROM order_items FINAL WHERE shop_id = {shop_id:UInt32} ORDER BY order_id, line_no',
        {},
        tag,
      );
    expect(lines).toEqual([
      { order_id: '#1001', line_no: 1, product_id: 'TT-01', quantity: 2, unit_price: 15, discount: 0, amount: 30 },
      { order_id: '#1001', line_no: 2, product_id: 'MUG-BL', quantity: 1, unit_price: 30, discount: 6, amount: 24 },
      { order_id: '#1002', line_no: 1, product_id: 'CD-01', quantity: 4, unit_price: 20, discount: 0, amount: 80 },
      { order_id: '#1003', line_no: 1, product_id: 'MUG-BL', quantity: 1, unit_price: 30, discount: 0, amount: 30 },
      { order_id: '#1004', line_no: 1, product_id: 'TT-01', quantity: 1, unit_price: 15, discount: 0, amount: 15 },
    ]);
    const customers = await wh
      .forShop(shop.id)
      .rows('SELECT customer_id, region FROM customers FINAL WHERE shop_id = {shop_id:UInt32} ORDER BY customer_id', {}, tag);
    expect(customers).toEqual([
      { customer_id: 'ana@example.com', region: 'NY' },
      { customer_id: 'ben@example.com', region: 'CA' },
    ]);
  });

  it('refuses a file that is not a Shopify export, naming the missing columns', async () => {
    const preset = PRESETS['shopify-orders'];
    if (!preset) throw new Error('no preset');
    const other = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea', 'orders-00000.csv');
    await expect(runPresetImport(wh, { shop, preset, path: other })).rejects.toThrow(
      /This is not a shopify-orders file: it lacks Name, Email/,
    );
  });
});
