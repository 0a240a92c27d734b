import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { readTextFile, readTextFileSync } from '../../src/priceData/compressedFiles.js';
import { resolvePricePaths, repositoryRoot } from '../../src/priceData/pricePaths.js';
import { loadSnapshotFolder } from '../../src/priceData/snapshotLoader.js';
import { FIXTURE_SNAPSHOT, REFERENCE_DATA } from './fixtures.js';

const FIXTURE_GZ = join(FIXTURE_SNAPSHOT, 'fixture_westeurope_small_usd.csv.gz');

describe('reference data shipped with the product (no ../shared needed)', () => {
  const root = repositoryRoot();

  it('by default the price paths are the shipped snapshot and FinOps data, not ../shared', () => {
    const emptyDataDir = mkdtempSync(join(tmpdir(), 'no-prices-'));
    const paths = resolvePricePaths({ DATA_DIR: emptyDataDir });
    expect(paths.snapshotDir).to.equal(join(root, 'reference', 'retail-prices-eu-2026-08-22'));
    expect(paths.finopsDir).to.equal(join(root, 'reference', 'finops-toolkit-open-data'));
    expect(`${paths.snapshotDir}${paths.finopsDir}`).not.to.include('shared');
  });

  it('a snapshot fetched into DATA_DIR/prices wins over the shipped one; PRICE_DATA_DIR wins over both', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fetched-prices-'));
    mkdirSync(join(dataDir, 'prices'));
    expect(resolvePricePaths({ DATA_DIR: dataDir }).snapshotDir).to.equal(join(dataDir, 'prices'));
    expect(resolvePricePaths({ DATA_DIR: dataDir, PRICE_DATA_DIR: '/srv/p' }).snapshotDir).to.equal('/srv/p');
  });

  it('a .csv.gz snapshot loads the same rows as the plain .csv, and names source and date', () => {
    const plainDir = join(mkdtempSync(join(tmpdir(), 'plain-')), 'retail-prices-2026-08-22');
    const gzDir = join(mkdtempSync(join(tmpdir(), 'gz-')), 'retail-prices-2026-08-22');
    for (const dir of [plainDir, gzDir]) {
      mkdirSync(dir);
      copyFileSync(
        join(FIXTURE_SNAPSHOT, 'LICENSE-MIT-azure-pricing-radar.txt'),
        join(dir, 'LICENSE-MIT-azure-pricing-radar.txt'),
      );
    }
    writeFileSync(join(plainDir, 'fixture.csv'), gunzipSync(readFileSync(FIXTURE_GZ)));
    copyFileSync(FIXTURE_GZ, join(gzDir, 'fixture.csv.gz'));
    const plain = loadSnapshotFolder(plainDir);
    const gz = loadSnapshotFolder(gzDir);
    expect(gz.report.ok, gz.report.fatal ?? '').to.equal(true);
    expect(gz.report.files).to.deep.equal(['fixture.csv.gz']);
    expect(gz.report.accepted).to.equal(plain.report.accepted).and.to.be.greaterThan(3000);
    expect(gz.catalog?.meta.source).to.include('azure-pricing-radar');
    expect(gz.catalog?.meta.takenAt).to.match(/^2026-08-22/);
  });

  it('reads compressed text synchronously and streamed alike', async () => {
    const streamed = await readTextFile(FIXTURE_GZ);
    expect(streamed).to.equal(readTextFileSync(FIXTURE_GZ));
    expect(streamed.split('\n')[0]).to.include('retailPrice');
  });

  it('every shipped file is gzip, has a licence beside it and is named in SOURCES.md', () => {
    const sources = readFileSync(join(REFERENCE_DATA, 'SOURCES.md'), 'utf8');
    const folders = readdirSync(REFERENCE_DATA, { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    );
    expect(folders.map((folder) => folder.name)).to.have.members([
      'finops-toolkit-open-data',
      'partner-center',
      'retail-prices-eu-2026-08-22',
    ]);
    for (const folder of folders) {
      const names = readdirSync(join(REFERENCE_DATA, folder.name));
      expect(
        names.some((name) => name.startsWith('LICENSE')),
        folder.name,
      ).to.equal(true);
      for (const name of names.filter((file) => !file.startsWith('LICENSE'))) {
        expect(name, folder.name).to.match(/\.csv\.gz$/);
        expect(sources, name).to.include(`${folder.name}/${name}`);
      }
    }
  });
});
