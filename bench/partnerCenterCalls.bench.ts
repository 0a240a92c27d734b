/**
 * Partner Center call benchmark: the bot's real REST client (RestPartnerCenter → PartnerCenterHttp)
 * with the bot's real token provider (LocalSignIn: MSAL against the local fake Entra) against the
 * in-process Partner Center emulator (which verifies every token), as the embedded default runs.
 *
 * Prints CPU µs per call (process.cpuUsage: user + system of this one process, so client, token
 * provider, fake Entra and emulator together) for N sequential and N concurrent calls of
 * `getCustomer` (App-only) and `listMcaAgreements` (App+User).
 *
 * Run: node --no-deprecation --import tsx bench/partnerCenterCalls.bench.ts
 * Env: BENCH_CALLS (2000 per case and round), BENCH_ROUNDS (3), BENCH_CONCURRENCY (20).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { systemClock } from '../src/domain/clock.js';
import { createLogger } from '../src/logging.js';
import { LocalSignIn } from '../src/partnerCenter/auth/localSignIn.js';
import { CallScope, type CallUser } from '../src/partnerCenter/callContext.js';
import {
  DEFAULT_EMULATOR_SEED,
  startPartnerCenterEmulator,
} from '../src/partnerCenter/emulator/startPartnerCenterEmulator.js';
import { RestPartnerCenter } from '../src/partnerCenter/rest/restPartnerCenter.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const FABRIKAM = '4a9d2601-413f-4fde-8fee-3c7987ff6ce9';
const CONTOSO = '14876998-c0dc-46e6-9d0c-65a57a6c32ec';

interface Seed {
  partner: { tenantId: string };
  users: Array<{ aadObjectId: string; displayName: string; email?: string; mfa?: boolean }>;
}

async function main(): Promise<void> {
  const seed = JSON.parse(readFileSync(DEFAULT_EMULATOR_SEED, 'utf8')) as Seed;
  const logger = createLogger('warn', new Writable({ write: (_c, _e, done) => done() }));
  const signIn = await LocalSignIn.start({ tenantId: seed.partner.tenantId, users: seed.users, logger });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pc-calls-bench-'));
  const emulator = await startPartnerCenterEmulator({
    dataDir,
    seedFile: DEFAULT_EMULATOR_SEED,
    clock: systemClock,
    trustedIssuers: [{ issuer: signIn.entra.issuer, jwksUrl: signIn.entra.jwksUrl }],
  });
  const callScope = new CallScope();
  const client = new RestPartnerCenter(
    {
      baseUrl: emulator.partnerCenterUrl,
      armBaseUrl: emulator.armUrl,
      partnerApiBaseUrl: emulator.partnerApiUrl,
      tokens: signIn,
      callScope,
    },
    { partner: { tenantId: seed.partner.tenantId } as never, users: [], indirectResellers: [] },
  );
  const mfaUser = seed.users.find((u) => u.mfa !== false)!;
  const user: CallUser = { tenantId: seed.partner.tenantId, aadObjectId: mfaUser.aadObjectId };
  const inTurn = <T>(work: () => Promise<T>) =>
    callScope.run({ correlationId: crypto.randomUUID(), locale: 'en-US', user }, work);

  const cases: Array<{ name: string; call: () => Promise<unknown> }> = [
    { name: 'getCustomer (App-only)', call: () => inTurn(() => client.getCustomer(CONTOSO)) },
    { name: 'listMcaAgreements (App+User)', call: () => inTurn(() => client.listMcaAgreements(FABRIKAM)) },
  ];
  // Warm-up: tokens, JWKS, JIT.
  for (const c of cases) for (let i = 0; i < 200; i += 1) await c.call();

  const results = new Map<string, number[]>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const c of cases) {
      for (const mode of ['sequential', 'concurrent'] as const) {
        const key = `${c.name} ${mode}`;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        if (mode === 'sequential') {
          for (let i = 0; i < CALLS; i += 1) await c.call();
        } else {
          let next = 0;
          await Promise.all(
            Array.from({ length: CONCURRENCY }, async () => {
              while (next < CALLS) {
                next += 1;
                await c.call();
              }
            }),
          );
        }
        const wallMs = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const usPerCall = (cpu.user + cpu.system) / CALLS;
        results.set(key, [...(results.get(key) ?? []), usPerCall]);
        console.log(
          `round ${round} ${key.padEnd(44)} CPU ${usPerCall.toFixed(0).padStart(5)} µs/call  wall ${(
            (wallMs * 1000) /
            CALLS
          )
            .toFixed(0)
            .padStart(5)} µs/call`,
        );
      }
    }
  }
  console.log('\nmedian CPU µs per call');
  for (const [key, values] of results) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`${key.padEnd(44)} ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0).padStart(5)}`);
  }
  await emulator.close();
  await signIn.close();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
