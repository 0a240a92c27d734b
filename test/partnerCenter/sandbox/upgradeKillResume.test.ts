import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { UpgradeEvent } from '../../../src/domain/transition/upgradeEvents.js';
import { CUSTOMERS, DEFAULT_SEED, REPO_ROOT, sandboxFixture, type SandboxFixture } from './sandboxFixture.js';

const CHILD = path.join(REPO_ROOT, 'test/partnerCenter/sandbox/fixtures/upgradeChild.ts');

/** Runs the child until it has reported `progressEvents` progress events, then SIGKILLs it. */
function runAndKill(dataFile: string, customerId: string, progressEvents: number): Promise<UpgradeEvent[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dataFile, DEFAULT_SEED, customerId, '40'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const events: UpgradeEvent[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.startsWith('{'))) {
        events.push(JSON.parse(line) as UpgradeEvent);
        if (events.filter((e) => e.type === 'upgradeProgress').length === progressEvents)
          child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(events) : reject(new Error(`child ended ${code}: ${stderr}`)),
    );
  });
}

describe('transition survives a killed process (sandbox upgrade worker)', () => {
  let fixture: SandboxFixture;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    await fixture.sandbox.close();
  });
  afterEach(async () => fixture.dispose());

  it('a process killed mid-upgrade leaves a readable file; a new process finishes it once, nothing lost or done twice', async () => {
    const customerId = CUSTOMERS.muellerTransitionFails;
    const before = await runAndKill(fixture.dataFile, customerId, 2);
    expect(before.some((e) => e.type === 'upgradeCompleted')).to.equal(false);
    JSON.parse(await readFile(fixture.dataFile, 'utf-8'));

    const restarted = await fixture.reopen();
    const after: UpgradeEvent[] = [];
    restarted.upgradeEvents.subscribe((e) => {
      after.push(e);
    });
    const midway = await restarted.partnerCenter.getUpgradeStatus(
      customerId,
      (await restarted.partnerCenter.getUpgradeEligibility(customerId)).upgradeId!,
    );
    expect(midway.status).to.equal('inProgress');
    expect(midway.lineItems.filter((l) => l.status !== 'pending').length).to.be.greaterThan(0);
    while (await restarted.worker.advanceOnce()) {
      // run to the end
    }

    const final = await restarted.partnerCenter.getUpgradeStatus(customerId, midway.id);
    expect(final.lineItems.map((l) => l.status)).to.deep.equal(['completed', 'failed', 'completed']);
    const stored = restarted.store.read((data) => ({
      plans: data.subscriptions.filter(
        (s) => s.customerId === customerId && s.offerId.startsWith('DZH318Z0BPS6'),
      ).length,
      entitlementIds: data.entitlements.filter((e) => e.customerId === customerId).map((e) => e.id),
      upgrades: data.upgrades.filter((u) => u.customerId === customerId).length,
    }));
    expect(stored.plans).to.equal(1);
    expect(stored.upgrades).to.equal(1);
    expect(stored.entitlementIds).to.have.length(2);
    expect(new Set(stored.entitlementIds).size).to.equal(2);
    expect(after.filter((e) => e.type === 'upgradeCompleted')).to.deep.equal([
      { type: 'upgradeCompleted', customerId, upgradeId: midway.id, status: 'failed' },
    ]);
  });
});
