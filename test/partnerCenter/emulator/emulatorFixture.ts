import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../../src/domain/clock.js';
import {
  startPartnerCenterEmulator,
  type PartnerCenterEmulator,
  type PartnerCenterEmulatorOptions,
} from '../../../src/partnerCenter/emulator/startPartnerCenterEmulator.js';
import { EmulatorTokens } from '../../support/emulatorTokens.js';
import { DEFAULT_SEED, NOW } from '../sandbox/sandboxFixture.js';

export { CUSTOMERS } from '../sandbox/sandboxFixture.js';
export { NOW };

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // The emulator answers JSON of many shapes; tests read fields they assert on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are read loosely in tests
  body: any;
}

export interface EmulatorFixture {
  emulator: PartnerCenterEmulator;
  tokens: EmulatorTokens;
  dataDir: string;
  /** A request against the emulator origin (path starts with /v1 or /arm). */
  call(method: string, pathAndQuery: string, options?: CallOptions): Promise<CallResult>;
  /** Closes the emulator and starts a new one over the same data dir. */
  restart(more?: Partial<PartnerCenterEmulatorOptions>): Promise<void>;
  dispose(): Promise<void>;
}

/** An emulator on a free port over a fresh temp data dir, trusting a loopback test issuer; clock pinned at NOW. */
export async function emulatorFixture(
  more: Partial<PartnerCenterEmulatorOptions> = {},
): Promise<EmulatorFixture> {
  const clock = fixedClock(NOW);
  const tokens = await EmulatorTokens.start(() => clock.now());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pc-emulator-'));
  const options: PartnerCenterEmulatorOptions = {
    dataDir,
    seedFile: DEFAULT_SEED,
    clock,
    tokenClock: clock,
    upgradeStepMs: 5,
    trustedIssuers: [tokens.trustedIssuer],
    ...more,
  };
  const fixture: EmulatorFixture = {
    emulator: await startPartnerCenterEmulator(options),
    tokens,
    dataDir,
    async call(method, pathAndQuery, callOptions = {}) {
      const token = callOptions.token ?? (await tokens.appUser());
      const headers: Record<string, string> = {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...callOptions.headers,
      };
      if (callOptions.body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${fixture.emulator.baseUrl}${pathAndQuery}`, {
        method,
        headers,
        ...(callOptions.body !== undefined ? { body: JSON.stringify(callOptions.body) } : {}),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    },
    async restart(again = {}) {
      await fixture.emulator.close();
      fixture.emulator = await startPartnerCenterEmulator({ ...options, ...again });
    },
    async dispose() {
      await fixture.emulator.close();
      await tokens.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Polls the upgrade status until it is Completed or Failed (at most `attempts` polls). */
export async function pollUpgrade(
  fixture: EmulatorFixture,
  customerId: string,
  upgradeId: string,
  attempts = 400,
): Promise<CallResult> {
  for (let i = 0; i < attempts; i += 1) {
    const result = await fixture.call('POST', `/v1/productUpgrades/${upgradeId}/status`, {
      body: { customerId, productFamily: 'Azure' },
    });
    if (result.status !== 200 || ['Completed', 'Failed'].includes(result.body.status)) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`upgrade ${upgradeId} did not finish`);
}
