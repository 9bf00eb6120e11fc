/**
 * Who bought the picked product over the range: its known buyers, largest amount first, a page at a
 * time (the download holds them all) — the audience for a follow-up offer. Each id opens that
 * customer's profile on the Customers page.
 */
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { useProductBuyers } from '../api/hooks';
import type { ProductBuyersResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { CODE_NAMES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import { analysisQuery, profileLink } from '../state/view-state';

const PAGE = 20;
/** The RFM segments a buyer can be in (not the movement's "none" or the catch-all "other"). */
const SEGMENTS = Object.keys(CODE_NAMES.segment).filter((s) => s !== 'none' && s !== 'other');
type Buyer = ProductBuyersResult['buyers'][number];

export function ProductBuyersPanel({ product, name }: { product: string | null; name: string | null }) {
  const { shop, view, update } = useShop();
  const [search] = useSearchParams();
  // `segment` in the URL, so a saved view of this list keeps it (the products page has no other segment).
  const segment = search.get('segment');
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const query = { ...analysisQuery(view, { compare: false, category: false }), segment: segment ?? undefined };
  const res = useProductBuyers(shop.slug, product, { ...query, limit: String(PAGE) });
  const r = res.data;
  return (
    <Panel
      id="product-buyers"
      title={product ? `${t('products.buyers')} · ${name || product}${r ? ` (${i18n.number(r.total)})` : ''}` : t('products.buyers')}
      loading={res.isLoading && Boolean(product)}
      error={res.error}
      empty={!product || (r?.buyers.length ?? 0) === 0}
      emptyText={product ? undefined : t('products.pick')}
      wide
      actions={
        product ? (
          <span className="builder panel-form">
            <select
              aria-label={t('products.buyersSegment')}
              value={segment ?? ''}
              onChange={(e) => update({ segment: e.target.value || null })}
            >
              <option value="">{t('products.anySegment')}</option>
              {SEGMENTS.map((s) => (
                <option key={s} value={s}>
                  {i18n.code('segment', s)}
                </option>
              ))}
            </select>
            <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/products/${encodeURIComponent(product)}/buyers`} query={query} />
          </span>
        ) : undefined
      }
    >
      {r && r.guest_orders > 0 ? <p className="muted">{t('products.guestOrders').replace('{n}', i18n.number(r.guest_orders))}</p> : null}
      <Table<Buyer>
        rowKey={(b) => b.customer_id}
        rows={r?.buyers ?? []}
        definitions={r?.definitions}
        columns={[
          {
            key: 'customer_id',
            label: t('customers.id'),
            render: (b) => <Link to={profileLink(shop.slug, location.search, b.customer_id)}>{b.customer_id}</Link>,
          },
          { key: 'rfm_segment', render: (b) => i18n.code('segment', b.segment) },
          { key: 'product_buyer_orders', numeric: true, render: (b) => i18n.number(b.orders) },
          { key: 'product_buyer_units', numeric: true, render: (b) => i18n.number(b.units) },
          { key: 'product_buyer_amount', numeric: true, render: (b) => i18n.money(b.amount, shop.currency) },
          { key: 'last', label: t('products.lastBought'), render: (b) => b.last_bought_day },
        ]}
      />
      {r && r.total > r.buyers.length ? (
        <p className="muted">
          {t('products.moreBuyers').replace('{shown}', i18n.number(r.buyers.length)).replace('{total}', i18n.number(r.total))}
        </p>
      ) : null}
    </Panel>
  );
}
