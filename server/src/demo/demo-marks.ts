/**
 * The demo's sale days as marked days: the generator's calendar lifts traffic and conversion on
 * platform promotion days (fixtures/src/calendar.ts), and a merchant would have marked them, so
 * the demo's charts shade its spikes and its diagnosis names them. Idempotent: a resumed load
 * marks a day once.
 */
import { promoFor } from '@storelens/fixtures';
import { addDays } from '../analyses/local-time.js';
import { AnnotationsRepo, type MetadataDb, type Shop } from '../metadata/index.js';

const TITLES: Record<string, string> = {
  double_11: 'Double 11 (双11)',
  double_12: 'Double 12 (双12)',
  '618': '618 mid-year sale',
  womens_day: 'Women’s Day (3.8)',
  black_friday: 'Black Friday',
  cyber_monday: 'Cyber Monday',
  summer_sale: 'Summer sale',
};

export async function markPromotionDays(db: MetadataDb, shop: Shop, from: string, to: string): Promise<number> {
  const repo = new AnnotationsRepo(db);
  const marked = new Set((await repo.list(shop.id, { from, to })).map((m) => `${m.from} ${m.title}`));
  let made = 0;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const promo = promoFor(shop.currency, day);
    if (!promo) continue;
    const title = TITLES[promo.name] ?? promo.name;
    if (marked.has(`${day} ${title}`)) continue;
    await repo.create(shop.id, {
      from: day,
      to: day,
      title,
      kind: 'promotion',
      note: 'Platform sale day: the demo’s calendar lifts traffic and conversion.',
    });
    made++;
  }
  return made;
}
