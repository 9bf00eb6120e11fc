/**
 * The dashboard names the codes the server speaks in. A code the server gains without a name
 * here would show raw on every page, so the lists are checked against the server's own.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../etl/src/channel-rules';
import { REFUND_REASONS } from '../../etl/src/import-schemas';
import { ORDER_STATUSES } from '../../etl/src/kinds/orders.kind';
import { DEVICES } from '../../fixtures/src/channels';
import { RFM_SEGMENTS } from '../../server/src/analyses/customers.analysis';
import { DATASET_DIMENSIONS } from '../../server/src/analyses/datasets/dataset.analysis';
import { TRAFFIC_DIMENSIONS } from '../../server/src/analyses/traffic.analysis';
import { CHANNEL_CODES, CODE_NAMES, codeName, DEVICE_CODES, valueKindOf, valueName } from '../src/i18n/code-names';

describe('code names', () => {
  it('name every channel the import classifies into, every device, RFM segment, order status and suggested refund reason, in both languages', () => {
    for (const [kind, codes] of [
      ['channel', CHANNELS],
      ['device', DEVICES],
      ['segment', RFM_SEGMENTS.map((s) => s.segment)],
      ['order_status', ORDER_STATUSES],
      ['refund_reason', REFUND_REASONS],
    ] as const) {
      for (const code of codes) {
        const names = CODE_NAMES[kind][code];
        expect(names?.en, `${kind} ${code}`).toMatch(/\S/);
        expect(names?.zh, `${kind} ${code}`).toMatch(/\S/);
        expect(names?.en).not.toBe(code);
      }
    }
  });

  it('name every dimension the traffic analysis and the dataset builder split by, and the days of the week', () => {
    for (const d of new Set([...Object.keys(TRAFFIC_DIMENSIONS), ...Object.keys(DATASET_DIMENSIONS)])) {
      expect(CODE_NAMES.property[d]?.en, d).toMatch(/\S/);
      expect(CODE_NAMES.property[d]?.zh, d).toMatch(/\S/);
    }
    expect(valueName('weekday', '1', 'en')).toBe('Monday');
    expect(valueName('weekday', '7', 'zh')).toBe('星期日');
  });

  it('list exactly the channels the import classifies into and the devices it knows, for the filters', () => {
    expect(CHANNEL_CODES).toEqual([...CHANNELS]);
    expect(DEVICE_CODES).toEqual([...DEVICES]);
  });

  it('name a refund without a reason, and keep a source’s own words', () => {
    expect(codeName('refund_reason', '', 'zh')).toBe('未填写');
    expect(codeName('refund_reason', '尺码偏小', 'en')).toBe('尺码偏小');
  });

  it('give a code without a name back as it is', () => {
    expect(codeName('channel', 'live_stream', 'zh')).toBe('直播');
    expect(codeName('event', 'wishlist_add', 'en')).toBe('wishlist_add');
  });

  it('know which properties hold channel or device codes', () => {
    expect(valueKindOf('channel')).toBe('channel');
    expect(valueKindOf('person.first_channel')).toBe('channel');
    expect(valueKindOf('device')).toBe('device');
    expect(valueKindOf('region')).toBeUndefined();
    expect(valueKindOf(undefined)).toBeUndefined();
  });

  it('name a value by its property: channel codes under any channel property, other values as they are', () => {
    expect(valueName('first_channel', 'live_stream', 'en')).toBe('Live stream');
    expect(valueName('device', 'mini_program', 'zh')).toBe('小程序');
    expect(valueName('region', 'live_stream', 'en')).toBe('live_stream');
  });
});
