import { defineMessages } from '../../i18n/catalog.js';

/** Messages of the PEC estimate (issue 7) and of the recon report built on the daily rated usage file. */
export const pecMessages = defineMessages({
  'en-US': {
    'pec.estimate.title': 'Partner Earned Credit estimate',
    'pec.estimate.subtitle': '{meter}, {month}',
    'pec.fact.quantity': 'Quantity',
    'pec.fact.unitPrice': 'List unit price',
    'pec.fact.role': 'Azure role',
    'pec.fact.access': 'Access days',
    'pec.fact.listPrice': 'List price',
    'pec.fact.pec': 'PEC',
    'pec.fact.billed': 'Billed before tax (estimate)',
    'pec.fact.effectiveUnitPrice': 'Effective unit price',
    'pec.fact.blendedRate': 'Blended PEC rate for the month',
    'pec.fact.recipient': 'Paid to',
    'pec.value.accessDays': '{days} of {daysInMonth, plural, one {# day} other {# days}}',
    'pec.value.roleNotGiven': 'Not given',
    'pec.value.recipient.partner':
      '{type, select, DirectBill {You (direct-bill partner)} IndirectProvider {You (indirect provider)} other {You (billing partner)}}',
    'pec.value.recipient.indirectProvider': 'Your indirect provider',
    'pec.value.daysNotGiven': 'Not given',
    'pec.fact.usage': 'Usage',
    'pec.value.eligible': 'Earns PEC',
    'pec.value.notEligible': 'No PEC',
    'pec.why.title': 'Why',
    'pec.reason.roleQualifies': 'Your {role} role qualifies: it gives operational control of the resources.',
    'pec.reason.roleQualifiesUsageExcluded':
      'Your {role} role qualifies for PEC on other usage, but not on this usage.',
    'pec.reason.roleReadOnly': '{role} is a read-only role, and read-only roles never earn PEC.',
    'pec.reason.roleUnknown':
      'I do not know the role "{role}", so I do not assume it earns PEC. Check it against Microsoft\'s list of PEC-qualifying roles.',
    'pec.reason.roleMissing':
      'You did not say which Azure role you hold, so I do not assume PEC. Tell me the role, for example Owner or Contributor.',
    'pec.reason.meterExcluded': 'This usage never earns PEC: {meterReason}.',
    'pec.reason.wholeDayRule':
      'Access counts only for whole UTC days: {wholeDays, plural, one {# full day} other {# full days}} counted, {partialDays, plural, one {# partial day} other {# partial days}} not counted.',
    'pec.reason.noWholeDay': 'Days with access for only part of the day (no PEC): {days}.',
    'pec.reason.wholeDaysOnly':
      'Only whole UTC days count, so {stated, plural, one {# day} other {# days}} of access count as {days, plural, one {# day} other {# days}}.',
    'pec.reason.scopeRollsUp': 'Access at {scope} level covers every resource under it.',
    'pec.reason.fullMonth':
      'Access on all {daysInMonth, plural, one {# day} other {# days}} of the month: the full rate applies.',
    'pec.reason.partialMonth':
      "Access on {days} of {daysInMonth, plural, one {# day} other {# days}}: PEC applies on those days only, so the month's blended rate is lower.",
    'pec.reason.noAccessDays': 'No whole day with qualifying access in the month, so no PEC.',
    'pec.reason.indirectProviderEarns':
      'Indirect model: the indirect provider earns PEC when the provider, the reseller or both have the access.',
    'pec.reason.resellerNeverDirect':
      'Indirect resellers never receive PEC from Microsoft directly; it is paid to the indirect provider.',
    'pec.meterReason.spot': 'Spot virtual machines',
    'pec.meterReason.reservation': 'Azure plan reservations',
    'pec.meterReason.thirdParty': 'items tagged "Third Party"',
    'pec.meterReason.marketplace': 'Marketplace items',
    'pec.meterReason.savingsPlan': 'usage covered by a savings plan',
    'pec.scope.subscription': 'subscription',
    'pec.scope.resourceGroup': 'resource group',
    'pec.scope.resource': 'resource',
    'pec.estimate.footer':
      "Estimate in USD before tax, rounded down to the cent as Partner Center does; usage is assumed to be spread evenly over the month. PEC rate {rate} (documented from {rateFrom}; source: {rateSource}). Prices: {priceSource}, {snapshot}. The invoice is in your billing currency at that month's FX rate.",
    'pec.estimate.footerNoPrice':
      'Reservations, savings plans, Spot VMs, "Third Party" and marketplace products never earn PEC, whatever the role or the days. PEC rate {rate} (documented from {rateFrom}; source: {rateSource}).',
    'pec.ask.role': "Which Azure role do you (or your reseller) hold on the customer's resources?",
    'pec.ask.roleQualifying': 'Earn PEC',
    'pec.ask.roleReadOnly': 'Never earn PEC (read-only)',
    'pec.ask.roleHint':
      'Another role? Type its name, e.g. Network Contributor. Only whole UTC days with the role count: a permanent assignment counts every day, just-in-time access only on days it was active from 00:00 to 24:00 UTC.',
    'pec.ask.days': 'For how many days of {month} did that access last?',
    'pec.ask.tooManyDays':
      '{month} has {daysInMonth, plural, one {# day} other {# days}}, so the access cannot have lasted {days, plural, one {# day} other {# days}}. For how many days of {month} did it last?',
    'pec.ask.allMonth': 'All month ({daysInMonth, plural, one {# day} other {# days}})',
    'pec.ask.daysHint':
      'Or type the number of days, e.g. 20. Only whole UTC days count (9.5 days count as 9); {month} has {daysInMonth, plural, one {# day} other {# days}}.',
    'pec.ask.cancel': 'Cancel',
    'pec.ask.answered.role': 'Azure role: {role}',
    'pec.ask.answered.fullMonth': 'Access on every day of the month',
    'pec.roleName.owner': 'Owner',
    'pec.roleName.contributor': 'Contributor',
    'pec.roleName.userAccessAdministrator': 'User Access Administrator',
    'pec.roleName.virtualMachineContributor': 'Virtual Machine Contributor',
    'pec.roleName.reader': 'Reader',
    'pec.roleName.billingReader': 'Billing Reader',
    'pec.recon.title': 'PEC reconciliation: {customer}',
    'pec.recon.subtitle': '{rows, plural, one {# usage row} other {# usage rows}}, {file}',
    'pec.recon.fact.earned': 'PEC earned',
    'pec.recon.fact.lost': 'PEC lost',
    'pec.recon.fact.excluded': 'Rows that can never earn PEC',
    'pec.recon.fact.mismatches': 'Rows disagreeing with your access records',
    'pec.recon.fact.priceChecks': 'Rows failing the price formula',
    'pec.recon.topLost': 'Top resources by lost credit',
    'pec.recon.lostLine': '{resource} ({group}): {amount} lost on {days}',
    'pec.recon.noLoss': 'No PEC was lost this period.',
    'pec.recon.flagged': 'Line {line}, {date}, {resource}: {kind}',
    'pec.recon.flag.pecMissing': 'no PEC although your records show qualifying access all day',
    'pec.recon.flag.pecUnexpected': 'PEC recorded although your records show no qualifying access',
    'pec.recon.flag.effectivePriceMismatch': 'effective unit price is not UnitPrice × (1 − PEC)',
    'pec.recon.flag.totalMismatch': 'BillingPreTaxTotal is not floor(EffectiveUnitPrice × Quantity × FX, 2)',
    'pec.recon.badRows':
      '{count, plural, one {# row could not be read and was skipped (line {lines})} other {# rows could not be read and were skipped (first lines: {lines})}}.',
    'pec.recon.footer':
      "Recomputed from the daily rated usage file: EffectiveUnitPrice = UnitPrice × (1 − PEC), BillingPreTaxTotal = floor(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2). Amounts in {currency} are estimates from the file's own FX rates.",
    'pec.recon.synthetic': 'This file is SYNTHETIC test data, not a real Partner Center file.',
  },
  'ko-KR': {
    'pec.estimate.title': 'PEC(파트너 획득 크레딧) 예상',
    'pec.estimate.subtitle': '{meter}, {month}',
    'pec.fact.quantity': '사용량',
    'pec.fact.unitPrice': '정가 단가',
    'pec.fact.role': 'Azure 역할',
    'pec.fact.access': '권한 보유 일수',
    'pec.fact.listPrice': '정가 금액',
    'pec.fact.pec': 'PEC',
    'pec.fact.billed': '세전 청구 예상액',
    'pec.fact.effectiveUnitPrice': '실효 단가',
    'pec.fact.blendedRate': '월 평균 PEC 비율',
    'pec.fact.recipient': '수령 대상',
    'pec.value.accessDays': '{daysInMonth}일 중 {days}일',
    'pec.value.roleNotGiven': '알려주지 않음',
    'pec.value.recipient.partner':
      '{type, select, DirectBill {귀사(직접 청구 파트너)} IndirectProvider {귀사(간접 공급자)} other {귀사(청구 파트너)}}',
    'pec.value.recipient.indirectProvider': '귀사의 간접 공급자',
    'pec.value.daysNotGiven': '알려주지 않음',
    'pec.fact.usage': '사용 항목',
    'pec.value.eligible': 'PEC 적용',
    'pec.value.notEligible': 'PEC 미적용',
    'pec.why.title': '판단 근거',
    'pec.reason.roleQualifies': '{role} 역할은 리소스에 대한 운영 권한이 있어 PEC 대상입니다.',
    'pec.reason.roleQualifiesUsageExcluded':
      '{role} 역할은 다른 사용량에는 PEC 대상이지만 이 사용량에는 해당되지 않습니다.',
    'pec.reason.roleReadOnly': '{role} 역할은 읽기 전용이며, 읽기 전용 역할로는 PEC를 받을 수 없습니다.',
    'pec.reason.roleUnknown':
      '"{role}" 역할은 제가 아는 목록에 없어 PEC 대상이라고 가정하지 않았습니다. Microsoft의 PEC 적격 역할 목록에서 확인해 주세요.',
    'pec.reason.roleMissing':
      '보유한 Azure 역할을 알려주지 않으셔서 PEC를 가정하지 않았습니다. 소유자(Owner)나 기여자(Contributor)처럼 역할을 알려주세요.',
    'pec.reason.meterExcluded': '이 사용량은 PEC 대상이 아닙니다: {meterReason}.',
    'pec.reason.wholeDayRule':
      '권한은 UTC 기준 하루 전체를 보유한 날만 인정됩니다: 온전한 {wholeDays}일 인정, 일부만 보유한 {partialDays}일 제외.',
    'pec.reason.noWholeDay': '하루 중 일부만 권한이 있어 PEC가 없는 날: {days}.',
    'pec.reason.wholeDaysOnly':
      'UTC 기준 하루 전체를 보유한 날만 인정되므로 {stated}일 동안의 권한은 {days}일로 계산합니다.',
    'pec.reason.scopeRollsUp': '{scope} 수준의 권한은 그 아래 모든 리소스에 적용됩니다.',
    'pec.reason.fullMonth': '이번 달 {daysInMonth}일 내내 권한이 있어 전체 비율이 적용됩니다.',
    'pec.reason.partialMonth':
      '{daysInMonth}일 중 {days}일만 권한이 있어 그날에만 PEC가 적용되므로, 월 평균 비율이 낮아집니다.',
    'pec.reason.noAccessDays': '이번 달에 적격 권한을 하루 전체 보유한 날이 없어 PEC가 없습니다.',
    'pec.reason.indirectProviderEarns':
      '간접 모델에서는 간접 공급자나 리셀러(또는 둘 다)가 권한을 가지고 있으면 간접 공급자가 PEC를 받습니다.',
    'pec.reason.resellerNeverDirect':
      '간접 리셀러는 Microsoft로부터 PEC를 직접 받지 않으며, 간접 공급자에게 지급됩니다.',
    'pec.meterReason.spot': '스팟 가상 머신',
    'pec.meterReason.reservation': 'Azure 플랜 예약',
    'pec.meterReason.thirdParty': '"Third Party" 태그가 붙은 항목',
    'pec.meterReason.marketplace': '마켓플레이스 항목',
    'pec.meterReason.savingsPlan': '절약 플랜이 적용된 사용량',
    'pec.scope.subscription': '구독',
    'pec.scope.resourceGroup': '리소스 그룹',
    'pec.scope.resource': '리소스',
    'pec.estimate.footer':
      'USD 기준 세전 예상 금액이며, Partner Center와 같이 센트 단위에서 내림했습니다. 사용량은 한 달 동안 고르게 발생한다고 가정했습니다. PEC 비율 {rate}(문서 기준일 {rateFrom}, 출처: {rateSource}). 가격 출처: {priceSource}, {snapshot}. 실제 청구서는 해당 월 환율로 청구 통화로 환산됩니다.',
    'pec.estimate.footerNoPrice':
      '예약, 절약 플랜, 스팟 VM, "Third Party" 태그 제품과 마켓플레이스 제품은 역할이나 일수와 관계없이 PEC 대상이 아닙니다. PEC 비율 {rate}(문서 기준일 {rateFrom}, 출처: {rateSource}).',
    'pec.ask.role': '고객 리소스에 대해 귀사(또는 리셀러)가 가진 Azure 역할은 무엇인가요?',
    'pec.ask.roleQualifying': 'PEC 대상 역할',
    'pec.ask.roleReadOnly': 'PEC 대상이 아닌 역할(읽기 전용)',
    'pec.ask.roleHint':
      '다른 역할인가요? 역할 이름을 입력해 주세요. 예: 네트워크 기여자. 역할을 UTC 기준 하루 전체 보유한 날만 인정됩니다. 영구 할당은 매일 인정되고, 적시(JIT) 액세스는 00:00~24:00 UTC 내내 활성화된 날만 인정됩니다.',
    'pec.ask.days': '그 권한을 {month} 중 며칠 동안 보유하셨나요?',
    'pec.ask.tooManyDays':
      '{month}은(는) {daysInMonth}일까지라서 {days}일 동안 권한을 보유할 수는 없습니다. {month} 중 며칠 동안 보유하셨나요?',
    'pec.ask.allMonth': '한 달 내내({daysInMonth}일)',
    'pec.ask.daysHint':
      '또는 일수를 입력해 주세요. 예: 20. UTC 기준 하루 전체를 보유한 날만 인정됩니다(9.5일은 9일). {month}은(는) {daysInMonth}일까지입니다.',
    'pec.ask.cancel': '취소',
    'pec.ask.answered.role': 'Azure 역할: {role}',
    'pec.ask.answered.fullMonth': '한 달 내내 권한 있음',
    'pec.roleName.owner': '소유자',
    'pec.roleName.contributor': '기여자',
    'pec.roleName.userAccessAdministrator': '사용자 액세스 관리자',
    'pec.roleName.virtualMachineContributor': '가상 머신 기여자',
    'pec.roleName.reader': '읽기 권한자',
    'pec.roleName.billingReader': '청구 읽기 권한자',
    'pec.recon.title': 'PEC 대사 결과: {customer}',
    'pec.recon.subtitle': '사용 내역 {rows, number}행, {file}',
    'pec.recon.fact.earned': '받은 PEC',
    'pec.recon.fact.lost': '놓친 PEC',
    'pec.recon.fact.excluded': 'PEC 대상이 아닌 행',
    'pec.recon.fact.mismatches': '권한 기록과 맞지 않는 행',
    'pec.recon.fact.priceChecks': '금액 계산식과 맞지 않는 행',
    'pec.recon.topLost': '놓친 크레딧이 큰 리소스',
    'pec.recon.lostLine': '{resource} ({group}): {amount} 손실 ({days})',
    'pec.recon.noLoss': '이번 기간에 놓친 PEC는 없습니다.',
    'pec.recon.flagged': '{line}행, {date}, {resource}: {kind}',
    'pec.recon.flag.pecMissing': '권한 기록상 하루 종일 적격 권한이 있었는데 PEC가 없음',
    'pec.recon.flag.pecUnexpected': '권한 기록상 적격 권한이 없는데 PEC가 적용됨',
    'pec.recon.flag.effectivePriceMismatch': '실효 단가가 UnitPrice × (1 − PEC)와 다름',
    'pec.recon.flag.totalMismatch':
      'BillingPreTaxTotal이 floor(EffectiveUnitPrice × Quantity × 환율, 2)와 다름',
    'pec.recon.badRows': '{count, number}개 행을 읽지 못해 건너뛰었습니다(처음 몇 행: {lines}).',
    'pec.recon.footer':
      '일별 사용량(Daily rated usage) 파일로 다시 계산했습니다: EffectiveUnitPrice = UnitPrice × (1 − PEC), BillingPreTaxTotal = floor(EffectiveUnitPrice × Quantity × PCToBCExchangeRate, 2). {currency} 금액은 파일에 기록된 환율로 계산한 추정치입니다.',
    'pec.recon.synthetic': '이 파일은 실제 Partner Center 파일이 아닌 합성(SYNTHETIC) 테스트 데이터입니다.',
  },
});
