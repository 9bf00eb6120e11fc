/** The import history's mapping line, worked by hand. */
import { describe, expect, it } from 'vitest';
import { mappingColumns } from '../src/prepare/import-mapping';

describe('mappingColumns', () => {
  it('lists each schema column with the source column that fed it, in the recorded order', () => {
    expect(mappingColumns('{"kind":"events","columns":{"event":"action","ts":"event_time"}}')).toBe('event ← action, ts ← event_time');
  });
  it('is null without a mapping or with one it cannot read', () => {
    expect(mappingColumns(null)).toBeNull();
    expect(mappingColumns('{')).toBeNull();
    expect(mappingColumns('{"kind":"events"}')).toBeNull();
  });
});
