import type { Operation } from '../domain/identity/permissions.js';

/**
 * The one definition of the bot's typed commands. The router parses text with it and
 * `scripts/build-manifest.ts` writes the manifest's `commandLists` from it, so they cannot drift.
 * A command is listed (help, manifest) only when `built` is true.
 */
export interface CommandDefinition {
  id: CommandId;
  /** Words that start the command, longest first wins; matched case-insensitively after @mention removal. */
  phrases: { 'en-US': readonly string[]; 'ko-KR': readonly string[] };
  /** Operation the user needs; null for commands everybody may use. */
  operation: Operation | null;
  /** What the command takes after its phrase: shown in help ("attest [customer]"). */
  argument: 'none' | 'optional' | 'required';
  /** Shown in the Teams command menu (manifest commandLists; at most 10 per list). */
  inMenu: boolean;
  /**
   * What the command does while a guided flow (dialog) waits for the user: `answer` it without
   * ending the flow (which then asks again where it was), `askToDrop` the flow before starting this
   * one, or `cancel` the flow. Applied by src/bot/dialogHost.ts, the one interruption policy.
   */
  inFlow: 'answer' | 'askToDrop' | 'cancel';
  built: boolean;
}

export type CommandId =
  | 'help'
  | 'whoami'
  | 'customers'
  | 'customer'
  | 'attest'
  | 'agreements'
  | 'mcaStatus'
  | 'buyPlan'
  | 'subscriptions'
  | 'transition'
  | 'transitionStatus'
  | 'price'
  | 'pec'
  | 'billing'
  | 'compareOffers'
  | 'availability'
  | 'recon'
  | 'signIn'
  | 'signOut'
  | 'cancel';

export const COMMANDS: readonly CommandDefinition[] = [
  {
    id: 'help',
    phrases: {
      'en-US': ['help', '?', 'hi', 'hello', 'menu'],
      'ko-KR': ['도움말', '도움', '안녕', '안녕하세요', '메뉴'],
    },
    operation: null,
    argument: 'none',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'whoami',
    phrases: { 'en-US': ['whoami', 'who am i'], 'ko-KR': ['내 정보', '나는 누구'] },
    operation: null,
    argument: 'none',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'customers',
    phrases: { 'en-US': ['customers', 'list customers'], 'ko-KR': ['고객 목록', '고객들'] },
    operation: 'customers.view',
    argument: 'none',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'customer',
    phrases: { 'en-US': ['customer', 'show customer'], 'ko-KR': ['고객'] },
    operation: 'customers.view',
    argument: 'optional',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'attest',
    phrases: { 'en-US': ['attest', 'attest mca', 'mca'], 'ko-KR': ['증명', 'mca 증명', '계약 증명'] },
    operation: 'agreements.attest',
    argument: 'optional',
    inFlow: 'askToDrop',
    inMenu: true,
    built: true,
  },
  {
    id: 'agreements',
    phrases: { 'en-US': ['agreements', 'agreement'], 'ko-KR': ['계약 내역', '계약'] },
    operation: 'agreements.view',
    argument: 'required',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'mcaStatus',
    phrases: {
      'en-US': ['mca status', 'mca board'],
      'ko-KR': ['mca 상태', 'mca 현황', '계약 현황'],
    },
    operation: 'agreements.view',
    argument: 'optional',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'buyPlan',
    phrases: {
      'en-US': ['buy azure plan', 'buy plan', 'purchase azure plan'],
      'ko-KR': ['애저 플랜 구매', 'azure 플랜 구매', '플랜 구매'],
    },
    operation: 'plan.purchase',
    argument: 'optional',
    inFlow: 'askToDrop',
    inMenu: true,
    built: true,
  },
  {
    id: 'subscriptions',
    phrases: { 'en-US': ['subscriptions', 'subs'], 'ko-KR': ['구독'] },
    operation: 'subscriptions.view',
    argument: 'required',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'transitionStatus',
    phrases: { 'en-US': ['transition status'], 'ko-KR': ['전환 상태'] },
    operation: 'transition.view',
    argument: 'required',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'transition',
    phrases: { 'en-US': ['transition'], 'ko-KR': ['전환'] },
    operation: 'transition.run',
    argument: 'optional',
    inFlow: 'askToDrop',
    inMenu: true,
    built: true,
  },
  {
    id: 'price',
    phrases: { 'en-US': ['price', 'prices', 'how much is'], 'ko-KR': ['가격', '요금'] },
    operation: 'prices.view',
    argument: 'required',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'pec',
    phrases: { 'en-US': ['pec'], 'ko-KR': ['pec', '파트너 적립 크레딧'] },
    operation: 'pec.view',
    argument: 'optional',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'billing',
    phrases: { 'en-US': ['billing', 'invoice'], 'ko-KR': ['청구', '인보이스'] },
    // General billing rules (invoice dates, terms, FX month) are for every partner role; answers
    // drawn from a customer's billing data check 'billing.view' in the handler.
    operation: null,
    argument: 'optional',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'compareOffers',
    phrases: { 'en-US': ['compare offers', 'compare'], 'ko-KR': ['오퍼 비교', '비교'] },
    operation: 'offers.compare',
    argument: 'none',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'availability',
    phrases: { 'en-US': ['availability', 'available'], 'ko-KR': ['가용성', '제공 국가'] },
    operation: 'prices.view',
    argument: 'optional',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'recon',
    phrases: { 'en-US': ['recon', 'reconcile', 'reconciliation'], 'ko-KR': ['대사', '정산 대사'] },
    operation: 'billing.view',
    argument: 'optional',
    inFlow: 'answer',
    inMenu: true,
    built: true,
  },
  {
    id: 'signIn',
    phrases: { 'en-US': ['sign in', 'signin', 'log in', 'login'], 'ko-KR': ['로그인'] },
    operation: null,
    argument: 'none',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'signOut',
    phrases: { 'en-US': ['sign out', 'signout', 'log out', 'logout'], 'ko-KR': ['로그아웃'] },
    operation: null,
    argument: 'none',
    inFlow: 'answer',
    inMenu: false,
    built: true,
  },
  {
    id: 'cancel',
    phrases: { 'en-US': ['cancel', 'stop'], 'ko-KR': ['취소', '그만'] },
    operation: null,
    argument: 'none',
    inFlow: 'cancel',
    inMenu: false,
    built: true,
  },
];

export function builtCommands(): CommandDefinition[] {
  return COMMANDS.filter((command) => command.built);
}
