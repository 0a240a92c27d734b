import { defineMessages } from '../../i18n/catalog.js';

/** Chat-side prompts around price answers (the answers themselves are in prices.ts). */
export const priceChatMessages = defineMessages({
  'en-US': {
    'priceChat.ask':
      'Ask for a price like this: **price D4s v5 windows west europe 730h** or **P30 disk north europe**.',
    'priceChat.searchNone': 'No price matches "{query}". Try a VM size and a region, e.g. D2s v3 westeurope.',
  },
  'ko-KR': {
    'priceChat.ask': '이렇게 물어보세요: **가격 서유럽 D4s v5 윈도우 730시간** 또는 **북유럽 P30 디스크**.',
    'priceChat.searchNone':
      '"{query}"와(과) 일치하는 가격이 없습니다. VM 크기와 지역을 함께 입력하세요. 예: 서유럽 D2s v3',
  },
});
