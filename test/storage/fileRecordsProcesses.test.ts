import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { FileAuditLog } from '../../src/storage/fileAuditLog.js';

const CHILD = fileURLToPath(new URL('./support/recordsChild.ts', import.meta.url));

function startChild(dir: string, name: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, name, String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.startsWith('ready\n')) markReady();
  });
  const done = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(Number(out.trim().split('\n').pop())) : reject(new Error(`exit ${code}`)),
    );
  });
  return { child, ready, done };
}

describe('File records shared by two processes on one machine', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'records-processes-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('20 concurrent reserves in each of two processes: exactly one wins; every audit line is whole', async () => {
    const children = [startChild(dir, 'p1', 20), startChild(dir, 'p2', 20)];
    // Both are loaded before either starts (tsx start-up takes a while).
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin.end('go\n');
    const wins = await Promise.all(children.map((c) => c.done));
    expect(wins[0] + wins[1]).to.equal(1);
    const entries = await new FileAuditLog(join(dir, 'audit')).list();
    expect(entries.map((e) => e.requestId).sort()).to.deep.equal(
      [
        ...Array.from({ length: 20 }, (_, i) => `p1-${i}`),
        ...Array.from({ length: 20 }, (_, i) => `p2-${i}`),
      ].sort(),
    );
  });
});
