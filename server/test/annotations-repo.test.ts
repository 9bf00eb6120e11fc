/**
 * Marked days in the metadata store, on PGlite and (in CI) PostgreSQL: which marks touch a range
 * (worked out by hand from the marks' days), whole-mark checks on change, and one shop's marks
 * out of another's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnnotationsRepo, type MetadataDb, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import { metadataBackends } from './metadata-backends.js';

describe.each(metadataBackends)('marked days on $name', (backend) => {
  let db: MetadataDb;
  let dispose: () => Promise<void>;
  let repo: AnnotationsRepo;
  let shopA: number;
  let shopB: number;
  let userId: number;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Marks');
    shopA = (await shops.create({ organizationId: org.id, slug: 'mark-a', name: 'A', currency: 'CNY', timeZone: 'Asia/Shanghai' })).id;
    shopB = (await shops.create({ organizationId: org.id, slug: 'mark-b', name: 'B', currency: 'CNY', timeZone: 'Asia/Shanghai' })).id;
    userId = (await new UsersRepo(db).create({ email: 'marker@marks.test', displayName: 'Mei', password: 'a long password 1' })).id;
    repo = new AnnotationsRepo(db);
  });
  afterAll(async () => dispose());

  it('lists the marks touching a range, earliest first', async () => {
    const presale = await repo.create(
      shopA,
      { from: '2026-10-20', to: '2026-10-31', title: 'Double 11 presale', kind: 'promotion' },
      userId,
    );
    const live = await repo.create(shopA, {
      from: '2026-11-11',
      to: '2026-11-11',
      title: 'Live with Li',
      kind: 'live_stream',
      note: ' 20:00–23:00 ',
    });
    const outage = await repo.create(shopA, { from: '2026-11-03', to: '2026-11-04', title: 'Payment outage', kind: 'incident' });
    await repo.create(shopB, { from: '2026-11-01', to: '2026-11-30', title: 'B’s month', kind: 'other' });
    expect(presale).toMatchObject({ from: '2026-10-20', to: '2026-10-31', created_by: { id: userId, name: 'Mei' }, note: null });
    expect(live).toMatchObject({ created_by: null, note: '20:00–23:00' });
    const titles = async (from?: string, to?: string) => (await repo.list(shopA, { from, to })).map((m) => m.title);
    expect(await titles()).toEqual(['Double 11 presale', 'Payment outage', 'Live with Li']);
    // 31 Oct is the presale's last day; 4 Nov the outage's; 11 Nov the live's only day.
    expect(await titles('2026-10-31', '2026-11-03')).toEqual(['Double 11 presale', 'Payment outage']);
    expect(await titles('2026-11-01', '2026-11-02')).toEqual([]);
    expect(await titles('2026-11-04', undefined)).toEqual(['Payment outage', 'Live with Li']);
    expect(await titles(undefined, '2026-10-20')).toEqual(['Double 11 presale']);
    expect(await titles('2026-11-12', undefined)).toEqual([]);
    await repo.delete(shopA, outage.id);
    expect(await titles()).toEqual(['Double 11 presale', 'Live with Li']);
  });

  it('checks a changed mark whole and keeps what was not changed', async () => {
    const m = await repo.create(shopA, { from: '2026-06-01', to: '2026-06-18', title: '618', kind: 'promotion', note: 'site-wide' });
    const moved = await repo.update(shopA, m.id, { to: '2026-06-20', title: '618 and after' });
    expect(moved).toMatchObject({ from: '2026-06-01', to: '2026-06-20', title: '618 and after', kind: 'promotion', note: 'site-wide' });
    expect(moved.updated_at.getTime()).toBeGreaterThanOrEqual(m.updated_at.getTime());
    // A new first day after the kept last day is refused, and nothing changes.
    await expect(repo.update(shopA, m.id, { from: '2026-06-21' })).rejects.toThrow('from (2026-06-21) must not be after to (2026-06-20).');
    await expect(repo.update(shopA, m.id, { note: null })).resolves.toMatchObject({ note: null, to: '2026-06-20' });
    expect((await repo.get(shopA, m.id)).from).toBe('2026-06-01');
  });

  it('refuses what is not a mark', async () => {
    const bad = (input: Partial<Parameters<AnnotationsRepo['create']>[1]>) =>
      repo.create(shopA, { from: '2026-01-01', to: '2026-01-01', title: 'x', kind: 'other', ...input });
    await expect(bad({ from: '2026-02-30', to: '2026-03-01' })).rejects.toThrow(
      'from must be a calendar date YYYY-MM-DD, got "2026-02-30".',
    );
    await expect(bad({ from: '2026-01-02' })).rejects.toThrow('must not be after to');
    await expect(bad({ to: '2027-01-02' })).rejects.toThrow('A mark covers at most 366 days');
    await expect(bad({ to: '2027-01-01' })).resolves.toMatchObject({ to: '2027-01-01' });
    await expect(bad({ title: '   ' })).rejects.toThrow('title must not be empty');
    await expect(bad({ title: 'x'.repeat(121) })).rejects.toThrow('title is at most 120 characters');
  });

  it('keeps each shop’s marks to itself', async () => {
    const m = await repo.create(shopB, { from: '2026-02-01', to: '2026-02-01', title: 'B only', kind: 'ads' });
    await expect(repo.get(shopA, m.id)).rejects.toThrow(`No marked days ${m.id} in this shop.`);
    await expect(repo.update(shopA, m.id, { title: 'taken' })).rejects.toThrow('No marked days');
    await expect(repo.delete(shopA, m.id)).rejects.toThrow('No marked days');
    expect((await repo.get(shopB, m.id)).title).toBe('B only');
  });
});
