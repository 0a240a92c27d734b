/**
 * The local Partner Center emulator on its own:
 *   npm run emulator -- --port 4020 --data data/emulator [--seed seed/sandbox-seed.json]
 *        [--trust-issuer http://127.0.0.1:4010/<tenant>/v2.0 --jwks http://127.0.0.1:4010/<tenant>/discovery/v2.0/keys]
 *        [--rpm 600] [--upgrade-step-ms 2000] [--billing-account NAME] [--anonymous]
 *        [--with-entra [--entra-port M] [--no-mfa <user oid>]…] [--clock-start-at 2026-12-15T10:00:00Z]
 * --with-entra also starts a fake Entra ID in this process (the seed's tenant, its users with MFA as
 * the seed says — on unless the user has `"mfa": false` in a directory file or is named by --no-mfa —, the well-known emulator client of emulatorEntraClient.ts) and trusts it; then
 * the output has the lines `PARTNER_CENTER_EMULATOR_URL=…` and `LOCAL_ENTRA_URL=…` (the two
 * settings a bot process needs) and `ENTRA_CLIENT_ID=…`.
 * Prints the base URL (Partner Center under /v1, Azure Resource Manager under /arm, the partner API
 * of the price sheets under /partnerapi, the MCA acceptance page under /emulator/mca-acceptance) and runs until
 * SIGINT/SIGTERM. --trust-issuer/--jwks may repeat (pairs, in order). Without any issuer the emulator
 * only starts with --anonymous (no token checks: every caller is an App+User with MFA).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startingClock } from '../src/domain/clock.js';
import { EMULATOR_ENTRA_CLIENT } from '../src/partnerCenter/emulator/entra/emulatorEntraClient.js';
import { startFakeEntra, type FakeEntra } from '../src/partnerCenter/emulator/entra/fakeEntra.js';
import type { TrustedIssuer } from '../src/partnerCenter/emulator/auth.js';
import {
  DEFAULT_EMULATOR_SEED,
  startPartnerCenterEmulator,
} from '../src/partnerCenter/emulator/startPartnerCenterEmulator.js';

const USAGE =
  'usage: npm run emulator -- --port N --data DIR [--seed FILE] [--trust-issuer URL --jwks URL]… [--rpm N] [--upgrade-step-ms N] [--billing-account NAME] [--anonymous] [--with-entra [--entra-port M] [--no-mfa OID]…] [--clock-start-at ISO]';

const DEFAULT_SEED = DEFAULT_EMULATOR_SEED;

interface Args {
  port: number;
  data: string;
  seed?: string;
  issuers: string[];
  jwks: string[];
  rpm?: number;
  upgradeStepMs?: number;
  billingAccount?: string;
  anonymous: boolean;
  withEntra: boolean;
  entraPort: number;
  noMfa: string[];
  clockStartAt?: string;
}

function parse(argv: string[]): Args | string {
  const args: Args = {
    port: 0,
    data: '',
    issuers: [],
    jwks: [],
    anonymous: false,
    withEntra: false,
    entraPort: 0,
    noMfa: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
      i += 1;
      return next;
    };
    const number = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number`);
      return n;
    };
    try {
      if (name === '--port') args.port = number();
      else if (name === '--data') args.data = value();
      else if (name === '--seed') args.seed = value();
      else if (name === '--trust-issuer') args.issuers.push(value());
      else if (name === '--jwks') args.jwks.push(value());
      else if (name === '--rpm') args.rpm = number();
      else if (name === '--upgrade-step-ms') args.upgradeStepMs = number();
      else if (name === '--billing-account') args.billingAccount = value();
      else if (name === '--anonymous') args.anonymous = true;
      else if (name === '--with-entra') args.withEntra = true;
      else if (name === '--entra-port') args.entraPort = number();
      else if (name === '--no-mfa') args.noMfa.push(value().toLowerCase());
      else if (name === '--clock-start-at') {
        args.clockStartAt = value();
        if (Number.isNaN(Date.parse(args.clockStartAt)))
          throw new Error('--clock-start-at needs an ISO date-time');
      } else return `unknown option ${name}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!args.data) return '--data is required';
  if (args.issuers.length !== args.jwks.length) return 'give one --jwks per --trust-issuer';
  if (args.issuers.length === 0 && !args.anonymous && !args.withEntra)
    return 'give --trust-issuer URL --jwks URL, --with-entra, or --anonymous';
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  const trustedIssuers: TrustedIssuer[] = args.issuers.map((issuer, i) => ({
    issuer,
    jwksUrl: args.jwks[i],
  }));
  const clock = args.clockStartAt ? startingClock(args.clockStartAt) : undefined;
  let entra: FakeEntra | undefined;
  if (args.withEntra) {
    // Tokens are stamped and verified on the wall clock (the emulator's tokenClock), not --clock-start-at.
    entra = await startSeedEntra(args.seed ?? DEFAULT_SEED, args.entraPort, args.noMfa);
    trustedIssuers.push({ issuer: entra.issuer, jwksUrl: entra.jwksUrl });
  }
  const emulator = await startPartnerCenterEmulator({
    ...(clock ? { clock } : {}),
    dataDir: path.resolve(args.data),
    ...(args.seed ? { seedFile: path.resolve(args.seed) } : {}),
    port: args.port,
    ...(trustedIssuers.length > 0 ? { trustedIssuers } : { allowAnonymous: true }),
    ...(args.rpm !== undefined ? { requestsPerMinute: args.rpm } : {}),
    ...(args.upgradeStepMs !== undefined ? { upgradeStepMs: args.upgradeStepMs } : {}),
    ...(args.billingAccount ? { billingAccountName: args.billingAccount } : {}),
  });
  process.stdout.write(`${emulator.baseUrl}\n`);
  if (entra)
    process.stdout.write(
      `PARTNER_CENTER_EMULATOR_URL=${emulator.baseUrl}\nLOCAL_ENTRA_URL=${entra.baseUrl}\nENTRA_CLIENT_ID=${EMULATOR_ENTRA_CLIENT.clientId}\n`,
    );
  process.stderr.write(
    `Partner Center emulator: ${emulator.partnerCenterUrl} (ARM: ${emulator.armUrl}, billing account ${emulator.billingAccountName}; partner API: ${emulator.partnerApiUrl}; MCA acceptance page: ${emulator.acceptanceUrl})${
      args.anonymous && trustedIssuers.length === 0 ? ' — anonymous, no token checks' : ''
    }\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  await entra?.close();
  return 0;
}

/** A fake Entra for the seed's tenant and users (MFA as the seed says, default on). */
function startSeedEntra(seedFile: string, port: number, noMfa: readonly string[]): Promise<FakeEntra> {
  const seed = JSON.parse(readFileSync(path.resolve(seedFile), 'utf8')) as {
    partner?: { tenantId?: string };
    users?: Array<{ aadObjectId: string; displayName: string; email?: string; mfa?: boolean }>;
  };
  return startFakeEntra({
    tenantId: seed.partner?.tenantId ?? '00000000-0000-0000-0000-000000000001',
    port,
    serveUserAssertions: true,
    clients: [
      {
        clientId: EMULATOR_ENTRA_CLIENT.clientId,
        secret: EMULATOR_ENTRA_CLIENT.secret,
        ssoAudiences: [EMULATOR_ENTRA_CLIENT.ssoAudience],
      },
    ],
    users: (seed.users ?? []).map((user) => ({
      oid: user.aadObjectId,
      upn: user.email ?? `${user.aadObjectId}@local.test`,
      name: user.displayName,
      mfa: (user.mfa ?? true) && !noMfa.includes(user.aadObjectId.toLowerCase()),
    })),
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
