import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logging.js';
import { createPartnerCenterTokens } from '../../../src/partnerCenter/auth/createPartnerCenterTokens.js';
import { DEFAULT_EMULATOR_SEED } from '../../../src/partnerCenter/emulator/startPartnerCenterEmulator.js';
import { startEmulatorProcess, type EmulatorProcess } from '../../e2e/support/separateProcesses.js';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';

describe('LOCAL_ENTRA_URL: the bot signs in at the fake Entra of `npm run emulator -- --with-entra`', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'ext-entra-'));
  let emulator: EmulatorProcess;
  const seedFile = DEFAULT_EMULATOR_SEED;

  before(async () => {
    // Megan signs in without MFA.
    emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator'), noMfa: [MEGAN] });
  });

  after(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints both settings; App-only and App+User tokens come from that Entra, MFA per seed, and the emulator accepts them', async () => {
    expect(emulator.emulatorUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.entraUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = loadConfig({
      PARTNER_CENTER_EMULATOR_URL: emulator.emulatorUrl,
      LOCAL_ENTRA_URL: emulator.entraUrl,
      SANDBOX_SEED_FILE: seedFile,
    });
    const signIn = await createPartnerCenterTokens(config, { logger: createLogger('silent') });
    try {
      expect(signIn.mode).to.equal('local');
      expect(signIn.local!.entra.baseUrl).to.equal(emulator.entraUrl);
      const jwks = createRemoteJWKSet(new URL(signIn.local!.entra.jwksUrl));
      const verify = (token: string) =>
        jwtVerify(token, jwks, {
          issuer: signIn.local!.entra.issuer,
          audience: 'https://api.partnercenter.microsoft.com',
        });

      const app = await signIn.tokens.getToken('app-only', 'partnerCenter');
      expect((await verify(app)).payload).to.include({ idtyp: 'app', tid: TENANT });

      const alex = { tenantId: TENANT, aadObjectId: ALEX };
      const user = await signIn.tokens.getToken('app+user', 'partnerCenter', alex);
      expect((await verify(user)).payload).to.include({ idtyp: 'user', oid: ALEX });
      expect(decodeJwt(user).amr).to.include('mfa');

      // The emulator in the other process trusts that Entra: a Partner Center call succeeds.
      const customers = await fetch(`${emulator.emulatorUrl}/v1/customers?size=10`, {
        headers: { Authorization: `Bearer ${user}`, Accept: 'application/json' },
      });
      expect(customers.status, await customers.clone().text()).to.equal(200);
      const refused = await fetch(`${emulator.emulatorUrl}/v1/customers`, {
        headers: { Authorization: 'Bearer not-a-token', Accept: 'application/json' },
      });
      expect(refused.status).to.equal(401);

      const code = (promise: Promise<string>) =>
        promise.then(
          () => '',
          (e: { code?: string }) => e.code,
        );
      expect(
        await code(
          signIn.tokens.getToken('app+user', 'partnerCenter', { tenantId: TENANT, aadObjectId: MEGAN }),
        ),
      ).to.equal('mfa_required');
      expect(
        await code(
          signIn.tokens.getToken('app+user', 'partnerCenter', { tenantId: TENANT, aadObjectId: 'nobody' }),
        ),
      ).to.equal('sign_in_required');
    } finally {
      await signIn.close();
    }
  });

  it('the loopback assertion endpoint refuses unknown users and a missing audience', async () => {
    const unknown = await fetch(`${emulator.entraUrl}/_local/users/nobody/assertion`, {
      method: 'POST',
      body: JSON.stringify({ audience: 'api://x' }),
    });
    expect(unknown.status).to.equal(404);
    const noAudience = await fetch(`${emulator.entraUrl}/_local/users/${ALEX}/assertion`, {
      method: 'POST',
      body: '{}',
    });
    expect(noAudience.status).to.equal(400);
  });
});
