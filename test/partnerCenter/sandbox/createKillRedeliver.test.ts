import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxData } from '../../../src/partnerCenter/sandbox/sandboxData.js';
import {
  CUSTOMERS,
  DEFAULT_SEED,
  REPO_ROOT,
  sandboxFixture,
  USERS,
  type SandboxFixture,
} from './sandboxFixture.js';
import type { CreateChildJob } from './fixtures/createChild.js';

const CHILD = path.join(REPO_ROOT, 'test/partnerCenter/sandbox/fixtures/createChild.ts');
/** How many times the writing process is killed. Small for CI; `KILL_RUNS=100` for a thorough run. */
const KILLS = Number(process.env.KILL_RUNS ?? 20);
/** Seed of the kill moments (reproducible runs). */
const KILL_SEED = Number(process.env.KILL_SEED ?? 8);
/** Kills land this many ms (at most) after the child said it is ready. */
const MAX_KILL_DELAY_MS = Number(process.env.KILL_MAX_DELAY_MS ?? 250);

type Kind = 'create' | 'rename';
interface Ledger {
  kind: Map<string, Kind>;
  /** requestId → the id the first acknowledgement named. */
  acked: Map<string, string>;
  /** Acknowledgements that named another id than the first one (a duplicate effect). */
  changedAcks: string[];
  errors: string[];
}

/** Deterministic kill moments (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one child; kills it `killAfterMs` after it is ready (undefined: lets it finish). */
function runChild(
  jobFile: string,
  ledger: Ledger,
  killAfterMs: number | undefined,
): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, jobFile], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [what, kind, requestId, id] = line.split(' ');
        if (what === 'ready' && killAfterMs !== undefined)
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (what === 'issued') ledger.kind.set(requestId, kind as Kind);
        if (what === 'error') ledger.errors.push(`${kind} ${requestId}: ${id}`);
        if (what === 'ack') {
          const first = ledger.acked.get(requestId);
          if (first === undefined) ledger.acked.set(requestId, id);
          else if (kind === 'create' && first !== id) ledger.changedAcks.push(requestId);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
      else reject(new Error(`child ended ${code}: ${stderr}`));
    });
  });
}

describe('exactly-once under kill -9: redelivered requests complete once, each change with its audit entry', function () {
  this.timeout(60_000 + KILLS * 8_000);
  let fixture: SandboxFixture;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    await fixture.sandbox.close();
  });
  afterEach(async () => fixture.dispose());

  it(`kills a process creating Azure subscriptions under write load ${KILLS} times; after redelivery nothing is stuck, lost, doubled or unaudited`, async () => {
    const ledger: Ledger = { kind: new Map(), acked: new Map(), changedAcks: [], errors: [] };
    const next = random(KILL_SEED);
    const jobFile = path.join(fixture.dir, 'job.json');
    let corrupt = 0;
    const inFlightAtRestart = new Set<string>();
    const job = (run: number, maxNew: number): CreateChildJob => {
      const pending = [...ledger.kind].filter(([id]) => !ledger.acked.has(id));
      // Also deliver a few acknowledged ones again: they must answer with the same id, doing nothing.
      const again = [...ledger.acked.keys()].slice(-2);
      return {
        dataFile: fixture.dataFile,
        seedFile: DEFAULT_SEED,
        // A later clock each restart: the leases of the killed process have ended.
        clockStartAt: new Date(Date.UTC(2026, 10, 26, 12) + run * 3_600_000).toISOString(),
        customerId: CUSTOMERS.contosoWithPlan,
        userId: USERS.alexGlobalAdmin,
        redeliver: [...pending, ...again.map((id) => [id, ledger.kind.get(id)!] as const)].map(
          ([requestId, kind]) => ({ requestId, kind }),
        ),
        runPrefix: `run${run}`,
        concurrency: 4,
        maxNew,
      };
    };

    for (let run = 0; run < KILLS; run++) {
      for (const key of await inFlightKeys(fixture.dataFile)) inFlightAtRestart.add(key);
      await writeFile(jobFile, JSON.stringify(job(run, 0)));
      expect(await runChild(jobFile, ledger, Math.floor(next() * MAX_KILL_DELAY_MS))).to.equal('killed');
      try {
        JSON.parse(await readFile(fixture.dataFile, 'utf8'));
      } catch {
        corrupt += 1;
      }
    }
    await writeFile(jobFile, JSON.stringify(job(KILLS, 4)));
    expect(await runChild(jobFile, ledger, undefined)).to.equal('done');

    const data = JSON.parse(await readFile(fixture.dataFile, 'utf8')) as SandboxData;
    const stuck = Object.values(data.idempotency).filter((r) => r.state !== 'succeeded');
    const created = data.entitlements.filter((e) => e.friendlyName.startsWith('run'));
    const auditsOf = (requestId: string) => data.audit.filter((a) => a.requestId === requestId);
    const missingAudits = created.filter(
      (e) =>
        !data.audit.some(
          (a) => a.operation === 'subscriptions.create' && a.details?.azureSubscriptionId === e.id,
        ),
    );
    const issued = [...ledger.kind.keys()];
    const creates = issued.filter((id) => ledger.kind.get(id) === 'create');
    const namedBy = (id: string) => created.filter((e) => e.friendlyName === id);
    const unanswered = issued.filter((id) => !ledger.acked.has(id));
    // Acknowledged, but the subscription the answer named is not on disk.
    const lostAcks = creates.filter(
      (id) => ledger.acked.has(id) && !namedBy(id).some((e) => e.id === ledger.acked.get(id)),
    );
    const ackedWithoutAudit = [...ledger.acked.keys()].filter((id) => auditsOf(id).length === 0);
    const duplicates = [
      ...creates.filter((id) => namedBy(id).length > 1),
      ...issued.filter((id) => auditsOf(id).length > 1),
      ...ledger.changedAcks,
    ];
    const figures = {
      kills: KILLS,
      requests: issued.length,
      leftInFlightByKills: inFlightAtRestart.size,
      stuck: stuck.length,
      missingAudits: missingAudits.length,
      lostAcks: lostAcks.length,
      ackedWithoutAudit: ackedWithoutAudit.length,
      duplicates: duplicates.length,
      neverAnswered: unanswered.length,
      errorAnswers: ledger.errors.length,
      corrupt,
    };
    if (process.env.KILL_RUNS) console.log(`      kill-run figures: ${JSON.stringify(figures)}`);

    expect(ledger.errors, 'redeliveries answered with an error').to.deep.equal([]);
    expect(corrupt, 'unreadable data files after a kill').to.equal(0);
    expect(stuck, 'request ids left in flight').to.deep.equal([]);
    expect(unanswered, 'requests never answered').to.deep.equal([]);
    expect(
      missingAudits.map((e) => e.friendlyName),
      'subscriptions without audit entry',
    ).to.deep.equal([]);
    expect(lostAcks, 'acknowledged but not on disk').to.deep.equal([]);
    expect(ackedWithoutAudit, 'acknowledged without audit entry').to.deep.equal([]);
    expect(duplicates, 'done or audited twice').to.deep.equal([]);
    expect(
      creates.filter((id) => namedBy(id).length !== 1),
      'creates not present exactly once',
    ).to.deep.equal([]);
    expect(creates.length).to.be.greaterThan(KILLS);
  });
});

/** Request ids a killed process left in flight (the next process must complete them). */
async function inFlightKeys(dataFile: string): Promise<string[]> {
  const data = JSON.parse(await readFile(dataFile, 'utf8')) as SandboxData;
  return Object.values(data.idempotency)
    .filter((r) => r.state === 'inFlight')
    .map((r) => r.key);
}
