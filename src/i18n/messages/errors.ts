import { defineMessages } from '../catalog.js';

/**
 * What each refusal means for the partner and what to do next. Keys are `error.<code>` where code is
 * the Partner Center error code or the bot's own code carried by DomainError.
 */
export const errorMessages = defineMessages({
  'en-US': {
    'error.600002':
      '{reason, select, futureDate {The date agreed cannot be later than today in UTC{todayUtc, select, none {} other { (it is {todayUtc} in UTC now)}}. Pick today or an earlier date.} taxIdAddressMismatch {Partner Center refused the customer details (600002): the tax ID does not agree with the country or address of the customer profile. Check that the tax ID and the billing address belong to the same country or region, then try again.} other {Partner Center refused the details as not valid (600002). Nothing was changed: check the details and try again.}}',
    'error.600061':
      'This customer already has an attestation with exactly these contact details, so nothing new was recorded. To attest again, enter a different contact.',
    'error.13605':
      '{customer} has not accepted the Microsoft Customer Agreement yet. Attest the acceptance first (or ask the customer to accept it in the Microsoft 365 admin center), then buy.',
    'error.800016':
      'The reseller MPN ID {resellerMpnId} is not one of your indirect resellers. Check the ID and try again.',
    'error.900105':
      'One or more legacy Azure subscriptions of this customer are suspended, and suspended subscriptions cannot be transitioned. Reactivate or cancel them first: {subscriptionNames}.',
    'error.900106': 'That transition was not found.',
    'error.900108': 'This customer has no legacy Azure subscriptions to transition.',
    'error.900109':
      'A transition for this customer is already running. Check it with **transition status {customer}**.',
    'error.900110': 'This customer has already been transitioned to the Azure plan.',
    'error.900111': 'That transition belongs to another customer.',
    'error.900112':
      'A transition to the Azure plan is pending for this customer, so new orders are blocked until it finishes.',
    'error.900113':
      'A transition to the Azure plan is in progress for this customer, so new orders are blocked until it finishes. Check it with **transition status {customer}**.',
    'error.900114':
      'The transition to the Azure plan failed for this customer, so new orders are blocked. Check **transition status {customer}** and contact Partner Center support.',
    'error.900115':
      'The Azure plan still has active Azure subscriptions, so it cannot be suspended. Suspend these first: {activeSubscriptionNames}.',
    'error.900119': 'Azure Partner Shared Services subscriptions cannot be transitioned to the Azure plan.',
    'error.900130':
      'One or more legacy Azure subscriptions were bought recently Try the transition again from {eligibleFrom}.',
    'error.sign_in_required':
      'Partner Center needs you to sign in before the bot can do this for you. Type **sign in** (or use the sign-in card), then try again.',
    'error.mfa_required':
      'Partner Center asks for multi-factor authentication for this since 1 April 2026, and your current sign-in did not use it. Sign out (type **sign out**), sign in again with MFA (for example the Microsoft Authenticator app), then try again.',
    'error.app_credentials_missing':
      '{reason, select, rejected {Partner Center did not accept the bot\'s app credentials (its client secret or certificate may have expired). Ask your admin to renew them in the app registration and in the bot\'s settings.} other {The bot has no Partner Center app credentials for this. Ask your admin to set ENTRA_CLIENT_SECRET or a certificate (see "Connect to your Partner Center" in the README).}}',
    'error.not_found': 'Nothing matches {id}. Check it and try again.',
    'error.validation': 'Some details are not valid: {fields}.',
    'error.not_available_in_country':
      '{reason, select, operatedBy21Vianet {The Azure plan is not sold in {country} ({countryCode}), where {customer} is based: Azure there is a separate cloud operated by 21Vianet, sold through Partner Center operated by 21Vianet, not through global CSP.} embargoed {The Azure plan is not sold in {country} ({countryCode}), where {customer} is based: the country is under export restrictions.} other {The Azure plan is not offered to customers in {country}, where {customer} is based, so it cannot be bought for them.}}',
    'error.legacy_offer_present':
      '{customer} still has the legacy Microsoft Azure offer (MS-AZR-0145P). A new Azure plan cannot be bought for them: transition them to the Azure plan instead.',
    'error.plan_exists':
      '{customer} already has an Azure plan ({planId}){reseller, select, none {} other { for the reseller of record {reseller}}}. One plan holds many Azure subscriptions: create another subscription under it instead.',
    'error.already_signed_directly':
      '{customer} accepted the Microsoft Customer Agreement directly, so no attestation is needed.',
    'error.attestation_not_accepted':
      'The signatory has not accepted the Microsoft Customer Agreement yet (status: {status}). Create the agreement after they accept.',
    'error.attestation_expired': 'The acceptance link expired before it was accepted. Create a new link.',
    'error.invalid_transition':
      'That step does not fit the customer’s current MCA status. Check the status again.',
    'error.reseller_required': 'Name the indirect reseller of record (its MPN ID) for this customer.',
    'error.no_relationship':
      'You have no reseller relationship with {customer}. Ask the customer to accept your reseller relationship request first.',
    'error.plan_not_active': 'The Azure plan is suspended. Reactivate the plan first.',
    'error.request_id_conflict': 'That card was already used for a different request. Start again.',
    'error.request_in_progress':
      'Your earlier request is still being processed. Wait a moment and check again.',
    'error.request_failed':
      'An earlier attempt of this request failed midway, so it is not repeated automatically. Check the current state before trying again.',
    'error.request_refused_retry': 'Your earlier request was refused. Start again.',
    'error.partner_center_unavailable':
      '{reason, select, throttled {Partner Center is busy right now and asked us to wait.} timeout {Partner Center did not answer in time.} other {Partner Center could not be reached.}} Nothing new was confirmed: try again in a few minutes (the same request is not done twice).',
    'error.app_credentials_invalid':
      "Partner Center refused the bot's app credentials. Ask your administrator to check the app registration and its secret or certificate.",
    'error.azure_subscription_failed':
      'Azure could not create the Azure subscription. Nothing was created: check the plan in Partner Center and try again.',
    'error.app_only_not_supported':
      'Partner Center accepts this only on behalf of a signed-in partner user, but the bot called it with its app credentials alone. Ask your administrator to check the bot configuration.',
    'error.app_user_not_supported':
      "Partner Center accepts this only with the bot's app credentials, but the bot called it on behalf of a user. Ask your administrator to check the bot configuration.",
  },
  'ko-KR': {
    'error.600002':
      '{reason, select, futureDate {동의 날짜는 UTC 기준 오늘보다 늦을 수 없습니다{todayUtc, select, none {} other {(현재 UTC 날짜: {todayUtc})}}. 오늘 또는 그 이전 날짜를 선택하세요.} taxIdAddressMismatch {Partner Center가 고객 정보를 거부했습니다(600002). 세금 ID가 고객 프로필의 국가 또는 주소와 맞지 않습니다. 세금 ID와 청구 주소가 같은 국가/지역의 것인지 확인한 뒤 다시 시도하세요.} other {Partner Center가 입력 정보를 올바르지 않다고 거부했습니다(600002). 아무것도 변경되지 않았습니다. 정보를 확인하고 다시 시도하세요.}}',
    'error.600061':
      '이 고객에게 같은 연락처 정보로 이미 증명이 있어 새로 기록하지 않았습니다. 다시 증명하려면 다른 연락처를 입력하세요.',
    'error.13605':
      '{customer}은(는) 아직 Microsoft 고객 계약에 동의하지 않았습니다. 먼저 동의를 증명하거나(또는 고객이 Microsoft 365 관리 센터에서 직접 동의) 구매하세요.',
    'error.800016':
      '재판매인 MPN ID {resellerMpnId}은(는) 등록된 간접 재판매인이 아닙니다. ID를 확인하고 다시 시도하세요.',
    'error.900105':
      '이 고객의 레거시 Azure 구독 중 일시 중단된 구독이 있어 전환할 수 없습니다. 먼저 다시 활성화하거나 취소하세요: {subscriptionNames}.',
    'error.900106': '해당 전환을 찾을 수 없습니다.',
    'error.900108': '이 고객에게는 전환할 레거시 Azure 구독이 없습니다.',
    'error.900109': '이 고객의 전환이 이미 진행 중입니다. **전환 상태 {customer}**(으)로 확인하세요.',
    'error.900110': '이 고객은 이미 Azure 플랜으로 전환되었습니다.',
    'error.900111': '해당 전환은 다른 고객의 것입니다.',
    'error.900112': '이 고객의 Azure 플랜 전환이 대기 중이어서 전환이 끝날 때까지 새 주문이 차단됩니다.',
    'error.900113':
      '이 고객의 Azure 플랜 전환이 진행 중이어서 끝날 때까지 새 주문이 차단됩니다. **전환 상태 {customer}**(으)로 확인하세요.',
    'error.900114':
      '이 고객의 Azure 플랜 전환이 실패하여 새 주문이 차단되었습니다. **전환 상태 {customer}**을(를) 확인하고 Partner Center 지원에 문의하세요.',
    'error.900115':
      'Azure 플랜에 활성 Azure 구독이 있어 일시 중단할 수 없습니다. 먼저 다음 구독을 일시 중단하세요: {activeSubscriptionNames}.',
    'error.900119': 'Azure Partner Shared Services 구독은 Azure 플랜으로 전환할 수 없습니다.',
    'error.900130': '최근에 구매한 레거시 Azure 구독이 있습니다. {eligibleFrom}부터 다시 전환하세요.',
    'error.sign_in_required':
      '봇이 이 작업을 하려면 먼저 파트너 센터에 로그인해야 합니다. **로그인**을 입력하거나 로그인 카드를 사용한 다음 다시 시도하세요.',
    'error.mfa_required':
      '파트너 센터는 2026년 4월 1일부터 이 작업에 다단계 인증(MFA)을 요구하는데, 현재 로그인에는 MFA가 사용되지 않았습니다. 로그아웃(**로그아웃** 입력)한 다음 MFA(예: Microsoft Authenticator 앱)로 다시 로그인하고 다시 시도하세요.',
    'error.app_credentials_missing':
      '{reason, select, rejected {파트너 센터가 봇의 앱 자격 증명을 받아들이지 않았습니다(클라이언트 암호 또는 인증서가 만료되었을 수 있습니다). 관리자에게 앱 등록과 봇 설정에서 갱신해 달라고 요청하세요.} other {봇에 이 작업을 위한 파트너 센터 앱 자격 증명이 없습니다. 관리자에게 ENTRA_CLIENT_SECRET 또는 인증서를 설정해 달라고 요청하세요(README의 "Connect to your Partner Center" 참조).}}',
    'error.not_found': '{id}와(과) 일치하는 항목이 없습니다. 확인 후 다시 시도하세요.',
    'error.validation': '올바르지 않은 항목이 있습니다: {fields}.',
    'error.not_available_in_country':
      '{reason, select, operatedBy21Vianet {{customer}이(가) 있는 {country}({countryCode})에서는 Azure 플랜을 판매하지 않습니다. 그곳의 Azure는 21Vianet이 운영하는 별도의 클라우드로, 글로벌 CSP가 아니라 21Vianet이 운영하는 Partner Center를 통해 판매됩니다.} embargoed {{customer}이(가) 있는 {country}({countryCode})에서는 Azure 플랜을 판매하지 않습니다. 수출 제한 대상 국가입니다.} other {{country}의 고객에게는 Azure 플랜이 제공되지 않아 {customer}에게 구매할 수 없습니다.}}',
    'error.legacy_offer_present':
      '{customer}은(는) 아직 레거시 Microsoft Azure 오퍼(MS-AZR-0145P)를 사용 중이라 새 Azure 플랜을 구매할 수 없습니다. 대신 Azure 플랜으로 전환하세요.',
    'error.plan_exists':
      '{customer}에게 이미 {reseller, select, none {} other {기록상 재판매인 {reseller}의 }}Azure 플랜({planId})이 있습니다. 플랜 하나에 Azure 구독을 여러 개 둘 수 있으니 구독을 추가하세요.',
    'error.already_signed_directly':
      '{customer}이(가) Microsoft 고객 계약에 직접 동의했으므로 증명이 필요 없습니다.',
    'error.attestation_not_accepted':
      '서명자가 아직 Microsoft 고객 계약에 동의하지 않았습니다(상태: {status}). 동의한 뒤에 계약을 생성하세요.',
    'error.attestation_expired': '동의 링크가 동의 전에 만료되었습니다. 새 링크를 만드세요.',
    'error.invalid_transition': '현재 고객의 MCA 상태에서는 할 수 없는 단계입니다. 상태를 다시 확인하세요.',
    'error.reseller_required': '이 고객의 간접 재판매인(MPN ID)을 지정하세요.',
    'error.no_relationship':
      '{customer}와(과) 재판매인 관계가 없습니다. 먼저 고객에게 재판매인 관계 요청을 수락해 달라고 하세요.',
    'error.plan_not_active': 'Azure 플랜이 일시 중단되어 있습니다. 먼저 플랜을 다시 활성화하세요.',
    'error.request_id_conflict': '이 카드는 이미 다른 요청에 사용되었습니다. 다시 시작하세요.',
    'error.request_in_progress': '이전 요청을 아직 처리 중입니다. 잠시 후 다시 확인하세요.',
    'error.request_failed':
      '이 요청의 이전 시도가 도중에 실패하여 자동으로 반복하지 않습니다. 현재 상태를 확인한 뒤 다시 시도하세요.',
    'error.request_refused_retry': '이전 요청이 거부되었습니다. 다시 시작하세요.',
    'error.partner_center_unavailable':
      '{reason, select, throttled {Partner Center가 지금 바빠서 잠시 기다려 달라고 요청했습니다.} timeout {Partner Center가 제시간에 응답하지 않았습니다.} other {Partner Center에 연결할 수 없습니다.}} 새로 확인된 내용은 없습니다. 몇 분 뒤에 다시 시도하세요(같은 요청이 두 번 처리되지는 않습니다).',
    'error.app_credentials_invalid':
      'Partner Center가 봇의 앱 자격 증명을 거부했습니다. 관리자에게 앱 등록과 비밀 또는 인증서를 확인해 달라고 요청하세요.',
    'error.azure_subscription_failed':
      'Azure에서 Azure 구독을 만들지 못했습니다. 만들어진 것은 없습니다. Partner Center에서 플랜을 확인한 뒤 다시 시도하세요.',
    'error.app_only_not_supported':
      'Partner Center는 이 작업을 로그인한 파트너 사용자를 대신해서만 허용하지만 봇이 앱 자격 증명만으로 호출했습니다. 관리자에게 봇 구성을 확인해 달라고 요청하세요.',
    'error.app_user_not_supported':
      'Partner Center는 이 작업을 봇의 앱 자격 증명으로만 허용하지만 봇이 사용자를 대신해 호출했습니다. 관리자에게 봇 구성을 확인해 달라고 요청하세요.',
  },
});
