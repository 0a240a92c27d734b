import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/lib/childProcesses.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface EmulatorProcess {
  child: ChildProcess;
  /** PARTNER_CENTER_EMULATOR_URL as the emulator printed it. */
  emulatorUrl: string;
  /** LOCAL_ENTRA_URL as the emulator printed it. */
  entraUrl: string;
  stop(): Promise<void>;
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** SIGKILL (a crash) or SIGTERM; resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `npm run emulator -- --with-entra` in its own process; resolves once it printed its URLs. */
export async function startEmulatorProcess(options: {
  dataDir: string;
  seedFile?: string;
  upgradeStepMs?: number;
  clockStartAt?: string;
  /** Seed users whose sign-in has no MFA. */
  noMfa?: readonly string[];
}): Promise<EmulatorProcess> {
  const args = ['--no-deprecation', '--import', 'tsx', 'scripts/emulator.ts', '--port', '0'];
  args.push('--data', options.dataDir, '--with-entra');
  if (options.seedFile) args.push('--seed', options.seedFile);
  if (options.upgradeStepMs !== undefined) args.push('--upgrade-step-ms', String(options.upgradeStepMs));
  for (const oid of options.noMfa ?? []) args.push('--no-mfa', oid);
  if (options.clockStartAt) args.push('--clock-start-at', options.clockStartAt);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const urls = await new Promise<{ emulatorUrl: string; entraUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const emulatorUrl = /^PARTNER_CENTER_EMULATOR_URL=(\S+)$/m.exec(output)?.[1];
      const entraUrl = /^LOCAL_ENTRA_URL=(\S+)$/m.exec(output)?.[1];
      if (emulatorUrl && entraUrl) {
        clearTimeout(timer);
        resolve({ emulatorUrl, entraUrl });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${String(code)}): ${output}`));
    });
  });
  return {
    child,
    ...urls,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** The bot as `npm start` runs it (src/index.ts), in its own process; resolves once /healthz answers. */
export async function startBotProcess(env: Record<string, string>, port?: number): Promise<BotProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(chosen) },
    stdio: ['ignore', process.env.BOT_OUTPUT ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${chosen}`;
  const deadline = Date.now() + 40_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('bot did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    child,
    port: chosen,
    url,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited(child);
    },
  };
}

/** The `data` of the first card action whose data has this verb (nested show cards included). */
export function dataWithVerb(content: unknown, verb: string): Record<string, unknown> | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const record = content as Record<string, unknown>;
  if (record.verb === verb && record.type === undefined) return record;
  for (const value of Object.values(record)) {
    const found = dataWithVerb(value, verb);
    if (found) return found;
  }
  return undefined;
}

/** The emulator's data file (what Partner Center "really" holds). */
export interface EmulatorData {
  customers?: Array<{ id: string; companyName?: string }>;
  subscriptions: Array<{ id: string; customerId: string; offerId: string; friendlyName?: string }>;
  entitlements: Array<Record<string, unknown>>;
  upgrades: Array<{ customerId: string; status: string; lineItems: Array<{ status: string }> }>;
}
