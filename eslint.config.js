// ESLint flat config: recommended JS + typescript-eslint rules over src, test, bench and scripts,
// and the import boundaries of docs/architecture.md (eslint-plugin-import-x no-restricted-paths).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = new URL('.', import.meta.url).pathname;

/** Every folder under src/features/ but shared/: each one is a room of its own. */
const features = readdirSync(new URL('src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

/** The rooms and arrows of docs/architecture.md; test/architecture/boundaries.test.ts shows each one failing. */
export const boundaryZones = [
  {
    target: './src/bot',
    from: './src/features',
    message:
      'src/bot is the host: it never imports a feature (src/app.ts wires features in through BotFeature).',
  },
  {
    // Host libraries too; only the catalog index src/i18n/messages/index.ts names every feature's messages.
    target: ['./src/cards/**', './src/i18n/*.ts'],
    from: './src/features',
    message: 'Host code (src/cards, the i18n core) never imports a feature.',
  },
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'src/domain is pure: it imports nothing outside src/domain.',
  },
  {
    target: './src/features/shared',
    from: './src/features',
    except: ['./shared'],
    message: 'src/features/shared is used by features; it imports none of them.',
  },
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`, './shared'],
    message: `A feature imports no other feature: put what ${feature} shares in src/features/shared, or a rule in src/domain.`,
  })),
];

/** Packages with I/O or a framework: none of them in src/domain. */
export const domainForbiddenPackages = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'crypto',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'restify',
  'lowdb',
  'lowdb/*',
  'pino',
  'adaptivecards',
  'adaptivecards-*',
  'dotenv',
  'csv-parse',
  'csv-parse/*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'devTools/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: domainForbiddenPackages,
              message:
                'src/domain is pure TypeScript: no botbuilder, no I/O (ports are interfaces in src/domain).',
            },
          ],
        },
      ],
    },
  },
);
