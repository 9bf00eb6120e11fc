/**
 * Marked days (活动标注) of the range shown: what the shop's days are known for — a promotion, a
 * live stream, an outage — listed beside the charts that shade them, with a form to mark days,
 * change a mark or remove it. Every member sees the marks; those who may run analyses
 * (analyses.read) write them and get each mark's campaign review (活动复盘) a click away.
 */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { type MarkFields, useWriteAnnotation } from '../api/hooks';
import type { MarkedDays } from '../api/types';
import { can } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { MARK_KINDS } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import { daysText } from '../prepare/marked-days';

interface Props {
  marks: MarkedDays[] | undefined;
  loading: boolean;
  error: unknown;
  /** The range shown: a new mark starts as its last day. */
  to: string;
}

export function MarkedDaysPanel({ marks, loading, error, to }: Props) {
  const { shop } = useShop();
  const { t, code } = useI18n();
  const write = useWriteAnnotation(shop.slug);
  const blank: MarkFields = { from: to, to, title: '', kind: 'promotion', note: null };
  const [fields, setFields] = useState<MarkFields>(blank);
  const [editing, setEditing] = useState<number | null>(null);
  const canWrite = can(shop, 'analyses.read');
  const set = (change: Partial<MarkFields>) => setFields((f) => ({ ...f, ...change }));
  const reset = () => {
    setEditing(null);
    setFields(blank);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.mutate({ id: editing ?? undefined, fields: { ...fields, note: fields.note?.trim() || null } }, { onSuccess: reset });
  };
  const edit = (m: MarkedDays) => {
    setEditing(m.id);
    setFields({ from: m.from, to: m.to, title: m.title, kind: m.kind, note: m.note });
  };
  return (
    <Panel id="marked-days" title={t('marks.title')} loading={loading} error={error} wide>
      {marks?.length ? (
        <Table<MarkedDays>
          rowKey={(m) => String(m.id)}
          rows={marks}
          selected={editing === null ? null : String(editing)}
          columns={[
            { key: 'days', label: t('marks.days'), render: daysText },
            { key: 'kind', label: t('marks.kind'), render: (m) => code('mark_kind', m.kind) },
            {
              key: 'title',
              label: t('marks.what'),
              wrap: true,
              render: (m) => (
                <>
                  {m.title}
                  {m.note ? <div className="muted">{m.note}</div> : null}
                </>
              ),
            },
            { key: 'by', label: t('marks.by'), render: (m) => m.created_by?.name ?? '—' },
            ...(canWrite
              ? [
                  {
                    key: 'actions',
                    label: '',
                    render: (m: MarkedDays) => (
                      <span className="presets">
                        {/* The campaign review of the mark's days (活动复盘): the range becomes its days. */}
                        <Link to={`/shops/${shop.slug}/campaign?range=custom&from=${m.from}&to=${m.to}`}>{t('marks.review')}</Link>
                        <button type="button" className="link" onClick={() => edit(m)}>
                          {t('marks.edit')}
                        </button>
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            // The form leaves a mark it was changing once that mark is gone.
                            if (editing === m.id) reset();
                            write.mutate({ id: m.id, remove: true });
                          }}
                        >
                          {t('marks.remove')}
                        </button>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : marks ? (
        <p className="muted">{t('marks.none')}</p>
      ) : null}
      {canWrite ? (
        <form className="builder panel-form" aria-label={t('marks.add')} onSubmit={submit}>
          <label>
            {t('marks.from')} <input type="date" required value={fields.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            {t('marks.to')} <input type="date" required value={fields.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <select aria-label={t('marks.kind')} value={fields.kind} onChange={(e) => set({ kind: e.target.value as MarkFields['kind'] })}>
            {MARK_KINDS.map((k) => (
              <option key={k} value={k}>
                {code('mark_kind', k)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('marks.what')}
            placeholder={t('marks.titleHint')}
            required
            maxLength={120}
            value={fields.title}
            onChange={(e) => set({ title: e.target.value })}
          />
          <input
            aria-label={t('marks.note')}
            placeholder={t('marks.note')}
            maxLength={2000}
            value={fields.note ?? ''}
            onChange={(e) => set({ note: e.target.value })}
          />
          <button type="submit" disabled={write.isPending}>
            {editing === null ? t('marks.add') : t('marks.save')}
          </button>
          {editing !== null ? (
            <button type="button" className="link" onClick={reset}>
              {t('marks.cancel')}
            </button>
          ) : null}
          {write.error ? (
            <span className="state-error" role="alert">
              {(write.error as Error).message}
            </span>
          ) : null}
        </form>
      ) : null}
    </Panel>
  );
}
