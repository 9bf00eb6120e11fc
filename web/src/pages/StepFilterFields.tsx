/**
 * One condition on a funnel step's events: a property, how it is compared and a value — e.g.
 * channel is not search, campaign contains "double11", search term is set. Channels and devices are
 * a fixed set of codes, chosen by name; other properties are typed.
 */
import { CHANNEL_CODES, DEVICE_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';

export const STEP_FILTERS = ['channel', 'device', 'region', 'category', 'product_id', 'campaign', 'search_term'];
/** The values a step filter can take when they are a fixed set of codes (chosen by name, not typed). */
const FILTER_VALUES: Record<string, string[]> = { channel: CHANNEL_CODES, device: DEVICE_CODES };
/** Codes are or are not one value; text may also contain it, or be set at all. */
const CODE_OPERATORS = ['eq', 'neq'] as const;
const TEXT_OPERATORS = ['eq', 'neq', 'contains', 'not_contains', 'is_set', 'is_not_set'] as const;
export type StepOperator = (typeof TEXT_OPERATORS)[number];
export interface StepFilter {
  property: string;
  operator: StepOperator;
  value?: string;
}
const needsValue = (operator: StepOperator) => operator !== 'is_set' && operator !== 'is_not_set';

/** A condition on a property, compared as asked; the value kept only where the comparison takes one. */
export function stepFilter(property: string, operator: StepOperator = 'eq', value = FILTER_VALUES[property]?.[0] ?? ''): StepFilter {
  return { property, operator, ...(needsValue(operator) ? { value } : {}) };
}

export function StepFilterFields({
  step,
  condition,
  filter,
  onChange,
}: {
  /** The step's position (0-based) and the condition's among its conditions: they name the fields. */
  step: number;
  condition: number;
  filter: StepFilter | null;
  /** The changed condition, or null when its property is set back to "any". */
  onChange: (filter: StepFilter | null) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  // The first condition's fields keep the names they always had ("step 1 filter"); later ones are numbered.
  const label = (what: string) => `step ${step + 1} ${what}${condition > 0 ? ` ${condition + 1}` : ''}`;
  const codes = filter ? FILTER_VALUES[filter.property] : undefined;
  return (
    <>
      <select
        aria-label={label('filter')}
        value={filter?.property ?? ''}
        onChange={(e) => onChange(e.target.value ? stepFilter(e.target.value) : null)}
      >
        <option value="">{t('funnel.anyProperty')}</option>
        {STEP_FILTERS.map((p) => (
          <option key={p} value={p}>
            {i18n.code('property', p)}
          </option>
        ))}
      </select>
      {filter ? (
        <select
          aria-label={label('operator')}
          value={filter.operator}
          onChange={(e) => onChange(stepFilter(filter.property, e.target.value as StepOperator, filter.value ?? codes?.[0] ?? ''))}
        >
          {(codes ? CODE_OPERATORS : TEXT_OPERATORS).map((o) => (
            <option key={o} value={o}>
              {t(`funnel.op.${o}`)}
            </option>
          ))}
        </select>
      ) : null}
      {!filter || !needsValue(filter.operator) ? null : codes ? (
        <select
          aria-label={label('value')}
          value={filter.value}
          onChange={(e) => onChange(stepFilter(filter.property, filter.operator, e.target.value))}
        >
          {codes.map((v) => (
            <option key={v} value={v}>
              {i18n.value(filter.property, v)}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label={label('value')}
          className="short"
          value={filter.value ?? ''}
          onChange={(e) => onChange(stepFilter(filter.property, filter.operator, e.target.value))}
        />
      )}
    </>
  );
}
