import { defineMessages } from '../catalog.js';

/** Messages shared by every guided flow (attest, buy, transition). */
export const flowMessages = defineMessages({
  'en-US': {
    'flow.useCard': 'Please use the buttons on the card above, or type **cancel** to stop.',
    'flow.staleCard':
      'That card belongs to an earlier step and is no longer active. Use the latest card, or type **cancel**.',
    'flow.cancel': 'Cancel',
    'flow.confirm': 'Confirm',
    'flow.edit': 'Edit',
    'flow.back': 'Back',
    'flow.cancelled': 'Cancelled. Nothing was changed.',
    'flow.customerAsk': 'Which customer? Type a name, domain or Microsoft ID (or **cancel**).',
    'flow.customerNotFound':
      'No customer matches "{query}". Try another name, domain or Microsoft ID, or type **cancel**.',
    'flow.customerGiveUp':
      'I could not find that customer. Type **customers** to see the list, then start again.',
    'flow.fieldErrors': 'Please correct the highlighted fields.',
    'flow.submitted': 'Submitted by {user} at {time}.',
  },
  'ko-KR': {
    'flow.useCard': '위 카드의 버튼을 사용하거나 **취소**를 입력해 중단하세요.',
    'flow.staleCard':
      '이전 단계의 카드라서 더 이상 사용할 수 없습니다. 최신 카드를 사용하거나 **취소**를 입력하세요.',
    'flow.cancel': '취소',
    'flow.confirm': '확인',
    'flow.edit': '수정',
    'flow.back': '뒤로',
    'flow.cancelled': '취소했습니다. 아무것도 변경되지 않았습니다.',
    'flow.customerAsk': '어느 고객인가요? 이름, 도메인 또는 Microsoft ID를 입력하세요(중단하려면 **취소**).',
    'flow.customerNotFound':
      '"{query}"와(과) 일치하는 고객이 없습니다. 다른 이름, 도메인 또는 Microsoft ID를 입력하거나 **취소**를 입력하세요.',
    'flow.customerGiveUp': '고객을 찾지 못했습니다. **고객 목록**으로 목록을 확인한 뒤 다시 시작하세요.',
    'flow.fieldErrors': '표시된 항목을 고쳐 주세요.',
    'flow.submitted': '{user}님이 {time}에 제출했습니다.',
  },
});
