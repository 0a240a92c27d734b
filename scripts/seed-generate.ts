/**
 * Writes a sandbox seed with many customers (scale tests, benchmarks):
 *   npm run seed:generate -- --customers 10000 --out FILE [--seed N] [--base seed/sandbox-seed.json]
 * Start the bot on it with SANDBOX_SEED_FILE=FILE (and a fresh DATA_DIR).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSeedFile } from '../src/partnerCenter/sandbox/seedLoader.js';
import { generateSeed } from '../src/partnerCenter/sandbox/seedGenerator.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    base: { type: 'string', default: 'seed/sandbox-seed.json' },
  },
});
if (!values.out) {
  console.error('Usage: npm run seed:generate -- --customers 10000 --out FILE [--seed N]');
  process.exit(2);
}
const seed = generateSeed(await readSeedFile(values.base!), Number(values.customers), Number(values.seed));
writeFileSync(values.out, JSON.stringify(seed, null, 1) + '\n');
console.log(`${values.out}: ${seed.customers.length} customers (seed ${values.seed})`);
