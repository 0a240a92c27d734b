/**
 * Rewrites the operations table of docs/partner-center-api.md from src/partnerCenter/rest/operations.ts
 * (between the `operations:start` / `operations:end` markers). Run: `npx tsx scripts/partner-center-api-doc.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { operationsTableMarkdown } from '../src/partnerCenter/rest/operations.js';

const file = fileURLToPath(new URL('../docs/partner-center-api.md', import.meta.url));
const text = await readFile(file, 'utf8');
const updated = text.replace(
  /<!-- operations:start -->[\s\S]*?<!-- operations:end -->/,
  () => `<!-- operations:start -->\n${operationsTableMarkdown()}\n<!-- operations:end -->`,
);
await writeFile(file, updated, 'utf8');
console.log(
  updated === text ? 'docs/partner-center-api.md is up to date' : 'docs/partner-center-api.md updated',
);
