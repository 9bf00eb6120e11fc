/**
 * One condition of an audience: a field, how it compares and its value — a number for counts, days
 * and amounts; ticked names for RFM segments and channels; typed values (comma-separated) for
 * categories and regions, with the shop's known ones suggested, member levels and products.
 */
import { useState } from 'react';
import type { AudienceCondition } from '../api/types';
import { CHANNEL_CODES } from '../i18n/code-names';
import { useI18n } from '../i18n/i18n';
import { AUDIENCE_FIELD_KINDS, AUDIENCE_FIELD_LIST, type AudienceOperator, conditionOn, operatorsOf, valuesOf } from '../prepare/audience';

/** The segments a condition can name, "no order yet" last (the API's "none"). */
const SEGMENT_CODES = ['champions', 'loyal', 'new', 'potential', 'need_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost', 'none'];

const splitList = (text: string) =>
  text
    .split(/[,，]/)
    .map((v) => v.trim())
    .filter(Boolean);

export function AudienceConditionFields({
  index,
  condition,
  suggestions,
  onChange,
  onRemove,
}: {
  /** Its position (0-based): it names the fields. */
  index: number;
  condition: AudienceCondition;
  /** The shop's categories and regions, suggested while typing one. */
  suggestions: { categories: string[]; regions: string[] };
  onChange: (c: AudienceCondition) => void;
  onRemove?: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const label = (what: string) => `condition ${index + 1} ${what}`;
  const kind = AUDIENCE_FIELD_KINDS[condition.field];
  const values = valuesOf(condition);
  // Values the shop is known to have, suggested while typing (any other may still be typed).
  const listed = kind === 'categories' ? suggestions.categories : kind === 'regions' ? suggestions.regions : undefined;
  const toggle = (code: string, on: boolean) =>
    onChange({ ...condition, value: on ? [...values, code] : values.filter((v) => v !== code) });
  const ticks = (codes: string[], name: (code: string) => string) => (
    <fieldset className="ticks" aria-label={label('value')}>
      {codes.map((code) => (
        <label key={code}>
          <input type="checkbox" checked={values.includes(code)} onChange={(e) => toggle(code, e.target.checked)} /> {name(code)}
        </label>
      ))}
    </fieldset>
  );
  return (
    <span className="step" data-testid={`audience-condition-${index + 1}`}>
      <select
        aria-label={label('field')}
        // What the field counts, as its written definition says it.
        title={t(`audience.meaning.${condition.field}`)}
        value={condition.field}
        onChange={(e) => onChange(conditionOn(e.target.value as AudienceCondition['field']))}
      >
        {AUDIENCE_FIELD_LIST.map((f) => (
          <option key={f} value={f} title={t(`audience.meaning.${f}`)}>
            {t(`audience.field.${f}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={label('operator')}
        value={condition.operator}
        onChange={(e) => onChange({ ...condition, operator: e.target.value as AudienceOperator })}
      >
        {operatorsOf(condition.field).map((o) => (
          <option key={o} value={o}>
            {t(`audience.op.${o}`)}
          </option>
        ))}
      </select>
      {kind === 'segments' ? (
        ticks(SEGMENT_CODES, (s) => i18n.code('segment', s))
      ) : kind === 'channels' ? (
        ticks(CHANNEL_CODES, (c) => i18n.code('channel', c))
      ) : kind === 'categories' || kind === 'regions' || kind === 'texts' || kind === 'products' ? (
        <>
          <ListInput
            label={label('value')}
            placeholder={t('audience.listHint')}
            list={listed ? `audience-values-${index}` : undefined}
            values={values}
            onChange={(value) => onChange({ ...condition, value })}
          />
          {listed ? (
            <datalist id={`audience-values-${index}`}>
              {listed.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          ) : null}
        </>
      ) : (
        <input
          aria-label={label('value')}
          className="short"
          type="number"
          min={0}
          step={kind === 'money' ? 0.01 : 1}
          value={typeof condition.value === 'number' ? condition.value : ''}
          onChange={(e) => onChange({ ...condition, value: e.target.value === '' ? 0 : Number(e.target.value) })}
        />
      )}
      {onRemove ? (
        <button type="button" className="link" aria-label={label('remove')} onClick={onRemove}>
          ×
        </button>
      ) : null}
    </span>
  );
}

/**
 * Values typed as a list: the text stays as typed (a trailing comma, a half-typed id) while each
 * keystroke hands on the values it holds, so a search run straight from the field has them.
 */
function ListInput({
  label,
  placeholder,
  list,
  values,
  onChange,
}: {
  label: string;
  placeholder: string;
  list?: string;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const [text, setText] = useState(values.join(', '));
  return (
    <input
      aria-label={label}
      placeholder={placeholder}
      list={list}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}
