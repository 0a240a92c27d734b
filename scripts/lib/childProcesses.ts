/**
 * Starting, waiting for and stopping the helper processes of `npm run playground` and the
 * Playground e2e driver: the bot and Microsoft 365 Agents Playground. Each child runs in its own
 * process group so that stopping it also stops what it started (tsx → node, npx → node).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export interface StartedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** The last lines it printed, for error messages. */
  recentOutput(): string;
}

export interface StartOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Also append everything the process prints to this file. */
  logFile?: string;
  /** Echo the output to this process's stdout, each line prefixed with `[name]`. */
  echo?: boolean;
}

const KEPT_LINES = 40;

/**
 * Process groups still running. A safety net, deliberately process-wide: whatever way this process
 * ends (error, watchdog, process.exit), its children must not live on holding ports.
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killLiveGroupsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  });
}

export function startProcess(options: StartOptions): StartedProcess {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  if (child.pid !== undefined) {
    liveGroups.add(child.pid);
    killLiveGroupsOnExit();
  }
  const lines: string[] = [];
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'w' }) : undefined;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log?.write(text);
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      if (options.echo) process.stdout.write(`[${options.name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      collect(Buffer.from(`${options.command}: ${error.message}`));
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => {
      log?.end();
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { name: options.name, child, exited, recentOutput: () => lines.join('\n') };
}

/** Stops a process and its whole group: SIGTERM first, SIGKILL if it has not ended in time. */
export async function stopProcess(started: StartedProcess, graceMs = 5_000): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  signalGroup(child.pid, 'SIGTERM');
  const timedOut = await Promise.race([
    started.exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
  ]);
  if (timedOut) signalGroup(child.pid, 'SIGKILL');
  await started.exited;
  // Grandchildren that ignored SIGTERM (e.g. a server still draining) must not outlive us.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}

/** Polls a URL until it answers with a status below 500, the process dies, or time runs out. */
export async function waitForHttp(url: string, started: StartedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died: number | string | undefined;
  void started.exited.then((code) => (died = code));
  while (Date.now() < deadline) {
    if (died !== undefined) {
      throw new Error(`${started.name} exited (${died}) before ${url} answered:\n${started.recentOutput()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${started.name} did not answer ${url} within ${timeoutMs} ms:\n${started.recentOutput()}`);
}

/**
 * True when something already answers on this URL (e.g. a bot the developer started by hand);
 * with `requireOk`, only a 2xx answer counts (a health check, not just any server on the port).
 */
export async function isAnswering(url: string, requireOk = false): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return requireOk ? response.ok : response.status < 500;
  } catch {
    return false;
  }
}

/** A TCP port that is free right now on all interfaces (the Playground binds all of them). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
