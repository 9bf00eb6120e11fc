/**
 * Names for the codes the API speaks in — channels, devices, event names, properties, analysis
 * options, checklist areas — in both languages. The API, exports, saved views and URLs keep the
 * codes (stable and machine-readable); the dashboard shows these names instead, and a code without
 * a name here (a merchant's own event, a value it has not met) as it is.
 */
import type { Locale } from './messages';

type Names = Record<string, { en: string; zh: string }>;

const CHANNEL: Names = {
  search: { en: 'Search', zh: '搜索' },
  recommendation: { en: 'Recommendation', zh: '推荐' },
  live_stream: { en: 'Live stream', zh: '直播' },
  social_share: { en: 'Social share', zh: '社交分享' },
  ads: { en: 'Ads', zh: '广告' },
  direct: { en: 'Direct', zh: '直接访问' },
  email_sms: { en: 'Email / SMS', zh: '邮件/短信' },
  other: { en: 'Other', zh: '其他' },
};

const DEVICE: Names = {
  mobile_app: { en: 'Mobile app', zh: '手机 App' },
  mobile_web: { en: 'Mobile web', zh: '手机网页' },
  mini_program: { en: 'Mini program', zh: '小程序' },
  desktop: { en: 'Desktop', zh: '电脑' },
};

const EVENT: Names = {
  page_view: { en: 'Page view', zh: '页面浏览' },
  product_view: { en: 'Product view', zh: '商品浏览' },
  search: { en: 'Search', zh: '搜索' },
  add_to_cart: { en: 'Add to cart', zh: '加购' },
  checkout_start: { en: 'Checkout', zh: '提交订单' },
  order_paid: { en: 'Order paid', zh: '支付成功' },
  coupon_claim: { en: 'Coupon claimed', zh: '领券' },
  follow: { en: 'Follow', zh: '关注店铺' },
  refund: { en: 'Refund', zh: '退款' },
};

const PROPERTY: Names = {
  day: { en: 'Day', zh: '日' },
  week: { en: 'Week', zh: '周' },
  month: { en: 'Month', zh: '月' },
  channel: { en: 'Channel', zh: '渠道' },
  source: { en: 'Source', zh: '来源' },
  medium: { en: 'Medium', zh: '媒介' },
  campaign: { en: 'Campaign', zh: '活动' },
  live_room: { en: 'Live room', zh: '直播间' },
  sharer: { en: 'Sharer', zh: '分享者' },
  device: { en: 'Device', zh: '设备' },
  region: { en: 'Region', zh: '地区' },
  hour: { en: 'Hour of day', zh: '时段' },
  weekday: { en: 'Day of week', zh: '星期' },
  category: { en: 'Category', zh: '类目' },
  product_id: { en: 'Product', zh: '商品' },
  product: { en: 'Product', zh: '商品' },
  product_name: { en: 'Product name', zh: '商品名称' },
  search_term: { en: 'Search term', zh: '搜索词' },
  refund_reason: { en: 'Refund reason', zh: '退款原因' },
  order_value: { en: 'Order value band', zh: '客单价区间' },
  'person.first_channel': { en: 'First channel (person)', zh: '首次渠道（人）' },
  'person.member_level': { en: 'Member level (person)', zh: '会员等级（人）' },
  'person.region': { en: 'Home region (person)', zh: '常驻地区（人）' },
  'person.signup_month': { en: 'Sign-up month (person)', zh: '注册月份（人）' },
};

const OPTION: Names = {
  first_purchase: { en: 'First purchase', zh: '首次购买' },
  first_visit: { en: 'First visit', zh: '首次访问' },
  purchase: { en: 'Purchase', zh: '购买' },
  visit: { en: 'Visit', zh: '访问' },
  day: { en: 'Day', zh: '日' },
  week: { en: 'Week', zh: '周' },
  month: { en: 'Month', zh: '月' },
  none: { en: 'No split', zh: '不拆分' },
  first_channel: { en: 'First channel', zh: '首次渠道' },
  first_live_room: { en: 'First order’s live room', zh: '首单直播间' },
  first_category: { en: 'First category', zh: '首购类目' },
  first_product: { en: 'First product', zh: '首购商品' },
  first_refund: { en: 'First order refunded', zh: '首单是否退款' },
  first_discount: { en: 'First order discounted', zh: '首单是否优惠' },
  first_value: { en: 'First order’s value', zh: '首单金额区间' },
  // The repurchase split's values: whether the first order came back, whether it was discounted.
  refunded: { en: 'Refunded', zh: '已退款' },
  kept: { en: 'Kept', zh: '未退款' },
  discounted: { en: 'Discounted', zh: '有优惠' },
  full_price: { en: 'Full price', zh: '无优惠' },
  rates: { en: 'Rates', zh: '比率' },
  counts: { en: 'Counts', zh: '人数' },
  ordered: { en: 'In order', zh: '按顺序' },
  strict: { en: 'Strictly in order', zh: '严格顺序' },
  unordered: { en: 'Any order', zh: '任意顺序' },
};

const HEALTH: Names = {
  traffic: { en: 'Traffic', zh: '流量' },
  conversion: { en: 'Conversion', zh: '转化' },
  aov: { en: 'Spend per buyer', zh: '客单价' },
  repurchase: { en: 'Repurchase', zh: '复购' },
  refunds: { en: 'Refunds', zh: '退款' },
};

/** RFM segments (server/src/analyses/customers.analysis.ts) and lifecycle stages. */
const SEGMENT: Names = {
  champions: { en: 'Champions', zh: '重要价值客户' },
  loyal: { en: 'Loyal', zh: '忠诚客户' },
  new: { en: 'New', zh: '新客户' },
  potential: { en: 'Potential', zh: '潜力客户' },
  cant_lose: { en: "Can't lose", zh: '重要挽留客户' },
  at_risk: { en: 'At risk', zh: '流失风险客户' },
  need_attention: { en: 'Need attention', zh: '需关注客户' },
  hibernating: { en: 'Hibernating', zh: '沉睡客户' },
  lost: { en: 'Lost', zh: '流失客户' },
  other: { en: 'Other', zh: '其他' },
  // Segment movement: not scored that day (before the range: no paid order yet).
  none: { en: 'No order yet', zh: '尚未购买' },
};

const LIFECYCLE: Names = {
  new: { en: 'New', zh: '新客' },
  returning: { en: 'Returning', zh: '老客回购' },
  resurrecting: { en: 'Resurrecting', zh: '回流' },
  dormant: { en: 'Dormant', zh: '沉默' },
};

/** Import kinds and job states (the import schemas and the jobs table). */
const IMPORT: Names = {
  events: { en: 'Events', zh: '行为事件' },
  orders: { en: 'Orders', zh: '订单' },
  order_items: { en: 'Order items', zh: '订单明细' },
  customers: { en: 'Customers', zh: '客户' },
  products: { en: 'Products', zh: '商品' },
  queued: { en: 'queued', zh: '排队中' },
  running: { en: 'running', zh: '导入中' },
  succeeded: { en: 'succeeded', zh: '成功' },
  failed: { en: 'failed', zh: '失败' },
};

/** Order statuses, as the orders import schema lists them. */
const ORDER_STATUS: Names = {
  created: { en: 'Placed, unpaid', zh: '待付款' },
  paid: { en: 'Paid', zh: '已付款' },
  shipped: { en: 'Shipped', zh: '已发货' },
  completed: { en: 'Completed', zh: '已完成' },
  refunded: { en: 'Refunded', zh: '已退款' },
  partially_refunded: { en: 'Partly refunded', zh: '部分退款' },
  cancelled: { en: 'Cancelled', zh: '已取消' },
};

/** Refund reasons: the suggested codes of the orders import schema, and '' for none given. */
const REFUND_REASON: Names = {
  changed_mind: { en: 'Changed mind', zh: '不想要了' },
  not_as_described: { en: 'Not as described', zh: '与描述不符' },
  quality: { en: 'Quality problem', zh: '质量问题' },
  wrong_size: { en: 'Wrong size', zh: '尺码不合适' },
  damaged: { en: 'Damaged in delivery', zh: '商品破损' },
  wrong_item: { en: 'Wrong item sent', zh: '发错货' },
  late_delivery: { en: 'Late delivery', zh: '未按约定时间发货' },
  other: { en: 'Other', zh: '其他' },
  '': { en: 'Not given', zh: '未填写' },
};

/** Days of the week as the API numbers them (ISO: 1 = Monday). */
const WEEKDAY: Names = {
  '1': { en: 'Monday', zh: '星期一' },
  '2': { en: 'Tuesday', zh: '星期二' },
  '3': { en: 'Wednesday', zh: '星期三' },
  '4': { en: 'Thursday', zh: '星期四' },
  '5': { en: 'Friday', zh: '星期五' },
  '6': { en: 'Saturday', zh: '星期六' },
  '7': { en: 'Sunday', zh: '星期日' },
};

/** What marked days are known for (the annotations' kinds). */
const MARK_KIND: Names = {
  promotion: { en: 'Promotion', zh: '促销活动' },
  live_stream: { en: 'Live stream', zh: '直播' },
  ads: { en: 'Ads push', zh: '广告投放' },
  new_product: { en: 'New product', zh: '上新' },
  incident: { en: 'Incident', zh: '故障' },
  other: { en: 'Other', zh: '其他' },
};

export const CODE_NAMES = {
  channel: CHANNEL,
  device: DEVICE,
  event: EVENT,
  property: PROPERTY,
  option: OPTION,
  health: HEALTH,
  segment: SEGMENT,
  lifecycle: LIFECYCLE,
  import: IMPORT,
  order_status: ORDER_STATUS,
  refund_reason: REFUND_REASON,
  weekday: WEEKDAY,
  mark_kind: MARK_KIND,
};
export type CodeKind = keyof typeof CODE_NAMES;

/** The channels the import classifies into and the devices it knows, in the order filters list them. */
export const CHANNEL_CODES = Object.keys(CHANNEL);
export const DEVICE_CODES = Object.keys(DEVICE);
export const MARK_KINDS = Object.keys(MARK_KIND);

export function codeName(kind: CodeKind, code: string, locale: Locale): string {
  return CODE_NAMES[kind][code]?.[locale] ?? code;
}

/** Which codes a property's values are (so a breakdown by channel shows channel names), if any. */
export function valueKindOf(property: string | undefined): CodeKind | undefined {
  if (property === 'channel' || property === 'person.first_channel' || property === 'first_channel') return 'channel';
  if (property === 'device') return 'device';
  if (property === 'first_refund' || property === 'first_discount') return 'option';
  if (property === 'refund_reason') return 'refund_reason';
  if (property === 'weekday') return 'weekday';
  return undefined;
}

/** A property's value by name when the property holds codes (channels, devices), else as it is. */
export function valueName(property: string | undefined, value: string, locale: Locale): string {
  const kind = valueKindOf(property);
  return kind ? codeName(kind, value, locale) : value;
}
