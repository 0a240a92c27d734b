/**
 * `npm run playground [-- --user megan]`: starts the bot and Microsoft 365 Agents Playground
 * together, waits until both answer, prints the URL to open and stops both on Ctrl-C.
 *
 * Users: the Playground takes its tenant and signed-in user from a YAML file named by
 * M365_AGENTS_PLAYGROUND_CONFIG_PATH (else ./.m365agentsplayground.yml, else built-in defaults with
 * Alex Wilber). `scripts/playground-users/<name>.yml` has one file per sandbox seed user;
 * `--user <name>` picks one (default alex, the Global admin), `--list-users` lists them.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  isAnswering,
  startProcess,
  type StartedProcess,
  stopProcess,
  waitForHttp,
} from './lib/childProcesses.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const USERS_DIRECTORY = join(ROOT, 'scripts', 'playground-users');
const PLAYGROUND_CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');

interface PlaygroundUser {
  key: string;
  configPath: string;
  /** From the file's second comment line, e.g. "Megan Bowen: Sales agent". */
  description: string;
}

export function playgroundUsers(): PlaygroundUser[] {
  return readdirSync(USERS_DIRECTORY)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => {
      const configPath = join(USERS_DIRECTORY, file);
      const described = /^# Microsoft 365 Agents Playground as (.+?)\.?$/m.exec(
        readFileSync(configPath, 'utf8'),
      );
      return {
        key: basename(file, '.yml'),
        configPath,
        description: described?.[1] ?? basename(file, '.yml'),
      };
    });
}

function usage(users: PlaygroundUser[]): string {
  return [
    'Usage: npm run playground [-- --user <name>] [--port 56150] [--bot-port 3978]',
    'Users:',
    ...users.map((user) => `  ${user.key.padEnd(10)} ${user.description}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string', default: 'alex' },
      port: { type: 'string', default: '56150' },
      'bot-port': { type: 'string', default: '3978' },
      'list-users': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const users = playgroundUsers();
  if (values.help || values['list-users']) {
    console.log(usage(users));
    return 0;
  }
  const user = users.find((candidate) => candidate.key === values.user?.toLowerCase());
  if (!user) {
    console.error(`Unknown user "${values.user}".\n${usage(users)}`);
    return 2;
  }
  const botPort = Number(values['bot-port']);
  const playgroundPort = Number(values.port);
  const botHealth = `http://127.0.0.1:${botPort}/healthz`;
  const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;
  const playgroundUrl = `http://127.0.0.1:${playgroundPort}/`;
  const logDirectory = join(ROOT, 'devTools');
  mkdirSync(logDirectory, { recursive: true });

  const children: StartedProcess[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((child) => stopProcess(child)));
  };
  const onSignal = () => {
    if (stopping) return;
    console.log('\nStopping the Playground and the bot…');
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (await isAnswering(botHealth, true)) {
      console.log(`A bot is already running on port ${botPort}; using it.`);
    } else {
      const bot = startProcess({
        name: 'bot',
        command: process.execPath,
        args: ['--import', 'tsx', '--no-deprecation', 'src/index.ts'],
        cwd: ROOT,
        env: { ...process.env, PORT: String(botPort) },
        echo: true,
      });
      children.push(bot);
      await waitForHttp(botHealth, bot, 60_000);
    }
    if (await isAnswering(playgroundUrl)) {
      throw new Error(`Port ${playgroundPort} is already in use; stop that process or pass --port <other>.`);
    }
    const playground = startProcess({
      name: 'playground',
      command: process.execPath,
      args: [
        PLAYGROUND_CLI,
        '-p',
        String(playgroundPort),
        '-c',
        'msteams',
        '-e',
        botEndpoint,
        '--disable-telemetry',
      ],
      cwd: ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: user.configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(logDirectory, 'm365agentsplayground.log'),
      },
      logFile: join(logDirectory, 'playground-console.log'),
    });
    children.push(playground);
    await waitForHttp(playgroundUrl, playground, 60_000);

    console.log(
      [
        '',
        `  Agents Playground: ${playgroundUrl}`,
        `  Signed in as:      ${user.description}  (other users: npm run playground -- --list-users)`,
        `  Bot endpoint:      ${botEndpoint}`,
        `  Playground log:    devTools/playground-console.log`,
        '',
        '  Open the URL in a browser and type "help". Press Ctrl-C to stop both.',
        '',
      ].join('\n'),
    );
    const ended = await Promise.race(children.map((child) => child.exited.then((code) => ({ child, code }))));
    if (stopping) return 0;
    console.error(`${ended.child.name} stopped unexpectedly (${ended.code}):\n${ended.child.recentOutput()}`);
    await stopAll();
    return 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error('The Playground writes its errors to devTools/m365agentsplayground.log.');
    await stopAll();
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main();
