import { defineMessages } from '../catalog.js';

/** Chat prompts around PEC, billing, availability and offer answers (the answers are in pec.ts / billing.ts). */
export const knowledgeMessages = defineMessages({
  'en-US': {
    'knowledge.pec.needPrice':
      'Tell me what is consumed too, e.g. **pec 730 h of D4s v5 in West Europe, Owner access for 20 days**.',
    'knowledge.billing.ask': 'Ask e.g. **billing which invoice will usage on 15 October be on?**',
    'knowledge.availability.ask':
      'Ask e.g. **availability Norway** or "is the Azure plan available in Norway, and in which currency am I billed?"',
    'knowledge.availability.unavailable':
      'The CSP market table is not available on this installation (SHARED_DATA_DIR), so I cannot answer availability questions.',
  },
  'ko-KR': {
    'knowledge.pec.needPrice':
      '사용하는 항목도 알려 주세요. 예: **pec 서유럽 D4s v5 730시간, 오너 권한 20일**',
    'knowledge.billing.ask': '예: **청구 10월 15일 사용량은 어느 인보이스에 나오나요?**',
    'knowledge.availability.ask':
      '예: **가용성 노르웨이** 또는 "노르웨이에서 Azure 플랜을 살 수 있고 어떤 통화로 청구되나요?"',
    'knowledge.availability.unavailable':
      '이 설치에는 CSP 시장 표(SHARED_DATA_DIR)가 없어 가용성 질문에 답할 수 없습니다.',
  },
});
