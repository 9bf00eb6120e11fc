/** The words of a diagnosis, in English and Chinese. Numbers are formatted by the caller. */

export const CHANNEL_NAMES: Record<string, { en: string; zh: string }> = {
  search: { en: 'search', zh: '搜索' },
  recommendation: { en: 'recommendation', zh: '推荐' },
  live_stream: { en: 'live-stream', zh: '直播' },
  social_share: { en: 'social-share', zh: '社交分享' },
  ads: { en: 'ads', zh: '广告' },
  direct: { en: 'direct', zh: '直接访问' },
  email_sms: { en: 'email/SMS', zh: '短信/邮件' },
  other: { en: 'other', zh: '其他' },
};

/** The suggested refund reasons as a sentence names them (the dashboard has its own, title-cased). */
export const REFUND_REASON_NAMES: Record<string, { en: string; zh: string }> = {
  changed_mind: { en: 'changed mind', zh: '不想要了' },
  not_as_described: { en: 'not as described', zh: '与描述不符' },
  quality: { en: 'quality problem', zh: '质量问题' },
  wrong_size: { en: 'wrong size', zh: '尺码不合适' },
  damaged: { en: 'damaged in delivery', zh: '商品破损' },
  wrong_item: { en: 'wrong item sent', zh: '发错货' },
  late_delivery: { en: 'late delivery', zh: '未按约定时间发货' },
  other: { en: 'other', zh: '其他' },
};

export const segmentName = (segment: string, by: 'channel' | 'category') =>
  by === 'channel'
    ? (CHANNEL_NAMES[segment] ?? { en: segment || '(none)', zh: segment || '(无)' })
    : { en: `category ${segment || '(none)'}`, zh: `类目${segment || '(无)'}` };

export const COMPARED = {
  same_weekday_last_week: { en: 'the same day last week', zh: '上周同日' },
  previous_day: { en: 'the day before', zh: '前一日' },
  previous_week: { en: 'the week before', zh: '上一周' },
} as const;

export const METRIC_NAMES = {
  gmv: { en: 'Payment amount', zh: '支付金额' },
  uv: { en: 'Visitors', zh: '访客数' },
  buyers: { en: 'Paying buyers', zh: '支付买家数' },
  conversion: { en: 'Payment conversion', zh: '支付转化率' },
  aov: { en: 'Spend per buyer', zh: '客单价' },
  paid_orders: { en: 'Paid orders', zh: '支付订单数' },
  refund_rate: { en: 'Refund rate', zh: '退款率' },
  view_to_cart: { en: 'View-to-cart conversion', zh: '浏览-加购转化率' },
  cart_to_checkout: { en: 'Cart-to-checkout conversion', zh: '加购-下单转化率' },
  checkout_to_pay: { en: 'Checkout-to-payment conversion', zh: '下单-支付转化率' },
  discount_rate: { en: 'Discount rate', zh: '优惠率' },
} as const;

export const pct = (x: number) => `${(Math.abs(x) * 100).toFixed(1)}%`;
export const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
export const rose = (up: boolean) => ({ en: up ? 'rose' : 'fell', zh: up ? '上升' : '下降' });
