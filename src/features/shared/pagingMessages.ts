import { defineMessages } from '../../i18n/catalog.js';

/** The count line and the paging buttons of every list card, and the customer search field. */
export const pagingMessages = defineMessages({
  'en-US': {
    'paging.next': 'Next',
    'paging.previous': 'Previous',
    'paging.count.customers':
      '{first, number}–{last, number} of {total, plural, one {# customer} other {# customers}}',
    'paging.count.subscriptions':
      '{first, number}–{last, number} of {total, plural, one {# Azure subscription} other {# Azure subscriptions}}',
    'paging.count.agreements':
      '{first, number}–{last, number} of {total, plural, one {# agreement} other {# agreements}}',
    'paging.count.rows': '{first, number}–{last, number} of {total, plural, one {# row} other {# rows}}',
    'paging.count.results':
      '{first, number}–{last, number} of {total, plural, one {# result} other {# results}}',
    'paging.count.regions':
      '{first, number}–{last, number} of {total, plural, one {# region} other {# regions}}',
    'paging.empty': 'Nothing to show.',
    'customers.search.label': 'Customer',
    'customers.search.placeholder': 'Type a name, domain or Microsoft ID',
    'customers.search.typed': 'Or type the name, domain or ID',
    'customers.search.go': 'Continue',
    'customers.search.missing': 'Choose a customer or type a name first.',
  },
  'ko-KR': {
    'paging.next': '다음',
    'paging.previous': '이전',
    'paging.count.customers': '고객 {total, number}명 중 {first, number}–{last, number}',
    'paging.count.subscriptions': 'Azure 구독 {total, number}개 중 {first, number}–{last, number}',
    'paging.count.agreements': '계약 {total, number}건 중 {first, number}–{last, number}',
    'paging.count.rows': '{total, number}행 중 {first, number}–{last, number}',
    'paging.count.results': '결과 {total, number}개 중 {first, number}–{last, number}',
    'paging.count.regions': '지역 {total, number}개 중 {first, number}–{last, number}',
    'paging.empty': '표시할 항목이 없습니다.',
    'customers.search.label': '고객',
    'customers.search.placeholder': '이름, 도메인 또는 Microsoft ID를 입력하세요',
    'customers.search.typed': '또는 이름, 도메인, ID를 직접 입력하세요',
    'customers.search.go': '계속',
    'customers.search.missing': '먼저 고객을 선택하거나 이름을 입력하세요.',
  },
});
