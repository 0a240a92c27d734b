import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { repositoryRoot } from '../../src/priceData/pricePaths.js';
import { FakeConnector, visibleText } from './support/fakeConnector.js';
import { MEGAN, TeamsClient } from './support/teamsClient.js';
import { E2E_NOW } from './support/appUnderTest.js';

/**
 * The README's promise: a fresh clone with nothing beside it (no ../shared) answers price, PEC and
 * availability questions. Clones this repository's committed HEAD into an empty temp folder, links
 * node_modules (no npm install) and starts the bot the way `npm start` does, with a clean environment.
 */
describe('a fresh clone with no ../shared beside it answers price, PEC and availability questions', function () {
  this.timeout(60_000);
  let workspace: string;
  let bot: ChildProcess | undefined;
  let connector: FakeConnector;
  let client: TeamsClient;

  before(async () => {
    const root = repositoryRoot();
    workspace = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
    const clone = join(workspace, 'main');
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone], {
      encoding: 'utf8',
    });
    expect(cloned.status, cloned.stderr).to.equal(0);
    expect(existsSync(join(workspace, 'shared'))).to.equal(false);
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const dataDir = join(workspace, 'data');
    mkdirSync(dataDir);

    connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
      cwd: clone,
      // Only what a fresh machine has: no PRICE_DATA_DIR, FINOPS_DATA_DIR or other settings of this shell.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: workspace,
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        CLOCK_START_AT: E2E_NOW,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot = child;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /listening on (http:\/\/\S+)\/api\/messages/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`the bot exited (${code}) before listening:\n${output}`)),
      );
    });
    client = new TeamsClient(url, serviceUrl);
  });

  after(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot?.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    await connector?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  async function ask(conversationId: string, text: string): Promise<string> {
    await client.say(text, { user: MEGAN, conversationId });
    const [reply] = await connector.waitFor(() => {
      const messages = connector.messages(conversationId);
      return messages.length ? messages : undefined;
    });
    return visibleText(reply.activity);
  }

  it('a price question is answered from the shipped snapshot, naming source and date', async () => {
    const text = await ask('fresh-price', 'D2s v3 west europe');
    expect(text).to.contain('D2s v3');
    expect(text).to.match(/0\.1\d/);
    expect(text).to.contain('azure-pricing-radar');
    expect(text).to.match(/2026|Aug/);
  });

  it('a PEC question gets list price and PEC', async () => {
    const text = await ask('fresh-pec', 'pec 730 h of D4s v5 in West Europe, Owner access for 20 days');
    expect(text).to.contain('Owner');
    expect(text).to.match(/\$\d/);
    expect(text).to.match(/15\s?%/);
  });

  it('an availability question is answered from the shipped market table', async () => {
    const text = await ask('fresh-availability', 'availability Norway');
    expect(text).to.contain('NOK');
    expect(text).to.match(/2021/);
  });
});
