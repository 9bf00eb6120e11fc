/** Datasets: pick catalogue measures and dimensions, preview the table, download it. No free SQL. */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useDataset, useDatasetCatalogue } from '../api/hooks';
import type { Definitions } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { blockedMeasures, measureGroups } from '../prepare/dataset-picks';
import { datasetPicks } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';

type Row = Record<string, string | number | null>;

export default function DatasetsPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const { measures, dimensions } = datasetPicks(params);
  const catalogue = useDatasetCatalogue(shop.slug);
  const body = useMemo(
    () => ({ ...analysisQuery(view, { compare: false }), measures, dimensions, limit: 200 }),
    [view, measures, dimensions],
  );
  const data = useDataset(shop.slug, body);
  const toggle = (key: 'm' | 'd', list: string[], value: string) =>
    update({ [key]: list.includes(value) ? list.filter((x) => x !== value) : [...list, value] });
  const c = catalogue.data;
  const blocked = blockedMeasures(c?.sides, dimensions);
  // Channels and devices by name; days, sources, campaigns and regions as they are; no value (page
  // views have no product category) as "(none)", as the traffic table says it.
  const dimensionValue = (dimension: string, v: string | number | null | undefined) =>
    v === '' ? '(none)' : typeof v === 'string' ? i18n.value(dimension, v) : String(v ?? '');
  return (
    <div className="grid">
      <Panel title={t('datasets.builder')} loading={catalogue.isLoading} error={catalogue.error} wide>
        <fieldset className="choices">
          <legend>{t('datasets.measures')}</legend>
          {measureGroups(c).map(({ group, names }) => (
            <fieldset key={group} className="choice-group" aria-label={t(`datasets.side.${group}` as MessageKey)}>
              <span className="choice-group-name">{t(`datasets.side.${group}` as MessageKey)}</span>
              <span className="choice-group-items">
                {names.map((name) => {
                  const d = c?.measures[name] as Definitions[string];
                  // A measure the chosen dimensions cannot split is not offered (one already ticked stays, and the preview says why).
                  const blocker = measures.includes(name) ? undefined : blocked.get(name);
                  return (
                    <label
                      key={name}
                      title={blocker ? t('datasets.notSplit').replace('{dimension}', i18n.code('property', blocker)) : d.definition}
                      className={blocker ? 'muted' : undefined}
                    >
                      <input
                        type="checkbox"
                        checked={measures.includes(name)}
                        disabled={blocker !== undefined}
                        onChange={() => toggle('m', measures, name)}
                      />{' '}
                      {i18n.metric(c?.measures, name)}
                    </label>
                  );
                })}
              </span>
            </fieldset>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>{t('datasets.dimensions')}</legend>
          {Object.entries(c?.dimensions ?? {}).map(([name, label]) => (
            <label key={name} title={label}>
              <input type="checkbox" checked={dimensions.includes(name)} onChange={() => toggle('d', dimensions, name)} />{' '}
              {i18n.code('property', name)}
            </label>
          ))}
        </fieldset>
      </Panel>
      <Panel
        id="dataset-preview"
        title={`${t('datasets.preview')} (${data.data?.total ?? 0})`}
        loading={data.isLoading}
        error={data.error}
        empty={(data.data?.rows.length ?? 0) === 0}
        wide
        actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/datasets`} body={{ ...body, limit: 100_000 }} />}
      >
        <Table<Row>
          rowKey={(r) => dimensions.map((d) => String(r[d])).join('|') || 'total'}
          rows={data.data?.rows ?? []}
          definitions={data.data?.definitions}
          columns={[
            ...dimensions.flatMap((d) => [
              { key: d, label: i18n.code('property', d), render: (r: Row) => dimensionValue(d, r[d]) },
              // A product is an id; its name comes beside it.
              ...(d === 'product'
                ? [{ key: 'product_name', label: i18n.code('property', 'product_name'), render: (r: Row) => String(r.product_name ?? '') }]
                : []),
            ]),
            ...measures.map((m) => ({
              key: m,
              numeric: true,
              render: (r: Row) => i18n.figure(data.data?.definitions[m]?.unit, r[m] as number | null, shop.currency),
            })),
          ]}
        />
      </Panel>
    </div>
  );
}
