/** The link from a list on another page to one customer's profile: range and filters kept, the list's own choices dropped. */
import { describe, expect, it } from 'vitest';
import { profileLink } from '../src/state/view-state';

describe('profileLink', () => {
  it('keeps the range and filters, drops the listing page’s choices, and names the customer', () => {
    const from =
      '?range=custom&from=2026-10-01&to=2026-10-31&channel=search&channel=ads&product=P1&segment=champions&refunds_by=product&page=2';
    const url = new URL(profileLink('lotus-tea', from, 'C 7'), 'http://x');
    expect(url.pathname).toBe('/shops/lotus-tea/customers');
    expect([...url.searchParams]).toEqual([
      ['range', 'custom'],
      ['from', '2026-10-01'],
      ['to', '2026-10-31'],
      ['channel', 'search'],
      ['channel', 'ads'],
      ['profile', 'C 7'],
    ]);
  });
});
