/** A scheduled report's filters in words, for its message: none for the whole shop, else each in turn. */
import { describe, expect, it } from 'vitest';
import { filtersNote } from '../src/reports/filters-note.js';

describe('filtersNote', () => {
  it('says nothing for a report of the whole shop, whatever else it holds', () => {
    expect(filtersNote({})).toBeUndefined();
    expect(filtersNote({ by: 'channel', table: 'rows', customer: 'all', channel: [], region: '' })).toBeUndefined();
  });

  it('names each filter with its values, a single value as a list of one, customers last', () => {
    expect(
      filtersNote({ live_room: ['morning', 'evening'], channel: 'search', customer: 'returning', category: ["Kids' toys (3+)"] }),
    ).toBe(
      "Only channel search; live room morning, evening; category Kids' toys (3+); returning customers: every figure counts those rows alone, as if the shop had nothing else.",
    );
  });
});
