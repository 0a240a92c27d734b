import { defineMessages } from '../../i18n/catalog.js';

/** Transition from the legacy CSP Azure offer (MS-AZR-0145P) to the Azure plan. */
export const transitionMessages = defineMessages({
  'en-US': {
    'transition.notEligible.title': '{customer} cannot be transitioned now',
    'transition.notEligible.next': 'What to do: {next}',
    'transition.next.900105':
      'reactivate or cancel the suspended subscriptions in Partner Center, then try again.',
    'transition.next.900108': 'nothing: there is no legacy Azure to move. Buy the Azure plan instead.',
    'transition.next.900109': 'wait for the running transition to finish.',
    'transition.next.900110': 'nothing: create new Azure subscriptions under the Azure plan.',
    'transition.next.900114': 'check the failed subscriptions and contact Partner Center support.',
    'transition.next.900119':
      'keep the Azure Partner Shared Services subscription on the legacy offer; it cannot move.',
    'transition.next.900130': 'try again from {eligibleFrom}.',
    'transition.next.13605': 'attest the Microsoft Customer Agreement first (**attest {customer}**).',
    'transition.next.no_relationship': 'ask the customer to accept your reseller relationship request.',
    'transition.confirm.title': 'Transition {customer} to the Azure plan',
    'transition.confirm.intro':
      'These legacy Microsoft Azure (MS-AZR-0145P) subscriptions move to the Azure plan:',
    'transition.confirm.line': '{name} ({id}) → Azure plan for {partner}',
    'transition.confirm.partnerDirect': 'your direct customers',
    'transition.confirm.partnerReseller': 'reseller {mpnId}',
    'transition.confirm.plans':
      '{count, plural, one {# Azure plan} other {# Azure plans}} will be bought automatically, one per partner of record.',
    'transition.confirm.whatHappens': 'What happens',
    'transition.fact.billing':
      'Only billing moves: the Azure subscriptions, their ids and all resources stay as they are.',
    'transition.fact.downtime': 'No downtime for the customer.',
    'transition.fact.admin': 'Your admin rights on the subscriptions are kept.',
    'transition.fact.undo': 'It cannot be undone.',
    'transition.fact.noLegacy':
      'No more MS-AZR-0145P purchases for this customer afterwards; create new subscriptions under the Azure plan.',
    'transition.fact.budget':
      "Set the spending budget again afterwards: in Partner Center in the customer's local currency, and in the Azure portal.",
    'transition.fact.invoices':
      'Usage until the switch is billed on the legacy invoice; after it, on the Azure plan (calendar month) invoice.',
    'transition.button.start': 'Start transition',
    'transition.cancelled.title': 'Transition cancelled',
    'transition.cancelled.text': 'Nothing changed for {customer}.',
    'transition.failedToStart.title': 'The transition did not start',
    'transition.status.title': 'Transition of {customer} to the Azure plan',
    'transition.status.pending': 'Pending',
    'transition.status.inProgress': 'In progress',
    'transition.status.completed': 'Completed',
    'transition.status.failed': 'Failed',
    'transition.status.summary':
      '{status}: {done} of {total, plural, one {# subscription} other {# subscriptions}} moved',
    'transition.status.failedLines': '{count, plural, one {# subscription} other {# subscriptions}} failed.',
    'transition.status.upgradeId': 'Transition ID',
    'transition.status.started': 'Started',
    'transition.status.finished': 'Finished',
    'transition.status.lineTarget': '→ plan {planId}',
    'transition.status.lineDone': 'moved {date}',
    'transition.status.lineError': 'error {code}: {message}',
    'transition.status.none': 'No transition was ever started for {customer}.',
    'transition.status.updated': 'Updated {time}',
    'transition.status.after':
      "Next: set the spending budget again in the customer's local currency in Partner Center and in the Azure portal. New Azure subscriptions are created under the Azure plan.",
    'transition.lineError.900120': 'Partner Center could not process this subscription',
    'transition.lineError.900107': "no Azure plan catalog item for the customer's country",
    'transition.lineError.other': 'see Partner Center',
    'transition.notify.completed':
      'The transition of **{customer}** to the Azure plan is complete: {done} of {total, plural, one {# subscription} other {# subscriptions}} moved. Remember to set the spending budget again.',
    'transition.notify.failed':
      'The transition of **{customer}** to the Azure plan ended with errors: {done} of {total, plural, one {# subscription} other {# subscriptions}} moved, {failed} failed. Type **transition status {domain}** for details.',
  },
  'ko-KR': {
    'transition.notEligible.title': '지금은 {customer}을(를) 전환할 수 없습니다',
    'transition.notEligible.next': '해야 할 일: {next}',
    'transition.next.900105':
      'Partner Center에서 일시 중단된 구독을 다시 활성화하거나 취소한 뒤 다시 시도하세요.',
    'transition.next.900108': '없음. 옮길 레거시 Azure가 없으니 Azure 플랜을 구매하세요.',
    'transition.next.900109': '진행 중인 전환이 끝날 때까지 기다리세요.',
    'transition.next.900110': '없음. 새 Azure 구독은 Azure 플랜 아래에 만드세요.',
    'transition.next.900114': '실패한 구독을 확인하고 Partner Center 지원에 문의하세요.',
    'transition.next.900119':
      'Azure Partner Shared Services 구독은 옮길 수 없으니 레거시 오퍼에 그대로 두세요.',
    'transition.next.900130': '{eligibleFrom}부터 다시 시도하세요.',
    'transition.next.13605': '먼저 Microsoft 고객 계약을 증명하세요(**증명 {customer}**).',
    'transition.next.no_relationship': '고객에게 재판매인 관계 요청을 수락해 달라고 하세요.',
    'transition.confirm.title': '{customer}을(를) Azure 플랜으로 전환',
    'transition.confirm.intro': '다음 레거시 Microsoft Azure(MS-AZR-0145P) 구독이 Azure 플랜으로 옮겨집니다:',
    'transition.confirm.line': '{name} ({id}) → {partner}용 Azure 플랜',
    'transition.confirm.partnerDirect': '직접 고객',
    'transition.confirm.partnerReseller': '재판매인 {mpnId}',
    'transition.confirm.plans':
      '기록상 파트너마다 하나씩 Azure 플랜 {count, number}개가 자동으로 구매됩니다.',
    'transition.confirm.whatHappens': '진행 내용',
    'transition.fact.billing': '청구만 옮겨집니다. Azure 구독과 ID, 모든 리소스는 그대로 유지됩니다.',
    'transition.fact.downtime': '고객에게 중단 시간이 없습니다.',
    'transition.fact.admin': '구독에 대한 관리자 권한은 그대로 유지됩니다.',
    'transition.fact.undo': '되돌릴 수 없습니다.',
    'transition.fact.noLegacy':
      '이후에는 이 고객에게 MS-AZR-0145P를 구매할 수 없습니다. 새 구독은 Azure 플랜 아래에 만드세요.',
    'transition.fact.budget':
      '전환 후 지출 예산을 다시 설정하세요. Partner Center에서는 고객 현지 통화로, Azure Portal에서도 설정해야 합니다.',
    'transition.fact.invoices':
      '전환 시점까지의 사용량은 레거시 인보이스에, 이후 사용량은 Azure 플랜(달력 월) 인보이스에 청구됩니다.',
    'transition.button.start': '전환 시작',
    'transition.cancelled.title': '전환을 취소했습니다',
    'transition.cancelled.text': '{customer}에 대해 아무것도 변경되지 않았습니다.',
    'transition.failedToStart.title': '전환이 시작되지 않았습니다',
    'transition.status.title': '{customer}의 Azure 플랜 전환',
    'transition.status.pending': '대기 중',
    'transition.status.inProgress': '진행 중',
    'transition.status.completed': '완료',
    'transition.status.failed': '실패',
    'transition.status.summary': '{status}: 구독 {total}개 중 {done}개 이동',
    'transition.status.failedLines': '구독 {count, number}개가 실패했습니다.',
    'transition.status.upgradeId': '전환 ID',
    'transition.status.started': '시작',
    'transition.status.finished': '종료',
    'transition.status.lineTarget': '→ 플랜 {planId}',
    'transition.status.lineDone': '{date} 이동',
    'transition.status.lineError': '오류 {code}: {message}',
    'transition.status.none': '{customer}의 전환을 시작한 적이 없습니다.',
    'transition.status.updated': '{time} 기준',
    'transition.status.after':
      '다음 단계: Partner Center에서 고객 현지 통화로, 그리고 Azure Portal에서 지출 예산을 다시 설정하세요. 새 Azure 구독은 Azure 플랜 아래에 만듭니다.',
    'transition.lineError.900120': 'Partner Center가 이 구독을 처리하지 못했습니다',
    'transition.lineError.900107': '고객 국가에 Azure 플랜 카탈로그 항목이 없습니다',
    'transition.lineError.other': 'Partner Center에서 확인하세요',
    'transition.notify.completed':
      '**{customer}**의 Azure 플랜 전환이 완료되었습니다. 구독 {total}개 중 {done}개를 옮겼습니다. 지출 예산을 다시 설정하세요.',
    'transition.notify.failed':
      '**{customer}**의 Azure 플랜 전환이 오류와 함께 끝났습니다. 구독 {total}개 중 {done}개 이동, {failed}개 실패. 자세한 내용은 **전환 상태 {domain}**을(를) 입력하세요.',
  },
});
