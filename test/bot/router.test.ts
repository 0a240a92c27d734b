import { expect } from 'chai';
import { COMMANDS } from '../../src/bot/commands.js';
import { CommandRouter } from '../../src/bot/router.js';

describe('CommandRouter', () => {
  const router = new CommandRouter(COMMANDS);

  const cases: Array<[string, string | undefined, string]> = [
    ['help', 'help', ''],
    ['Help!', 'help', ''],
    ['도움말', 'help', ''],
    ['customers', 'customers', ''],
    ['고객 목록', 'customers', ''],
    ['customer contoso', 'customer', 'contoso'],
    ['customer   Contoso Ltd', 'customer', 'Contoso Ltd'],
    ['고객 한빛', 'customer', '한빛'],
    ['transition status Fabrikam', 'transitionStatus', 'Fabrikam'],
    ['transition Fabrikam', 'transition', 'Fabrikam'],
    ['전환 상태 노르딕', 'transitionStatus', '노르딕'],
    ['buy azure plan northwind', 'buyPlan', 'northwind'],
    ['Hello', 'help', ''],
    ['안녕하세요', 'help', ''],
    ['helpme', undefined, ''],
    ['', undefined, ''],
  ];
  for (const [text, id, argument] of cases) {
    it(`"${text}" → ${id ?? 'no command'}${argument ? ` with "${argument}"` : ''}`, () => {
      const match = router.match(text);
      expect(match?.command.id).to.equal(id);
      if (id) expect(match?.argument).to.equal(argument);
    });
  }

  it('suggests the closest allowed commands for a typo', () => {
    const suggestions = router.suggest('hepl', () => true).map((command) => command.id);
    expect(suggestions[0]).to.equal('help');
  });

  it('never suggests a command the user may not use', () => {
    const suggestions = router.suggest('custmers', (id) => id !== 'customers').map((command) => command.id);
    expect(suggestions).to.not.include('customers');
  });
});
