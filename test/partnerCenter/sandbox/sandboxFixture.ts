import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import type { Actor } from '../../../src/domain/identity/actor.js';
import {
  openSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../../src/partnerCenter/sandbox/openSandbox.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_SEED = path.join(REPO_ROOT, 'seed/sandbox-seed.json');
export const RESELLER_SEED = path.join(REPO_ROOT, 'seed/sandbox-seed-reseller.json');
export const NOW = '2026-11-26T12:00:00.000Z';

/** Seed customer ids used across tests. */
export const CUSTOMERS = {
  fabrikamNoMca: '4a9d2601-413f-4fde-8fee-3c7987ff6ce9',
  northwindAttested: 'e2ff5fb0-21c1-4137-be62-ee3eb86436a9',
  hanbitDirectlySigned: 'deb23522-828f-4e55-8a9f-45bdc2a79ed5',
  contosoWithPlan: '14876998-c0dc-46e6-9d0c-65a57a6c32ec',
  woodgroveLegacyTwoResellers: 'dea9b094-88ce-404f-8425-db5733c8bb8d',
  litwareLegacySuspended: '0f30896c-0ebb-4685-ae64-f5d99424e282',
  adatumLegacyRecent: '751ae4ab-d72f-4e95-a84b-d92364579cf3',
  muellerTransitionFails: 'b927c7c1-9618-411b-8d82-263f8e87af04',
  wideWorldResellerCustomer: '8aa611d3-5454-4b60-a7b3-143030f19a31',
  nordlysNo: 'd5844923-61cd-4025-8b2a-dc991c6e29c3',
  fourthCoffeeNotAvailable: 'd4586f38-5bb2-44ba-959d-5410baaea99f',
  tailspinSharedServices: 'e7e187e4-a522-4ed9-9724-23d602c15078',
  alpineRenewalRequired: '5b1f8c2e-7a43-4d6e-9f10-2c3b4a5d6e71',
  relecloudLinkPending: '6c2a9d3f-8b54-4e7f-a021-3d4c5b6e7f82',
  lamnaLinkExpired: '7d3b0e4a-9c65-4f80-b132-4e5d6c7f8093',
  vanArsdelReadyToCreate: '8e4c1f5b-ad76-4091-8243-5f6e7d809104',
} as const;

export const USERS = {
  alexGlobalAdmin: '00000000-0000-0000-0000-0000000000020',
  meganSalesAgent: '00000000-0000-0000-0000-0000000000021',
  adeleAdminAgent: '00000000-0000-0000-0000-0000000000022',
  leeBillingAdmin: '00000000-0000-0000-0000-0000000000023',
  diegoHelpdesk: '00000000-0000-0000-0000-0000000000024',
  isaiahUserAdmin: '00000000-0000-0000-0000-0000000000025',
} as const;

export interface SandboxFixture {
  sandbox: Sandbox;
  dir: string;
  dataFile: string;
  actor(aadObjectId: string): Promise<Actor>;
  reopen(options?: Partial<SandboxOptions>): Promise<Sandbox>;
  dispose(): Promise<void>;
}

/** A sandbox over a fresh temporary data file (real JSONFile persistence). */
export async function sandboxFixture(
  options: Partial<SandboxOptions> & { clock?: Clock } = {},
): Promise<SandboxFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sandbox-test-'));
  const dataFile = path.join(dir, 'sandbox.json');
  const base: SandboxOptions = {
    dataFile,
    seedFile: DEFAULT_SEED,
    clock: fixedClock(NOW),
    upgradeStepMs: 5,
    ...options,
  };
  const opened: Sandbox[] = [];
  const sandbox = await openSandbox(base);
  opened.push(sandbox);
  return {
    sandbox,
    dir,
    dataFile,
    async actor(aadObjectId: string) {
      const partner = await sandbox.partnerCenter.getPartner();
      const user = await sandbox.partnerCenter.findUser(partner.tenantId, aadObjectId);
      if (!user) throw new Error(`no seed user ${aadObjectId}`);
      return { partner, user };
    },
    async reopen(more: Partial<SandboxOptions> = {}) {
      const again = await openSandbox({ ...base, ...more });
      opened.push(again);
      return again;
    },
    async dispose() {
      for (const s of opened) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
