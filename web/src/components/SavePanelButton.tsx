/**
 * "☆ Save" on a panel whose analysis is not its page's own (the toolbar's "Save view" saves the
 * page's): the panel's view becomes a saved report, to reopen or schedule from Settings.
 */
import { useSaveReport } from '../api/hooks';
import { can } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { useI18n } from '../i18n/i18n';

export function SavePanelButton({ analysis, params, testId }: { analysis: string; params: Record<string, unknown>; testId: string }) {
  const { shop } = useShop();
  const { t } = useI18n();
  const save = useSaveReport(shop.slug);
  if (!can(shop, 'analyses.read')) return null;
  return (
    <button
      type="button"
      className="link"
      data-testid={testId}
      disabled={save.isPending}
      onClick={() => {
        const name = window.prompt(t('reports.saveName'));
        if (name?.trim()) save.mutate({ name: name.trim(), analysis, params });
      }}
    >
      {save.isSuccess ? `★ ${t('reports.savedPanel')}` : `☆ ${t('reports.savePanel')}`}
    </button>
  );
}
