/** "‹ Previous  51–100 / 2,661  Next ›" under a list served a page at a time; nothing when one page holds it all. */
import { useI18n } from '../i18n/i18n';

export function Pager({ page, size, total, onPage }: { page: number; size: number; total: number; onPage: (page: number) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (total <= size) return null;
  return (
    <div className="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        ‹ {t('customers.previous')}
      </button>{' '}
      <span className="muted">
        {i18n.number(page * size + 1)}–{i18n.number(Math.min(total, (page + 1) * size))} / {i18n.number(total)}
      </span>{' '}
      <button type="button" disabled={(page + 1) * size >= total} onClick={() => onPage(page + 1)}>
        {t('customers.next')} ›
      </button>
    </div>
  );
}
