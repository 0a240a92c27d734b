import { defineMessages } from '../../i18n/catalog.js';

/**
 * The recon command around the report: downloading the attached file, files that are not a daily
 * rated usage file, and the summary across customers (the per-customer card texts are pec.recon.*).
 */
export const reconMessages = defineMessages({
  'en-US': {
    'recon.download.invalidUrl':
      'The link Teams gave me for {file} is not a valid address. Attach the file again.',
    'recon.download.notHttps':
      'I only download attachments over https, and the link to {file} is not https. Attach the file again in a personal chat with me.',
    'recon.download.status':
      'The file server did not hand over {file} (HTTP status {status}). Attach the file again.',
    'recon.download.tooLarge':
      '{file} is larger than {limit}, the largest file I read. Export a shorter period or fewer customers, or ask your administrator to raise ATTACHMENT_MAX_BYTES.',
    'recon.download.timeout': 'Downloading {file} took too long, so I stopped. Attach the file again.',
    'recon.download.interrupted':
      'The download of {file} was cut off before the end. I do not report on part of a file: attach it again.',
    'recon.download.unreachable': 'I could not reach the server that holds {file}. Attach the file again.',
    'recon.limit.megabytes': '{size} MB',
    'recon.limit.bytes': '{size, plural, one {# byte} other {# bytes}}',
    'recon.notUsageFile':
      '{file} is not a daily rated usage file: expected columns {expected} ({expectedCount, plural, one {# column} other {# columns}} in all), found {found}.',
    'recon.found.empty': 'an empty file',
    'recon.found.binary': 'binary data, not CSV text',
    'recon.found.broken': 'text that is not valid CSV from line {line, number}',
    'recon.found.columns': '{count, plural, one {# column} other {# columns}}: {columns}',
    'recon.found.fileType': 'a file of type {fileType}',
    'recon.noRows': '{file} has the daily rated usage columns but no usage rows.',
    'recon.noValidRows':
      'None of the {count, plural, one {# usage row} other {# usage rows}} in {file} could be read (the first bad one is line {line, number}).',
    'recon.summary.title': 'PEC reconciliation: summary',
    'recon.summary.subtitle':
      '{file}: {customers, plural, one {# customer} other {# customers}}, {rows, plural, one {# usage row} other {# usage rows}}',
    'recon.summary.fact.earned': 'PEC earned',
    'recon.summary.fact.lost': 'PEC lost',
    'recon.summary.fact.excluded': 'Rows that can never earn PEC',
    'recon.summary.fact.flagged': 'Rows to check',
    'recon.summary.warnings': 'Before you use these numbers',
    'recon.summary.customersTitle': 'Customers, most PEC lost first',
    'recon.summary.customerLine': '{customer}: {lost} lost, {earned} earned',
    'recon.summary.cardsFollow':
      "{shown, plural, one {The customer's own card follows.} other {# customer cards follow, most PEC lost first.}}",
    'recon.card.flaggedTitle': 'Rows to check',
    'recon.card.flaggedKept':
      'Only the first {kept, plural, one {# row} other {# rows}} of {total, plural, one {# row to check} other {# rows to check}} are kept here; find the others by their line numbers in the file.',
    'recon.page.expired': 'That reconciliation is no longer open — upload the file again.',
    'recon.page.noCustomer': 'That customer is not in this reconciliation of {file}.',
  },
  'ko-KR': {
    'recon.download.invalidUrl':
      'Teams가 준 {file} 링크가 올바른 주소가 아닙니다. 파일을 다시 첨부해 주세요.',
    'recon.download.notHttps':
      '첨부 파일은 https로만 내려받는데 {file}의 링크는 https가 아닙니다. 저와의 개인 채팅에서 파일을 다시 첨부해 주세요.',
    'recon.download.status':
      '파일 서버가 {file}을(를) 넘겨주지 않았습니다(HTTP 상태 {status}). 파일을 다시 첨부해 주세요.',
    'recon.download.tooLarge':
      '{file}이(가) 제가 읽을 수 있는 최대 크기 {limit}보다 큽니다. 기간이나 고객을 줄여 다시 내보내거나, 관리자에게 ATTACHMENT_MAX_BYTES를 늘려 달라고 요청하세요.',
    'recon.download.timeout':
      '{file}을(를) 내려받는 데 너무 오래 걸려 중단했습니다. 파일을 다시 첨부해 주세요.',
    'recon.download.interrupted':
      '{file}을(를) 내려받는 도중 연결이 끊겼습니다. 일부만 받은 파일로는 보고하지 않으니 다시 첨부해 주세요.',
    'recon.download.unreachable': '{file}이(가) 있는 서버에 연결하지 못했습니다. 파일을 다시 첨부해 주세요.',
    'recon.limit.megabytes': '{size} MB',
    'recon.limit.bytes': '{size, number}바이트',
    'recon.notUsageFile':
      '{file}은(는) 일별 사용량 파일이 아닙니다. 필요한 열: {expected}(모두 {expectedCount, number}개), 실제 내용: {found}.',
    'recon.found.empty': '빈 파일',
    'recon.found.binary': 'CSV 텍스트가 아닌 바이너리 데이터',
    'recon.found.broken': '{line, number}행부터 올바른 CSV가 아닌 텍스트',
    'recon.found.columns': '열 {count, number}개: {columns}',
    'recon.found.fileType': '{fileType} 형식 파일',
    'recon.noRows': '{file}에는 일별 사용량 열은 있지만 사용량 행이 없습니다.',
    'recon.noValidRows':
      '{file}의 사용량 행 {count, number}개를 하나도 읽지 못했습니다(첫 오류: {line, number}행).',
    'recon.summary.title': 'PEC 대사 결과: 요약',
    'recon.summary.subtitle': '{file}: 고객 {customers, number}명, 사용 내역 {rows, number}행',
    'recon.summary.fact.earned': '받은 PEC',
    'recon.summary.fact.lost': '놓친 PEC',
    'recon.summary.fact.excluded': 'PEC 대상이 아닌 행',
    'recon.summary.fact.flagged': '확인이 필요한 행',
    'recon.summary.warnings': '이 숫자를 쓰기 전에 확인하세요',
    'recon.summary.customersTitle': '놓친 PEC가 큰 고객 순',
    'recon.summary.customerLine': '{customer}: {lost} 손실, {earned} 적립',
    'recon.summary.cardsFollow': '놓친 PEC가 큰 고객부터 고객별 카드 {shown, number}장이 이어집니다.',
    'recon.card.flaggedTitle': '확인이 필요한 행',
    'recon.card.flaggedKept':
      '확인이 필요한 행 {total, number}개 중 처음 {kept, number}개만 여기에 보관합니다. 나머지는 파일의 행 번호로 찾아보세요.',
    'recon.page.expired': '이 대사 결과는 더 이상 열려 있지 않습니다. 파일을 다시 올려 주세요.',
    'recon.page.noCustomer': '이 고객은 {file} 대사 결과에 없습니다.',
  },
});
