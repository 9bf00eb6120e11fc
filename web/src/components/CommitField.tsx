/**
 * A small text field a panel reads when it is left (or on Enter), not on every key: a panel's own
 * choice kept in the URL (the order values' bands and threshold, the product diagnosis's minimum of
 * visitors). It shows the URL's value again when that changes; an emptied field gives null.
 */
export function CommitField({
  label,
  value,
  width,
  numeric = false,
  onCommit,
}: {
  label: string;
  value: string;
  width: string;
  /** A whole number (a minimum): the browser's number field. Otherwise free text with a decimal keypad on phones. */
  numeric?: boolean;
  onCommit: (value: string | null) => void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type={numeric ? 'number' : 'text'}
        inputMode={numeric ? 'numeric' : 'decimal'}
        min={numeric ? 1 : undefined}
        aria-label={label}
        defaultValue={value}
        key={value}
        style={{ width }}
        onBlur={(e) => {
          const v = e.target.value.replace(/\s+/g, '');
          if (v !== value) onCommit(v === '' ? null : v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </label>
  );
}
