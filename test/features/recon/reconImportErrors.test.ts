import { Readable } from 'node:stream';
import { expect } from 'chai';
import { reconcileDailyRatedUsage } from '../../../src/features/recon/reconcile.js';
import { DAILY_RATED_USAGE_COLUMNS } from '../../../src/features/recon/reconColumns.js';
import { ReconHeaderError, type ReconFileProblem } from '../../../src/features/recon/reconImporter.js';

async function problemOf(input: Readable): Promise<ReconFileProblem> {
  try {
    await reconcileDailyRatedUsage(input, []);
  } catch (error) {
    expect(error).to.be.instanceOf(ReconHeaderError);
    // The error's message (what a log would show) never carries a cell of the file.
    expect((error as Error).message).not.to.match(/SECRET/);
    return (error as ReconHeaderError).problem;
  }
  throw new Error('expected the import to be refused');
}

describe('recon import: files that are not a daily rated usage file', () => {
  const header = DAILY_RATED_USAGE_COLUMNS.join(',');
  const cases: Array<[string, string | Buffer, ReconFileProblem]> = [
    ['another CSV', 'SECRET-A,SECRET-B\n1,2\n', { kind: 'columns', found: ['SECRET-A', 'SECRET-B'] }],
    [
      'the right columns in the wrong order',
      `CustomerId,PartnerId,${header.split(',').slice(2).join(',')}\n`,
      {
        kind: 'columns',
        found: ['CustomerId', 'PartnerId', ...DAILY_RATED_USAGE_COLUMNS.slice(2)],
      },
    ],
    ['an empty file', '', { kind: 'empty' }],
    ['only blank lines', '\n\n\r\n', { kind: 'empty' }],
    [
      'binary data',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      { kind: 'binary' },
    ],
    ['UTF-16 text (NUL bytes)', Buffer.from('\ufeffPartnerId,PartnerName', 'utf16le'), { kind: 'binary' }],
    ['a header cut off', header.slice(0, 60), { kind: 'columns', found: header.slice(0, 60).split(',') }],
    ['an unclosed quote (cut off mid-cell)', `${header}\n"SECRET-C,1,2`, { kind: 'broken', line: 2 }],
  ];
  for (const [what, body, problem] of cases) {
    it(`${what} → ${problem.kind}`, async () => {
      expect(
        await problemOf(Readable.from([typeof body === 'string' ? Buffer.from(body) : body])),
      ).to.deep.equal(problem);
    });
  }

  it('a source that fails mid-file rejects the import with that error (no uncaught stream error)', async () => {
    const source = new Readable({ read() {} });
    source.push(`${header}\n`);
    const failure = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    setImmediate(() => source.destroy(failure));
    let caught: unknown;
    try {
      await reconcileDailyRatedUsage(source, []);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(failure);
  });

  it('a source that already failed before the import started is reported too', async () => {
    const source = new Readable({ read() {} });
    const failure = new Error('gone');
    source.on('error', () => undefined);
    source.destroy(failure);
    let caught: unknown;
    try {
      await reconcileDailyRatedUsage(source, []);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(failure);
  });
});
