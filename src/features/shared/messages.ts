import { defineMessages } from '../../i18n/catalog.js';

/** Chat prompts around PEC, billing, availability and offer answers (the answers are in pec.ts / billing.ts). */
export const knowledgeMessages = defineMessages({
  'en-US': {
    'knowledge.pec.needPrice':
      'Tell me what is consumed too, e.g. **pec 730 h of D4s v5 in West Europe, Owner access for 20 days**.',
    'knowledge.billing.ask': 'Ask e.g. **billing which invoice will usage on 15 October be on?**',
    'knowledge.availability.ask':
      'Ask e.g. **availability Norway** or "is the Azure plan available in Norway, and in which currency am I billed?"',
    'knowledge.availability.unavailable':
      'The CSP market table is not available on this installation (MARKET_TABLE_FILE), so I cannot answer availability questions.',
    'knowledge.recon.how':
      'In a personal chat with me, attach a daily rated usage file (CSV, the 55 new-commerce columns) to a message that says **recon**, or type **recon sample** to see a report from a SYNTHETIC file.',
    'knowledge.recon.working': 'Reading {file}…',
    'knowledge.recon.noSnapshot': 'The sample needs a price snapshot, and none is loaded.',
  },
  'ko-KR': {
    'knowledge.pec.needPrice':
      '사용하는 항목도 알려 주세요. 예: **pec 서유럽 D4s v5 730시간, 오너 권한 20일**',
    'knowledge.billing.ask': '예: **청구 10월 15일 사용량은 어느 인보이스에 나오나요?**',
    'knowledge.availability.ask':
      '예: **가용성 노르웨이** 또는 "노르웨이에서 Azure 플랜을 살 수 있고 어떤 통화로 청구되나요?"',
    'knowledge.availability.unavailable':
      '이 설치에는 CSP 시장 표(MARKET_TABLE_FILE)가 없어 가용성 질문에 답할 수 없습니다.',
    'knowledge.recon.how':
      '저와의 개인 채팅에서 **대사**라고 입력한 메시지에 일별 사용량 파일(CSV, 신규 커머스 55개 열)을 첨부하거나, **대사 샘플**을 입력해 합성(SYNTHETIC) 파일 보고서를 확인하세요.',
    'knowledge.recon.working': '{file} 읽는 중…',
    'knowledge.recon.noSnapshot': '샘플에는 가격 스냅샷이 필요한데 로드된 스냅샷이 없습니다.',
  },
});
