/**
 * The home page's live rooms (直播间), for a shop that streams: each room's visitors, paying buyers
 * and payment amount on the diagnosed day or week beside the days the diagnosis compares with (the
 * same weekday last week, or the week before) — which room moved the day. The traffic analysis by
 * live room, asked for those days; a room's name opens its Overview for them (the live room filter), and
 * its review (直播复盘) opens the campaign review of those days for the room alone.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useFilterValues, useTraffic } from '../api/hooks';
import type { TrafficRow } from '../api/types';
import { canOpen } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { daysText } from '../prepare/marked-days';
import { analysisQuery, diagnosedDaysQuery } from '../state/view-state';

const inARoom = (r: TrafficRow) => r.value !== '';

export function LiveRoomsPanel({ from, to, compared }: { from: string; to: string; compared: { from: string; to: string } }) {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  // Asked only of a shop that has rooms (the top bar's suggestions, already fetched) and a user who may see traffic.
  const streams = (useFilterValues(shop.slug).data?.live_rooms.length ?? 0) > 0;
  const allowed = streams && canOpen(shop, 'traffic');
  const query = {
    ...analysisQuery(view, { compare: false }),
    from,
    to,
    by: 'live_room',
    compare_from: compared.from,
    compare_to: compared.to,
  };
  const res = useTraffic(shop.slug, query, allowed);
  if (!allowed) return null;
  const r = res.data;
  const rows = (r?.rows ?? []).filter(inARoom);
  const earlier = r?.comparison?.result.rows.filter(inARoom);
  const money = (v: number | null) => i18n.money(v, shop.currency);
  const overview = (room: string) => `/shops/${shop.slug}/overview?${diagnosedDaysQuery(params, from, to, { live_room: room })}`;
  // 直播复盘: the room's diagnosed days as a campaign — against its own usual days and the days after.
  const review = (room: string) => `/shops/${shop.slug}/campaign?${diagnosedDaysQuery(params, from, to, { live_room: room })}`;
  const reviewable = canOpen(shop, 'campaign');
  return (
    <Panel
      id="live-rooms"
      title={t('home.liveRooms')}
      loading={res.isLoading}
      error={res.error}
      empty={r !== undefined && rows.length === 0}
      emptyText={t('home.noLiveRooms')}
      wide
    >
      <Table<TrafficRow>
        rowKey={(x) => x.value}
        rows={rows}
        definitions={r?.definitions}
        columns={[
          { key: 'value', label: t('filter.live_room'), render: (x) => <Link to={overview(x.value)}>{x.value}</Link> },
          { key: 'visitors', definition: 'channel_visitors', numeric: true, render: (x) => i18n.number(x.visitors) },
          { key: 'pass_through_buyers', numeric: true, render: (x) => i18n.number(x.pass_through_buyers) },
          { key: 'last_touch_gmv', numeric: true, render: (x) => money(x.last_touch_gmv) },
          ...changeColumns(earlier, rows, (x) => x.value, [
            { metric: 'channel_visitors', label: t('common.visitors'), value: (x) => x.visitors, additive: true },
            {
              metric: 'last_touch_gmv',
              label: i18n.metric(r?.definitions, 'last_touch_gmv'),
              value: (x) => x.last_touch_gmv,
              additive: true,
            },
          ]),
          // Last: the step from a room's figures to its review.
          ...(reviewable
            ? [
                {
                  key: 'review',
                  label: t('home.liveRoomReview'),
                  render: (x: TrafficRow) => (
                    <Link to={review(x.value)} data-testid="live-room-review">
                      {t('marks.review')} →
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
      {r ? <p className="muted">{t('diagnosisProducts.against').replace('{days}', daysText(compared))}</p> : null}
    </Panel>
  );
}
