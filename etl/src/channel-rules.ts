/**
 * Channel classification: which of the channels merchants report on a visit or order came
 * from, when the source does not say. Rules run in order; the first that matches wins:
 *
 *   1. an explicit `channel` value that is one of CHANNELS is kept; any other explicit value is `other`
 *   2. a live-room id, or a medium in liveMedia                → live_stream
 *   3. a sharer id, a medium in socialMedia, or a social referrer → social_share
 *   4. a medium in adsMedia                                    → ads
 *   5. a medium in crmMedia                                    → email_sms
 *   6. a medium in recommendationMedia                         → recommendation
 *   7. a medium in searchMedia, or a search-engine referrer    → search
 *   8. no source, no medium and no referrer                    → direct
 *   9. anything else                                           → other
 *
 * The lists are data, bound as query parameters, so a deployment can change them without code.
 */
export const CHANNELS = ['search', 'recommendation', 'live_stream', 'social_share', 'ads', 'direct', 'email_sms', 'other'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface ChannelRules {
  liveMedia: string[];
  socialMedia: string[];
  socialReferrers: string[];
  adsMedia: string[];
  crmMedia: string[];
  recommendationMedia: string[];
  searchMedia: string[];
  searchReferrers: string[];
}

export const DEFAULT_CHANNEL_RULES: ChannelRules = {
  liveMedia: ['live', 'livestream', 'live_stream'],
  socialMedia: ['social', 'share', 'social_share', 'referral_share'],
  socialReferrers: ['weixin.qq.com', 'weibo.com', 'xiaohongshu.com', 'facebook.com', 'instagram.com', 't.co', 'x.com', 'pinterest.'],
  adsMedia: ['cpc', 'cpm', 'ppc', 'paid', 'paid_social', 'display', 'ads', 'cpa'],
  crmMedia: ['email', 'sms', 'crm', 'push', 'edm', 'newsletter'],
  recommendationMedia: ['recommendation', 'recommend', 'feed'],
  searchMedia: ['organic', 'search', 'seo'],
  searchReferrers: [
    'google.',
    'bing.com',
    'baidu.com',
    's.taobao.com',
    'douyin.com/search',
    'sogou.com',
    'so.com',
    'duckduckgo.com',
    'yahoo.',
  ],
};

/** Query parameters for channelExpr. */
export function channelRuleParams(rules: ChannelRules = DEFAULT_CHANNEL_RULES): Record<string, string[]> {
  return {
    ch_known: [...CHANNELS],
    ch_live: rules.liveMedia,
    ch_social: rules.socialMedia,
    ch_social_ref: rules.socialReferrers,
    ch_ads: rules.adsMedia,
    ch_crm: rules.crmMedia,
    ch_reco: rules.recommendationMedia,
    ch_search: rules.searchMedia,
    ch_search_ref: rules.searchReferrers,
  };
}

/** The classification as SQL over raw-field expressions. */
export function channelExpr(f: {
  channel: string;
  source: string;
  medium: string;
  referrer: string;
  liveRoom: string;
  sharer: string;
}): string {
  const medium = `lower(${f.medium})`;
  const ref = `lower(${f.referrer})`;
  return `multiIf(
    lower(${f.channel}) IN {ch_known:Array(String)}, lower(${f.channel}),
    ${f.channel} != '', 'other',
    ${f.liveRoom} != '' OR ${medium} IN {ch_live:Array(String)}, 'live_stream',
    ${f.sharer} != '' OR ${medium} IN {ch_social:Array(String)} OR multiSearchAny(${ref}, {ch_social_ref:Array(String)}), 'social_share',
    ${medium} IN {ch_ads:Array(String)}, 'ads',
    ${medium} IN {ch_crm:Array(String)}, 'email_sms',
    ${medium} IN {ch_reco:Array(String)}, 'recommendation',
    ${medium} IN {ch_search:Array(String)} OR multiSearchAny(${ref}, {ch_search_ref:Array(String)}), 'search',
    ${f.source} = '' AND ${f.medium} = '' AND ${f.referrer} = '', 'direct',
    'other')`;
}
