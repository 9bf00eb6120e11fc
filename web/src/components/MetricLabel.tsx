/** A metric's name with its written definition (from the API) as a tooltip. */
import type { Definitions } from '../api/types';
import { useI18n } from '../i18n/i18n';

export function MetricLabel({
  name,
  definitions,
  fallback,
  label: own,
}: {
  name: string;
  definitions: Definitions | undefined;
  fallback?: string;
  /** Shown instead of the metric's label (a column that is one part of a metric, e.g. one step). */
  label?: string;
}) {
  const { metric } = useI18n();
  const d = definitions?.[name];
  const label = own ?? (d ? metric(definitions, name) : (fallback ?? name));
  return (
    <span className="metric-label" title={d?.definition ?? ''} data-definition={d ? name : undefined}>
      {label}
      {d ? (
        <span className="info" aria-hidden="true">
          {' '}
          ⓘ
        </span>
      ) : null}
    </span>
  );
}
