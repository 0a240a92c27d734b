/**
 * Bot-turn benchmark: the real bot against a bare echo bot on the same stack (botbuilder
 * CloudAdapter + restify; bench/turns/echoBot.ts says exactly what the echo bot does).
 *
 * Both bots run as child processes on free loopback ports; this process drives them over HTTP and
 * plays the Bot Framework connector, answering every reply instantly. A turn is timed from the POST
 * to the arrival of its first *message* reply at the connector (typing indicators are ignored); a
 * worker sends its next turn once both the reply and the HTTP answer are in. Per round and command
 * the echo bot and the real bot run one after the other (interleaved), so drift hits both.
 *
 * Run: npm run bench:turns
 * Besides wall-clock turns/s and latencies (which a shared machine makes noisy), each bot's CPU
 * time per turn (user + system, from /proc) is printed: it does not depend on what else runs.
 *
 * Env: BENCH_ROUNDS (3), BENCH_TURNS (1000 per command and round), BENCH_CONCURRENCY (20),
 *      BENCH_COMMANDS (comma-separated names to run), PARTNER_CENTER_READ_TTL_MS (0: the real bot
 *      keeps no Partner Center reads between turns), BENCH_PROFILE_DIR (run the real bot with
 *      `node --cpu-prof` and write its profile there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TURNS = Number(process.env.BENCH_TURNS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

const PARTNER_TENANT = '00000000-0000-0000-0000-0000000000001';
const USER = '00000000-0000-0000-0000-0000000000021'; // Megan: an admin agent of the sandbox partner

interface Command {
  name: string;
  text: string;
  /** A dialog start leaves a flow open: each turn gets its own conversation. */
  freshConversation?: boolean;
}

const ALL_COMMANDS: Command[] = [
  { name: 'help', text: 'help' },
  { name: 'customers', text: 'customers' },
  { name: 'price question', text: 'price D4s v5 linux west europe' },
  // A PEC question without a role leaves its quick-question dialog waiting; a repeated one replaces
  // it (and updates the older card). Each turn gets its own conversation so every turn does the
  // same work (a first question), like a dialog start.
  { name: 'PEC question', text: 'pec D4s v5 linux west europe admin agent 30 days', freshConversation: true },
  { name: 'dialog start (attest fabrikam)', text: 'attest fabrikam', freshConversation: true },
];
const only = process.env.BENCH_COMMANDS?.split(',').map((name) => name.trim());
const COMMANDS = only ? ALL_COMMANDS.filter((command) => only.includes(command.name)) : ALL_COMMANDS;

/** The connector: resolves the waiter of the inbound activity a message reply answers. */
class InstantConnector {
  private readonly waiters = new Map<string, () => void>();
  private url = '';

  async start(): Promise<string> {
    const server = createServer(async (req, res) => {
      const body = await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"reply"}');
      let activity: { type?: string; replyToId?: string } = {};
      try {
        activity = JSON.parse(body) as typeof activity;
      } catch {
        return;
      }
      if (activity.type !== 'message' || !activity.replyToId) return;
      const wake = this.waiters.get(activity.replyToId);
      this.waiters.delete(activity.replyToId);
      wake?.();
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    server.unref();
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  replyTo(activityId: string): Promise<void> {
    return new Promise((resolve) => this.waiters.set(activityId, resolve));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Bot {
  name: 'echo' | 'real';
  url: string;
  child: ChildProcess;
}

async function startBot(name: Bot['name'], script: string, nodeArgs: string[] = []): Promise<Bot> {
  const child = spawn(process.execPath, ['--no-deprecation', ...nodeArgs, '--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} bot exited (${code}) before listening`)));
  });
  return { name, url: `http://127.0.0.1:${port}/api/messages`, child };
}

interface Batch {
  turnsPerSecond: number;
  latencies: number[];
  errors: number;
  /** CPU time (user + system) the bot's process spent per answered turn; NaN where /proc is missing. */
  cpuMsPerTurn: number;
}

/** CPU time of a process so far in ms (Linux /proc; the machine may be shared, CPU time is not). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // Fields 14 and 15 (utime, stime) of stat(5), counted from field 3 after the ") ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

let sequence = 0;

async function runBatch(
  bot: Bot,
  command: Command,
  serviceUrl: string,
  connector: InstantConnector,
): Promise<Batch> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async (workerId: number) => {
    for (;;) {
      const index = next++;
      if (index >= TURNS) return;
      sequence += 1;
      const id = `bench-${bot.name}-${sequence}`;
      const conversationId = command.freshConversation
        ? `bench-${bot.name}-conv-${sequence}`
        : `bench-${bot.name}-${command.name}-worker-${workerId}`;
      const activity = {
        type: 'message',
        id,
        channelId: 'msteams',
        serviceUrl,
        locale: 'en-US',
        timestamp: new Date().toISOString(),
        from: { id: `29:${USER}`, name: 'Megan Bowen', aadObjectId: USER },
        recipient: { id: '28:bot-id', name: 'Azure plan assistant' },
        conversation: { id: conversationId, tenantId: PARTNER_TENANT, conversationType: 'personal' },
        channelData: { tenant: { id: PARTNER_TENANT } },
        text: command.text,
      };
      const replied = connector.replyTo(id);
      const started = performance.now();
      let arrived = 0;
      const reply = replied.then(() => {
        arrived = performance.now();
      });
      const response = await fetch(bot.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      await response.arrayBuffer();
      if (!response.ok) {
        errors += 1;
        continue;
      }
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), 10_000).unref(),
      );
      if ((await Promise.race([reply, timeout])) === 'timeout') {
        errors += 1;
        continue;
      }
      latencies.push(arrived - started);
    }
  };
  const started = performance.now();
  const cpuBefore = cpuMsOf(bot.child.pid);
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, workerId) => worker(workerId)));
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerTurn = (cpuMsOf(bot.child.pid) - cpuBefore) / latencies.length;
  return { turnsPerSecond: latencies.length / seconds, latencies, errors, cpuMsPerTurn };
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

interface Summary {
  turnsPerSecond: number[];
  latencies: number[];
  errors: number;
  cpuMsPerTurn: number[];
}

const here = dirname(fileURLToPath(import.meta.url));
const connector = new InstantConnector();
const serviceUrl = await connector.start();
const profileArgs = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
// BENCH_BASELINE_SCRIPT: compare with another bot in the "echo" column, e.g. an older checkout's
// bench/turns/realBot.ts (the in-process sandbox backend before the REST client became the only path).
const baselineScript = process.env.BENCH_BASELINE_SCRIPT;
const echo = await startBot('echo', baselineScript ?? join(here, 'turns', 'echoBot.ts'));
if (baselineScript) process.stderr.write(`baseline ("echo" column): ${baselineScript}\n`);
const real = await startBot('real', join(here, 'turns', 'realBot.ts'), profileArgs);
const results = new Map<string, { echo: Summary; real: Summary }>();
for (const command of COMMANDS) {
  const empty = (): Summary => ({ turnsPerSecond: [], latencies: [], errors: 0, cpuMsPerTurn: [] });
  results.set(command.name, { echo: empty(), real: empty() });
}

try {
  // Warm-up: JIT, module caches, first files of each conversation.
  for (const command of COMMANDS) {
    for (const bot of [echo, real]) await runBatch(bot, command, serviceUrl, connector);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const command of COMMANDS) {
      for (const bot of round % 2 ? [echo, real] : [real, echo]) {
        const batch = await runBatch(bot, command, serviceUrl, connector);
        const summary = results.get(command.name)![bot.name];
        summary.turnsPerSecond.push(batch.turnsPerSecond);
        summary.latencies.push(...batch.latencies);
        summary.errors += batch.errors;
        summary.cpuMsPerTurn.push(batch.cpuMsPerTurn);
      }
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
} finally {
  for (const bot of [echo, real]) bot.child.kill('SIGTERM');
  await Promise.all(
    [echo, real].map((bot) => new Promise<void>((resolve) => bot.child.once('exit', () => resolve()))),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\n${ROUNDS} rounds × ${TURNS} turns per command at ${CONCURRENCY} concurrent (after one warm-up round), node ${process.version}`,
);
console.log(
  '| command | echo turns/s | real turns/s | ratio (median, min–max per round) | echo p50 / p99 ms | real p50 / p99 ms | p99 ratio | CPU ms/turn echo / real | errors |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, { echo: e, real: r }] of results) {
  const ratios = r.turnsPerSecond.map((value, index) => value / e.turnsPerSecond[index]);
  const el = [...e.latencies].sort((a, b) => a - b);
  const rl = [...r.latencies].sort((a, b) => a - b);
  console.log(
    `| ${name} | ${median(e.turnsPerSecond).toFixed(0)} | ${median(r.turnsPerSecond).toFixed(0)} | ` +
      `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ` +
      `${percentile(el, 0.5).toFixed(1)} / ${percentile(el, 0.99).toFixed(1)} | ` +
      `${percentile(rl, 0.5).toFixed(1)} / ${percentile(rl, 0.99).toFixed(1)} | ` +
      `${(percentile(rl, 0.99) / percentile(el, 0.99)).toFixed(2)}× | ` +
      `${median(e.cpuMsPerTurn).toFixed(2)} / ${median(r.cpuMsPerTurn).toFixed(2)} | ${e.errors + r.errors} |`,
  );
}
