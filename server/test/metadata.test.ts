import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, ConflictError, NotFoundError } from '../src/errors.js';
import { ImportJobsRepo, type MetadataDb, migrateMetadata, SavedReportsRepo, ShopsRepo } from '../src/metadata/index.js';
import { metadataBackends } from './metadata-backends.js';

describe.each(metadataBackends)('metadata store on $name', (backend) => {
  let db: MetadataDb;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(async () => dispose());

  it('migrates idempotently', async () => {
    expect(await migrateMetadata(db)).toEqual([]);
  });

  it('creates, lists, updates and deletes shops', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Acme Trading');
    const shop = await shops.create({
      organizationId: org.id,
      slug: 'acme-tea',
      name: 'Acme Tea',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
    expect(shop).toMatchObject({ slug: 'acme-tea', currency: 'CNY', time_zone: 'Asia/Shanghai', organization_id: org.id });
    expect((await shops.list(org.id)).map((s) => s.slug)).toEqual(['acme-tea']);
    expect((await shops.findById(shop.id))?.slug).toBe('acme-tea');
    expect(await shops.findById(shop.id + 1000)).toBeUndefined();
    const updated = await shops.update('acme-tea', { timeZone: 'Europe/London', currency: 'GBP' });
    expect(updated).toMatchObject({ time_zone: 'Europe/London', currency: 'GBP', name: 'Acme Tea' });
    await shops.delete('acme-tea');
    await expect(shops.getBySlug('acme-tea')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses bad shop input with a message naming the field', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Beta');
    const base = { organizationId: org.id, slug: 'beta', name: 'Beta', currency: 'CNY', timeZone: 'Asia/Shanghai' };
    await expect(shops.create({ ...base, slug: 'Bad Slug!' })).rejects.toMatchObject({ field: 'slug' });
    await expect(shops.create({ ...base, currency: 'yuan' })).rejects.toMatchObject({ field: 'currency' });
    await expect(shops.create({ ...base, timeZone: 'Mars/Olympus' })).rejects.toBeInstanceOf(BadRequestError);
    await shops.create(base);
    await expect(shops.create(base)).rejects.toBeInstanceOf(ConflictError);
    await expect(shops.create({ ...base, slug: 'beta-2', organizationId: 999999 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records import jobs through their life cycle', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Gamma');
    const shop = await shops.create({
      organizationId: org.id,
      slug: 'gamma',
      name: 'Gamma',
      currency: 'USD',
      timeZone: 'America/New_York',
    });
    const jobs = new ImportJobsRepo(db);
    const job = await jobs.create({ shopId: shop.id, kind: 'events', source: 'events.csv', contentHash: 'abc' });
    expect(job.status).toBe('queued');
    await jobs.start(job.id);
    const counts = { rowsRead: 10, rowsLoaded: 7, rowsUpdated: 1, rowsDuplicate: 1, rowsRejected: 1 };
    const done = await jobs.finish(job.id, counts);
    expect(done).toMatchObject({ status: 'succeeded', rows_read: 10, rows_loaded: 7, rows_rejected: 1 });
    expect(done.finished_at).toBeInstanceOf(Date);
    expect((await jobs.findSucceededByHash(shop.id, 'abc'))?.id).toBe(job.id);
    expect(await jobs.list(shop.id)).toHaveLength(1);
    await expect(jobs.get(shop.id + 1, job.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('saves, updates and deletes reports with their parameters', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Delta');
    const shop = await shops.create({ organizationId: org.id, slug: 'delta', name: 'Delta', currency: 'EUR', timeZone: 'Europe/Berlin' });
    const reports = new SavedReportsRepo(db);
    const saved = await reports.create({
      shopId: shop.id,
      name: 'Checkout funnel',
      analysis: 'funnel',
      params: { steps: ['a', 'b'], window: 3600 },
    });
    expect((await reports.get(shop.id, saved.id)).params).toEqual({ steps: ['a', 'b'], window: 3600 });
    const renamed = await reports.update(shop.id, saved.id, { name: 'Funnel v2' });
    expect(renamed.name).toBe('Funnel v2');
    await reports.delete(shop.id, saved.id);
    expect(await reports.list(shop.id)).toEqual([]);
  });

  it('keeps an alert schedule’s condition and its skipped deliveries, and refuses other values', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Epsilon');
    const shop = await shops.create({
      organizationId: org.id,
      slug: 'epsilon',
      name: 'Epsilon',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
    const report = await new SavedReportsRepo(db).create({ shopId: shop.id, name: 'Check', analysis: 'diagnostics', params: {} });
    const schedule = {
      shop_id: shop.id,
      report_id: report.id,
      frequency: 'daily' as const,
      weekday: null,
      hour: 7,
      format: 'csv',
      destination: 'folder' as const,
      target: 'alerts',
    };
    const s = await db
      .insertInto('report_schedules')
      .values({ ...schedule, only_when: 'watch' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(s.only_when).toBe('watch');
    await expect(
      db
        .insertInto('report_schedules')
        .values({ ...schedule, only_when: 'sometimes' as 'watch' })
        .execute(),
    ).rejects.toThrow(/check/i);
    const delivery = { schedule_id: s.id, slot: new Date('2026-11-20T23:00:00Z'), note: 'no figure at watch or worse (8 normal)' };
    const d = await db
      .insertInto('report_deliveries')
      .values({ ...delivery, status: 'skipped' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(d).toMatchObject({ status: 'skipped', note: 'no figure at watch or worse (8 normal)' });
    await expect(
      db
        .insertInto('report_deliveries')
        .values({ ...delivery, status: 'lost' as 'skipped' })
        .execute(),
    ).rejects.toThrow(/check/i);
  });

  it('keeps an e-mailed schedule (migration 0009), and refuses a destination it does not know', async () => {
    const shops = new ShopsRepo(db);
    const org = await shops.createOrganization('Zeta');
    const shop = await shops.create({ organizationId: org.id, slug: 'zeta', name: 'Zeta', currency: 'CNY', timeZone: 'Asia/Shanghai' });
    const report = await new SavedReportsRepo(db).create({ shopId: shop.id, name: 'Daily', analysis: 'overview', params: {} });
    const schedule = { shop_id: shop.id, report_id: report.id, frequency: 'daily' as const, weekday: null, hour: 8, format: 'xlsx' };
    const s = await db
      .insertInto('report_schedules')
      .values({ ...schedule, destination: 'email', target: 'ops@zeta.example, boss@zeta.example' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ destination: 'email', target: 'ops@zeta.example, boss@zeta.example' });
    await expect(
      db
        .insertInto('report_schedules')
        .values({ ...schedule, destination: 'fax' as 'email', target: '+86 10 1234' })
        .execute(),
    ).rejects.toThrow(/check/i);
  });
});
