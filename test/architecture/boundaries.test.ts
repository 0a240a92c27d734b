import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The import boundaries of docs/architecture.md are lint errors (eslint.config.js). Each case lints
 * a small file that exists only in memory, placed in a room of the tree, and says which rule (if
 * any) reports it: so a rule that stops firing fails here, not silently in review.
 */
const CASES: ReadonlyArray<{ name: string; file: string; code: string; rule: string | null }> = [
  {
    name: 'the host (src/bot) imports a feature',
    file: 'src/bot/violation.ts',
    code: "import { coreFeature } from '../features/core/coreFeature.js';\nexport const x = coreFeature;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a feature imports another feature',
    file: 'src/features/pec/violation.ts',
    code: "import { billingFeature } from '../billing/billingCommands.js';\nexport const x = billingFeature;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the shared folder imports a feature',
    file: 'src/features/shared/violation.ts',
    code: "import { pecFeature } from '../pec/pecFeature.js';\nexport const x = pecFeature;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the domain imports the host',
    file: 'src/domain/violation.ts',
    code: "import type { Replier } from '../bot/replier.js';\nexport type X = Replier;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the domain does I/O',
    file: 'src/domain/violation.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'the domain imports botbuilder',
    file: 'src/domain/violation.ts',
    code: "import { TurnContext } from 'botbuilder';\nexport const x = TurnContext;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'a feature imports the shared folder, the host interfaces and the domain (allowed)',
    file: 'src/features/pec/allowed.ts',
    code: [
      "import { resultCardData } from '../shared/resultCard.js';",
      "import type { BotFeature } from '../../bot/feature.js';",
      "import { systemClock } from '../../domain/clock.js';",
      'export const x: [typeof resultCardData, BotFeature, typeof systemClock] = [resultCardData, {}, systemClock];',
      '',
    ].join('\n'),
    rule: null,
  },
];

describe('Import boundaries (eslint.config.js) fail on a violation', () => {
  const eslint = new ESLint({ cwd: ROOT });

  for (const { name, file, code, rule } of CASES) {
    it(`${rule ? 'reports' : 'allows'}: ${name}`, async () => {
      const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
      const rules = result.messages.map((message) => message.ruleId);
      if (rule) expect(rules).to.include(rule);
      else
        expect(result.messages.map((message) => `${message.ruleId}: ${message.message}`)).to.deep.equal([]);
    });
  }
});
