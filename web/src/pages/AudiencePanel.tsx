/**
 * The audience builder on the Customers page (人群圈选): conditions on what customers bought, spent,
 * viewed and carted, their segment and first channel — started from a ready-made audience or built
 * up — then how many match, by segment, what they spend, and who they are, a page at a time; the
 * whole list downloads for the campaign that acts on them, and the audience saves as a report (a
 * schedule delivers its customers of the week). The conditions live in the URL (`audience`), so a
 * link or a saved report reopens them.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { useAudience, useFilterValues } from '../api/hooks';
import type { AudienceCondition, AudienceCustomer, AudienceResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { MetricLabel } from '../components/MetricLabel';
import { Pager } from '../components/Pager';
import { Panel } from '../components/Panel';
import { SavePanelButton } from '../components/SavePanelButton';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { AUDIENCE_MAX_CONDITIONS, AUDIENCE_TEMPLATES, conditionOn, incomplete, parseAudience } from '../prepare/audience';
import { AudienceConditionFields } from './AudienceConditionFields';

const PAGE = 50;
type SegmentRow = AudienceResult['by_segment'][number];

/** The audience's figures as cards: each with its written definition. */
const FIGURES = [
  { key: 'audience_customers', field: 'customers', unit: 'count' },
  { key: 'audience_share', field: 'share', unit: 'ratio' },
  { key: 'audience_buyers', field: 'buyers', unit: 'count' },
  { key: 'audience_spend', field: 'spend', unit: 'money' },
  { key: 'audience_spend_ever', field: 'spend_ever', unit: 'money' },
] as const;
/** What the audience did in the days after the range, when followed. */
const FOLLOW_FIGURES = [
  { key: 'audience_after_buyers', field: 'buyers', unit: 'count' },
  { key: 'audience_after_rate', field: 'rate', unit: 'ratio' },
  { key: 'audience_after_orders', field: 'orders', unit: 'count' },
  { key: 'audience_after_spend', field: 'spend', unit: 'money' },
] as const;
const FOLLOW_MAX_DAYS = 90;

export function AudiencePanel({ onCustomer }: { onCustomer: (id: string) => void }) {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const asked = useMemo(() => parseAudience(params.get('audience')), [params]);
  const page = Number(params.get('apage') ?? 0) || 0;
  // Followed for these days after the range (who came back after a campaign), when asked.
  const followed = Number(params.get('follow_days') ?? 0);
  const followDays = Number.isInteger(followed) && followed >= 1 && followed <= FOLLOW_MAX_DAYS ? followed : null;
  const [followDraft, setFollowDraft] = useState(followDays ? String(followDays) : '');
  const [draft, setDraft] = useState<AudienceCondition[]>(asked.length ? asked : (AUDIENCE_TEMPLATES[0]?.conditions ?? []));
  // A link or a saved report opened while the page is open: its conditions replace the draft.
  const askedText = params.get('audience');
  useEffect(() => {
    const fromUrl = parseAudience(askedText);
    if (fromUrl.length) setDraft(fromUrl);
  }, [askedText]);
  // Opened from a link to the builder (a diagnosis finding's audience): brought into view.
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#audience') document.getElementById('audience')?.scrollIntoView({ block: 'start' });
  }, [hash]);
  const known = useFilterValues(shop.slug).data;
  const suggestions = { categories: known?.categories ?? [], regions: known?.regions ?? [] };
  const range = { from: view.from, to: view.to };
  const body = asked.length ? { ...range, conditions: asked, ...(followDays ? { follow_days: followDays } : {}) } : null;
  const res = useAudience(shop.slug, body ? { ...body, limit: PAGE, offset: page * PAGE } : null);
  // While another audience loads, the one kept from before is not shown under the new conditions.
  const r = res.isPlaceholderData ? undefined : res.data;
  const ask = (conditions: AudienceCondition[], e?: FormEvent) => {
    e?.preventDefault();
    const days = Number(followDraft);
    const follow = Number.isInteger(days) && days >= 1 && days <= FOLLOW_MAX_DAYS ? String(days) : null;
    update({ audience: JSON.stringify(conditions), apage: null, follow_days: follow });
  };
  const filtered = Object.values(view.filters).some((v) => (Array.isArray(v) ? v.length > 0 : v !== 'all'));
  const total = r?.customers ?? 0;
  return (
    <Panel
      id="audience"
      title={`${t('audience.title')}${r ? ` (${i18n.number(total)})` : ''}`}
      loading={Boolean(body) && (res.isLoading || res.isPlaceholderData)}
      error={res.error}
      wide
      actions={
        body ? (
          <span className="builder panel-form">
            <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/audience`} body={body} table="customers" />
            <SavePanelButton
              analysis="audience"
              params={{ conditions: asked, ...(followDays ? { follow_days: followDays } : {}) }}
              testId="save-audience"
            />
          </span>
        ) : undefined
      }
    >
      <form className="builder" onSubmit={(e) => ask(draft, e)} data-testid="audience-builder">
        <span className="muted">{t('audience.start')}</span>{' '}
        {AUDIENCE_TEMPLATES.map((tpl) => (
          <button
            key={tpl.id}
            type="button"
            className="link"
            data-testid={`audience-template-${tpl.id}`}
            onClick={() => {
              setDraft(tpl.conditions);
              ask(tpl.conditions);
            }}
          >
            {t(`audience.template.${tpl.id}`)}
          </button>
        ))}
        <fieldset>
          <legend>{t('audience.conditions')}</legend>
          {draft.map((c, i) => (
            <AudienceConditionFields
              // biome-ignore lint/suspicious/noArrayIndexKey: a condition is its position; a new field starts its value afresh.
              key={`${i}-${c.field}`}
              index={i}
              condition={c}
              suggestions={suggestions}
              onChange={(changed) => setDraft(draft.map((x, k) => (k === i ? changed : x)))}
              onRemove={draft.length > 1 ? () => setDraft(draft.filter((_, k) => k !== i)) : undefined}
            />
          ))}
          {draft.length < AUDIENCE_MAX_CONDITIONS ? (
            <button
              type="button"
              className="link"
              aria-label="add condition"
              onClick={() => setDraft([...draft, conditionOn('orders_ever')])}
            >
              + {t('audience.and')}
            </button>
          ) : null}
        </fieldset>
        <label>
          {t('audience.follow')}{' '}
          <input
            className="short"
            type="number"
            min={1}
            max={FOLLOW_MAX_DAYS}
            aria-label="follow days"
            placeholder="–"
            value={followDraft}
            onChange={(e) => setFollowDraft(e.target.value)}
          />{' '}
          {t('audience.followDays')}
        </label>
        <button type="submit" disabled={incomplete(draft)}>
          {t('audience.find')}
        </button>
      </form>
      <p className="muted">
        {t('audience.note').replaceAll('{from}', view.from).replaceAll('{to}', view.to)}
        {filtered ? ` ${t('audience.noFilters')}` : ''}
      </p>
      {r ? (
        <>
          <FigureCards
            testId="audience-figures"
            cards={FIGURES.map(({ key, field, unit }) => ({ key, unit, value: r[field] }))}
            definitions={r.definitions}
          />
          {r.followed ? (
            <>
              <p className="muted" data-testid="audience-followed">
                {t('audience.followed').replace('{from}', r.followed.from).replace('{to}', r.followed.to)}
                {r.followed.days_passed < r.followed.days
                  ? ` ${t('audience.followRunning').replace('{passed}', String(r.followed.days_passed)).replace('{days}', String(r.followed.days))}`
                  : ''}
              </p>
              <FigureCards
                testId="audience-follow-figures"
                cards={FOLLOW_FIGURES.map(({ key, field, unit }) => ({ key, unit, value: r.followed?.[field] ?? null }))}
                definitions={r.definitions}
              />
            </>
          ) : null}
          {r.by_segment.length ? (
            <div data-testid="audience-segments">
              <Table<SegmentRow>
                rowKey={(s) => s.segment}
                rows={r.by_segment}
                definitions={r.definitions}
                columns={[
                  { key: 'rfm_segment', render: (s) => i18n.code('segment', s.segment) },
                  { key: 'audience_customers', numeric: true, render: (s) => i18n.number(s.customers) },
                  { key: 'audience_spend', numeric: true, render: (s) => i18n.money(s.spend, shop.currency) },
                  { key: 'audience_spend_ever', numeric: true, render: (s) => i18n.money(s.spend_ever, shop.currency) },
                ]}
              />
            </div>
          ) : (
            <p className="muted">{t('audience.empty')}</p>
          )}
          {r.list.length ? (
            <div data-testid="audience-customers">
              <Table<AudienceCustomer>
                rowKey={(c) => c.customer_id}
                rows={r.list}
                definitions={r.definitions}
                columns={[
                  {
                    key: 'customer_id',
                    label: t('customers.id'),
                    render: (c) => (
                      <button type="button" className="link" onClick={() => onCustomer(c.customer_id)}>
                        {c.customer_id}
                      </button>
                    ),
                  },
                  { key: 'rfm_segment', render: (c) => i18n.code('segment', c.segment) },
                  { key: 'audience_customer_orders', numeric: true, render: (c) => i18n.number(c.orders) },
                  { key: 'audience_customer_spend', numeric: true, render: (c) => i18n.money(c.spend, shop.currency) },
                  // To date, beside the range's: named so, with the customer lists' definitions.
                  {
                    key: 'orders_ever',
                    definition: 'customer_orders',
                    label: t('audience.field.orders_ever'),
                    numeric: true,
                    render: (c) => i18n.number(c.orders_ever),
                  },
                  {
                    key: 'spend_ever',
                    definition: 'customer_spend',
                    label: t('audience.field.spend_ever'),
                    numeric: true,
                    render: (c) => i18n.money(c.spend_ever, shop.currency),
                  },
                  {
                    key: 'customer_recency_days',
                    numeric: true,
                    render: (c) => (c.days_since_order === null ? '–' : i18n.number(c.days_since_order)),
                  },
                  { key: 'customer_last_paid_day', render: (c) => c.last_paid_day ?? '–' },
                  { key: 'audience_first_channel', render: (c) => (c.first_channel ? i18n.code('channel', c.first_channel) : '–') },
                  ...(r.followed
                    ? [
                        { key: 'audience_after_orders', numeric: true, render: (c: AudienceCustomer) => i18n.number(c.orders_after ?? 0) },
                        {
                          key: 'audience_after_spend',
                          numeric: true,
                          render: (c: AudienceCustomer) => i18n.money(c.spend_after ?? 0, shop.currency),
                        },
                      ]
                    : []),
                ]}
              />
            </div>
          ) : null}
          <Pager page={page} size={PAGE} total={total} onPage={(p) => update({ apage: p > 0 ? String(p) : null })} />
        </>
      ) : null}
    </Panel>
  );
}

/** Figure cards, each under its metric's label and definition. */
function FigureCards({
  testId,
  cards,
  definitions,
}: {
  testId: string;
  cards: Array<{ key: string; unit: string; value: number | null }>;
  definitions: AudienceResult['definitions'];
}) {
  const { shop } = useShop();
  const i18n = useI18n();
  return (
    <div className="kpis kpis-money figure-cards" data-testid={testId}>
      {cards.map(({ key, unit, value }) => (
        <div className="kpi" key={key} data-metric={key}>
          <span className="kpi-label">
            <MetricLabel name={key} definitions={definitions} />
          </span>
          <span className="kpi-value">{i18n.figure(unit, value, shop.currency)}</span>
        </div>
      ))}
    </div>
  );
}
