/** Traffic attribution columns shared by events and orders. */
import { channelExpr } from '../channel-rules.js';
import type { RawField, StageColumn } from './kind-spec.js';

export function trafficColumns(raw: RawField): StageColumn[] {
  const str = (name: string, col = name): StageColumn => ({ name, type: 'String', expr: raw(col) });
  return [
    {
      name: 'channel',
      type: 'String',
      expr: channelExpr({
        channel: raw('channel'),
        source: raw('utm_source'),
        medium: raw('utm_medium'),
        referrer: raw('referrer'),
        liveRoom: raw('live_room_id'),
        sharer: raw('sharer_id'),
      }),
    },
    str('source', 'utm_source'),
    str('medium', 'utm_medium'),
    str('campaign', 'utm_campaign'),
    str('live_room_id'),
    str('sharer_id'),
  ];
}
