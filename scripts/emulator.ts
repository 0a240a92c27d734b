/**
 * The local Partner Center emulator on its own:
 *   npm run emulator -- --port 4020 --data data/emulator [--seed seed/sandbox-seed.json]
 *        [--trust-issuer http://127.0.0.1:4010/<tenant>/v2.0 --jwks http://127.0.0.1:4010/<tenant>/discovery/v2.0/keys]
 *        [--rpm 600] [--upgrade-step-ms 2000] [--billing-account NAME] [--anonymous]
 * Prints the base URL (Partner Center under /v1, Azure Resource Manager under /arm, the partner API
 * of the price sheets under /partnerapi, the MCA acceptance page under /emulator/mca-acceptance) and runs until
 * SIGINT/SIGTERM. --trust-issuer/--jwks may repeat (pairs, in order). Without any issuer the emulator
 * only starts with --anonymous (no token checks: every caller is an App+User with MFA).
 */
import path from 'node:path';
import type { TrustedIssuer } from '../src/partnerCenter/emulator/auth.js';
import { startPartnerCenterEmulator } from '../src/partnerCenter/emulator/startPartnerCenterEmulator.js';

const USAGE =
  'usage: npm run emulator -- --port N --data DIR [--seed FILE] [--trust-issuer URL --jwks URL]… [--rpm N] [--upgrade-step-ms N] [--billing-account NAME] [--anonymous]';

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
}

function parse(argv: string[]): Args | string {
  const args: Args = { port: 0, data: '', issuers: [], jwks: [], anonymous: false };
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
      else return `unknown option ${name}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!args.data) return '--data is required';
  if (args.issuers.length !== args.jwks.length) return 'give one --jwks per --trust-issuer';
  if (args.issuers.length === 0 && !args.anonymous)
    return 'give --trust-issuer URL --jwks URL, or --anonymous';
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
  const emulator = await startPartnerCenterEmulator({
    dataDir: path.resolve(args.data),
    ...(args.seed ? { seedFile: path.resolve(args.seed) } : {}),
    port: args.port,
    ...(trustedIssuers.length > 0 ? { trustedIssuers } : { allowAnonymous: true }),
    ...(args.rpm !== undefined ? { requestsPerMinute: args.rpm } : {}),
    ...(args.upgradeStepMs !== undefined ? { upgradeStepMs: args.upgradeStepMs } : {}),
    ...(args.billingAccount ? { billingAccountName: args.billingAccount } : {}),
  });
  process.stdout.write(`${emulator.baseUrl}\n`);
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
  return 0;
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
