/** A filtered result's file name: whose rows it holds, in ASCII, short. */
import { describe, expect, it } from 'vitest';
import { filtersSlug } from '../src/exports/filters-slug.js';

describe('filtersSlug', () => {
  it('is empty for the whole shop', () => {
    expect(filtersSlug(undefined)).toBe('');
    expect(filtersSlug({})).toBe('');
    expect(filtersSlug({ channels: [], customer: 'all' })).toBe('');
  });

  it('names each filter and its values, other characters as "_", at most 60 long', () => {
    expect(filtersSlug({ channels: ['search', 'ads'], liveRooms: ['evening'], customer: 'new' })).toBe(
      '-only-channel-search+ads-live_room-evening-new_customers',
    );
    // A province and a category as merchants write them: still a file name.
    expect(filtersSlug({ regions: ['浙江'], categories: ["Kids' toys (3+)"] })).toBe('-only-region-_-category-Kids_toys_3+_');
    expect(filtersSlug({ categories: ['x'.repeat(100)] }).length).toBe(60);
  });
});
