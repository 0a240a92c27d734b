import { defineMessages } from '../../i18n/catalog.js';

/** Sign-in to Partner Center: the sign-in card, sign in / sign out answers. */
export const signInMessages = defineMessages({
  'en-US': {
    'signin.card.title': 'Sign in to Partner Center',
    'signin.card.text':
      'To do this for you, the bot acts in Partner Center as you. Sign in once with your work account (with multi-factor authentication); after that the bot signs you in by itself.',
    'signin.card.button': 'Sign in',
    'signin.required':
      'This needs your Partner Center sign-in: the bot acts in Partner Center as you for customer, order and agreement actions. Sign in with the card below, then try again.',
    'signin.done': 'You are signed in to Partner Center. Try your request again.',
    'signin.failed': 'The sign-in did not finish. Type **sign in** to try again.',
    'signin.already': 'You are already signed in to Partner Center.',
    'signin.signedOut':
      'You are signed out of Partner Center. Type **sign in** when the bot should act for you again.',
    'signin.notConfigured':
      'Sign-in to Partner Center is not set up for this bot (no OAuth connection). Ask your admin (README: "Connect to your Partner Center").',
    'signin.local':
      'This bot runs against its local Partner Center emulator: you are signed in as your seed user already, no sign-in needed.',
    'signin.localSignOut':
      'This bot runs against its local Partner Center emulator, where you stay signed in as your seed user.',
  },
  'ko-KR': {
    'signin.card.title': '파트너 센터에 로그인',
    'signin.card.text':
      '봇은 이 작업을 위해 파트너 센터에서 사용자로서 작업합니다. 회사 계정으로 한 번 로그인하세요(다단계 인증 사용). 그 후에는 봇이 자동으로 로그인합니다.',
    'signin.card.button': '로그인',
    'signin.required':
      '이 작업에는 파트너 센터 로그인이 필요합니다. 봇은 고객, 주문, 계약 작업을 위해 파트너 센터에서 사용자로서 작업합니다. 아래 카드로 로그인한 다음 다시 시도하세요.',
    'signin.done': '파트너 센터에 로그인되었습니다. 요청을 다시 시도하세요.',
    'signin.failed': '로그인이 완료되지 않았습니다. 다시 하려면 **로그인**을 입력하세요.',
    'signin.already': '이미 파트너 센터에 로그인되어 있습니다.',
    'signin.signedOut':
      '파트너 센터에서 로그아웃되었습니다. 봇이 다시 사용자로서 작업해야 할 때 **로그인**을 입력하세요.',
    'signin.notConfigured':
      '이 봇에는 파트너 센터 로그인이 설정되어 있지 않습니다(OAuth 연결 없음). 관리자에게 문의하세요(README: "Connect to your Partner Center").',
    'signin.local':
      '이 봇은 로컬 파트너 센터 에뮬레이터에서 실행 중입니다. 이미 시드 사용자로 로그인되어 있으므로 로그인할 필요가 없습니다.',
    'signin.localSignOut':
      '이 봇은 로컬 파트너 센터 에뮬레이터에서 실행 중이며, 시드 사용자로 계속 로그인되어 있습니다.',
  },
});
