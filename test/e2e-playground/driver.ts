/**
 * Drives the real bot through Microsoft 365 Agents Playground in headless Chromium, for end-to-end
 * flows. Each driver starts its own bot (free port, temporary DATA_DIR), its own Playground (free
 * port, signed-in user from `scripts/playground-users/<user>.yml`) and its own browser profile, and
 * `stop()` ends all of them. Example:
 *
 *   const driver = await PlaygroundDriver.start({ user: 'megan' });
 *   try {
 *     await driver.say('help');
 *     const text = await driver.waitForCardText('What you can do');
 *     await driver.screenshot('help-megan');
 *   } finally {
 *     await driver.stop();
 *   }
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  freePort,
  startProcess,
  type StartedProcess,
  stopProcess,
  waitForHttp,
} from '../../scripts/lib/childProcesses.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYGROUND_CLI = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');

/** Selectors of the Playground 0.2.28 UI (Fluent AI components; other class names are hashed). */
const MESSAGE_BOX = '[role=textbox][data-lexical-editor=true]';
const BOT_MESSAGE = '.fai-OutputCard';
const CARD = '.ac-adaptiveCard';
/** Attribute put on replies already on screen before a message is sent. */
const SEEN = 'data-e2e-seen';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PlaygroundDriverOptions {
  /** A file name in scripts/playground-users without `.yml`; default "alex" (Global admin). */
  user?: string;
  /** Where screenshots and logs go; default test-output/playground (git-ignored). */
  outputDirectory?: string;
  /** Extra environment for the bot (PORT and DATA_DIR are set by the driver). */
  botEnv?: NodeJS.ProcessEnv;
  /** Command that starts the bot; default `node --import tsx src/index.ts`. */
  botCommand?: { command: string; args: string[] };
  chromiumPath?: string;
  /** How long to wait for each reply; default 20 s (first turns compile TypeScript). */
  replyTimeoutMs?: number;
}

/**
 * Playground 0.2.28 sends a pressed `Action.Execute` as an `adaptiveCard/action` invoke through its
 * own server (`POST /_conversation/v1/invoke`); an `Action.Submit` would be a message instead.
 */
function recordExecute(body: string | null, verbs: string[]): void {
  if (!body || !body.includes('adaptiveCard/action')) return;
  try {
    const parsed = JSON.parse(body) as { name?: unknown; value?: { action?: { verb?: unknown } } };
    const verb = parsed.value?.action?.verb;
    if (parsed.name === 'adaptiveCard/action' && typeof verb === 'string') verbs.push(verb);
  } catch {
    // Not JSON: not an invoke of this UI.
  }
}

export class PlaygroundDriver {
  private constructor(
    readonly page: Page,
    readonly playgroundUrl: string,
    readonly botUrl: string,
    readonly outputDirectory: string,
    private readonly replyTimeoutMs: number,
    private readonly context: BrowserContext,
    private readonly processes: StartedProcess[],
    private readonly temporaryDirectories: string[],
    /** Verbs of the `adaptiveCard/action` invokes the Playground sent (card buttons as Action.Execute). */
    readonly executedVerbs: string[] = [],
  ) {}

  static async start(options: PlaygroundDriverOptions = {}): Promise<PlaygroundDriver> {
    const user = options.user ?? 'alex';
    const userConfig = join(ROOT, 'scripts', 'playground-users', `${user}.yml`);
    // A missing file would silently give the Playground's default user instead.
    if (!existsSync(userConfig)) throw new Error(`No Playground user file ${userConfig}`);
    const outputDirectory = options.outputDirectory ?? join(ROOT, 'test-output', 'playground');
    mkdirSync(outputDirectory, { recursive: true });
    const dataDirectory = mkdtempSync(join(tmpdir(), 'e2e-bot-data-'));
    const profileDirectory = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
    const processes: StartedProcess[] = [];
    const cleanUp = async () => {
      await Promise.all(processes.map((started) => stopProcess(started)));
      for (const directory of [dataDirectory, profileDirectory])
        rmSync(directory, { recursive: true, force: true });
    };

    try {
      const botPort = await freePort();
      const botUrl = `http://127.0.0.1:${botPort}`;
      const botCommand = options.botCommand ?? {
        command: process.execPath,
        args: ['--import', 'tsx', '--no-deprecation', 'src/index.ts'],
      };
      const bot = startProcess({
        name: 'bot',
        ...botCommand,
        cwd: ROOT,
        env: {
          ...process.env,
          // Hermetic against a developer's .env (dotenv never overrides a variable that is set):
          // the Playground here sends unsigned requests and the checks expect the sandbox seed.
          MicrosoftAppId: '',
          MicrosoftAppPassword: '',
          ...options.botEnv,
          PORT: String(botPort),
          DATA_DIR: dataDirectory,
        },
        logFile: join(outputDirectory, 'bot.log'),
      });
      processes.push(bot);
      await waitForHttp(`${botUrl}/healthz`, bot, 60_000);

      const playgroundPort = await freePort();
      const playgroundUrl = `http://127.0.0.1:${playgroundPort}/`;
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
          `${botUrl}/api/messages`,
          '--disable-telemetry',
        ],
        cwd: ROOT,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: userConfig,
          M365_AGENTS_PLAYGROUND_LOGFILE: join(outputDirectory, 'm365agentsplayground.log'),
        },
        logFile: join(outputDirectory, 'playground.log'),
      });
      processes.push(playground);
      await waitForHttp(playgroundUrl, playground, 60_000).catch((error: Error) => {
        // The Playground reports config and start-up errors only in its log file.
        throw new Error(
          `${error.message}\nPlayground log: ${join(outputDirectory, 'm365agentsplayground.log')}`,
        );
      });

      const context = await chromium.launchPersistentContext(profileDirectory, {
        executablePath: options.chromiumPath ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: CHROMIUM_ARGS,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const executedVerbs: string[] = [];
      page.on('request', (request) => recordExecute(request.postData(), executedVerbs));
      await page.goto(playgroundUrl);
      await page.locator(MESSAGE_BOX).waitFor({ timeout: 30_000 });
      return new PlaygroundDriver(
        page,
        playgroundUrl,
        botUrl,
        outputDirectory,
        options.replyTimeoutMs ?? 20_000,
        context,
        processes,
        [dataDirectory, profileDirectory],
        executedVerbs,
      );
    } catch (error) {
      await cleanUp();
      throw error;
    }
  }

  /** Types a message into the compose box of the open conversation and sends it, as a user would. */
  async say(text: string): Promise<void> {
    await this.markRepliesSeen();
    await this.page.locator(MESSAGE_BOX).first().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens a conversation from the left rail: "Personal Chat", the group chat ("CSP team chat") or a
   * team channel ("General", "Azure").
   */
  async openConversation(name: string): Promise<void> {
    await this.page
      .getByRole('treeitem', { name: new RegExp(name) })
      .first()
      .click();
    await this.page.locator(MESSAGE_BOX).first().waitFor();
  }

  /**
   * @mentions the bot and sends `text`, as in a channel or group chat ("@Azure plan assistant help");
   * in a channel this starts a new post.
   */
  async sayWithMention(text: string, botName = 'Azure plan assistant'): Promise<void> {
    await this.markRepliesSeen();
    await this.page.locator(MESSAGE_BOX).first().click();
    await this.page.keyboard.type('@');
    await this.page.getByRole('menuitem', { name: botName }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.keyboard.press('Enter');
  }

  /** Clicks a button (Action.Submit/Execute/OpenUrl) with this title on the newest card showing it. */
  async clickCardButton(title: string): Promise<void> {
    await this.markRepliesSeen();
    await this.page.locator(`${CARD} button`, { hasText: title }).last().click();
  }

  /**
   * Sends a message with another locale. The Playground stamps every typed message with
   * `locale: "en-US"` (hard-coded in 0.2.28), so this goes through Mock an Activity → Custom activity.
   */
  async sayInLocale(text: string, locale: string): Promise<void> {
    await this.sendActivity({ type: 'message', text, locale });
  }

  /**
   * Sends a custom activity: the Playground's template (ids, conversation, from, recipient, serviceUrl
   * of this session) with its `type` line replaced by `fields`.
   */
  async sendActivity(fields: Record<string, unknown>): Promise<void> {
    await this.markRepliesSeen();
    const keyboard = this.page.keyboard;
    await this.page.getByText('Mock an Activity').click();
    await this.page.locator('[role=menuitem]', { hasText: 'Custom activity' }).click();
    const dialog = this.page.locator('[role=dialog]');
    await dialog.locator('textarea.inputarea').focus();
    // The template's last property is `"type": "<custom-activity-type>"`: replace that line.
    for (const key of ['Control+End', 'ArrowUp', 'End', 'Shift+Home', 'Delete']) await keyboard.press(key);
    await keyboard.insertText(JSON.stringify(fields).slice(1, -1));
    // The Monaco editor auto-closes quotes and braces; drop what it added after the cursor.
    for (const key of ['Shift+End', 'Delete']) await keyboard.press(key);
    await dialog.getByRole('button', { name: 'Send activity' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /**
   * Waits for an Adaptive Card that appeared after the last `say…`/`sendActivity` and contains
   * `text`; returns the card's text. Works in chats and channels (where new posts go on top).
   */
  async waitForCardText(text: string, timeoutMs = this.replyTimeoutMs): Promise<string> {
    return this.waitForReply(text, true, timeoutMs);
  }

  /** Waits for any bot reply (text or card) in a chat, after the last `say…`, that contains `text`. */
  async waitForReplyText(text: string, timeoutMs = this.replyTimeoutMs): Promise<string> {
    return this.waitForReply(text, false, timeoutMs);
  }

  /** Saves a screenshot of the whole Playground as `<outputDirectory>/<name>.png`; returns the path. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.outputDirectory, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Bot or Playground processes that ended while the session was running (not through `stop()`),
   * e.g. "bot exited (SIGTERM)". A failed check with a dead process is an infrastructure failure.
   */
  deadProcesses(): string[] {
    return this.processes
      .filter(({ child }) => child.exitCode !== null || child.signalCode !== null)
      .map(({ name, child }) => `${name} exited (${child.exitCode ?? child.signalCode})`);
  }

  /** Closes the browser and stops the Playground and the bot; safe to call twice. */
  async stop(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await Promise.all(this.processes.map((started) => stopProcess(started)));
    for (const directory of this.temporaryDirectories) rmSync(directory, { recursive: true, force: true });
  }

  /** Marks every reply on screen, so waits only accept replies that arrive later. */
  private async markRepliesSeen(): Promise<void> {
    await this.page.evaluate(
      ({ selector, attribute }) => {
        for (const element of Array.from(document.querySelectorAll(selector) as ArrayLike<Element>)) {
          element.setAttribute(attribute, '');
        }
      },
      { selector: `${BOT_MESSAGE}, ${CARD}`, attribute: SEEN },
    );
  }

  private async waitForReply(text: string, cardOnly: boolean, timeoutMs: number): Promise<string> {
    const fresh = `${cardOnly ? CARD : BOT_MESSAGE}:not([${SEEN}])`;
    try {
      const handle = await this.page.waitForFunction(
        ({ fresh, text }) => {
          const replies = Array.from(document.querySelectorAll(fresh) as ArrayLike<HTMLElement>);
          return replies.find((reply) => reply.innerText.includes(text))?.innerText ?? false;
        },
        { fresh, text },
        { timeout: timeoutMs, polling: 200 },
      );
      return (await handle.jsonValue()) as string;
    } catch (error) {
      const seen = await this.page
        .locator(fresh)
        .allInnerTexts()
        .catch(() => []);
      const shot = await this.screenshot(`failed-${Date.now()}`).catch(() => 'none');
      const dead = this.deadProcesses();
      throw new Error(
        `No ${cardOnly ? 'card' : 'reply'} containing "${text}" within ${timeoutMs} ms ` +
          `(screenshot: ${shot}). New replies:\n${seen.join('\n---\n') || '(none)'}` +
          (dead.length > 0 ? `\nDuring the session: ${dead.join(', ')}.` : ''),
        { cause: error },
      );
    }
  }
}
