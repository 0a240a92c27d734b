/**
 * Writes the Teams app manifest (`manifest/manifest.json`) and its Korean localization
 * (`manifest/ko-KR.json`) from the command definitions and the manifest message catalog, so the
 * command menu cannot drift from what the router understands. Run: `npx tsx scripts/build-manifest.ts`
 * (part of `npm run package`). The bot id comes from `MicrosoftAppId` (env or .env), else a placeholder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { config as loadDotEnv } from 'dotenv';
import { format, resolveConfig } from 'prettier';
import { COMMANDS, type CommandDefinition } from '../src/bot/commands.js';
import type { Locale } from '../src/i18n/locale.js';
import { manifestMessages } from '../src/i18n/messages/manifest.js';

export const MANIFEST_SCHEMA_URL =
  'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA_URL =
  'https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.Localization.schema.json';

/** The Teams app's own id: fixed, so re-installing the package updates the same app. */
export const TEAMS_APP_ID = '35a5f14a-78c6-4ad5-9671-103d553827be';
/** Used until a real Azure Bot registration exists; Teams will not route messages to it. */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
/**
 * Manifest schema 1.30: the newest that @microsoft/app-manifest (1.1.2) bundles and validates
 * offline. Since 1.24 a bot's command list holds up to 12 commands (10 before); 1.29 added the
 * optional command-list `triggers` (slash commands), left at its default (@mention / menu) because
 * the router reads the menu title as typed text.
 */
export const MANIFEST_VERSION = '1.30' as const;
/** Teams shows at most 12 commands in a bot's command menu (manifest schema 1.24+). */
export const MAX_MENU_COMMANDS = 12;

export const MANIFEST_DIRECTORY = fileURLToPath(new URL('../manifest/', import.meta.url));
const ADDITIONAL_LANGUAGE: Locale = 'ko-KR';
export const LOCALIZATION_FILE = `${ADDITIONAL_LANGUAGE}.json`;

type ManifestKey = keyof (typeof manifestMessages)['en-US'];
type Texts = Readonly<Record<ManifestKey, string>>;

export interface ManifestOptions {
  /** Azure Bot (Microsoft App) id, a GUID. */
  botId: string;
  /** App version shown in Teams; must be raised for every upload of a changed package. */
  version: string;
  /** Extra domains the app may open (e.g. the bot's public host); none needed for a pure bot. */
  validDomains: readonly string[];
  /** Teams SSO: the bot's Application ID URI (api://<domain>/botid-<botId>); unset = no SSO. */
  ssoAppIdUri?: string;
}

interface MenuCommand {
  title: string;
  description: string;
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: typeof MANIFEST_VERSION;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  bots: {
    botId: string;
    scopes: ('personal' | 'team' | 'groupChat')[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: ('personal' | 'team' | 'groupChat')[]; commands: MenuCommand[] }[];
  }[];
  composeExtensions: {
    botId: string;
    commands: {
      id: string;
      type: 'query';
      title: string;
      description: string;
      initialRun: boolean;
      context: ('compose' | 'commandBox')[];
      parameters: { name: string; title: string; description: string; inputType: 'text' }[];
    }[];
  }[];
  permissions: 'identity'[];
  validDomains: string[];
  /** Only with SSO configured: the Entra app Teams gets the user's SSO token for. */
  webApplicationInfo?: { id: string; resource: string };
}

/** `manifest/ko-KR.json`: translated strings addressed by their JSON path in the manifest. */
export type LocalizationFile = { $schema: string } & Record<string, string>;

export interface AppManifestFiles {
  manifest: TeamsManifest;
  /** File name (e.g. `ko-KR.json`) → content. */
  localizations: Record<string, LocalizationFile>;
}

const SCOPES: ('personal' | 'team' | 'groupChat')[] = ['personal', 'team', 'groupChat'];

/** Commands shown in the Teams menu: built and flagged for the menu, in definition order. */
export function menuCommands(commands: readonly CommandDefinition[] = COMMANDS): CommandDefinition[] {
  const listed = commands.filter((command) => command.built && command.inMenu);
  if (listed.length > MAX_MENU_COMMANDS) {
    throw new Error(`${listed.length} menu commands; Teams shows at most ${MAX_MENU_COMMANDS}`);
  }
  return listed;
}

/** Pure: the manifest and its localization files for the given options, nothing written. */
export function buildManifest(options: ManifestOptions): AppManifestFiles {
  const en: Texts = manifestMessages['en-US'];
  const menu = menuCommands();
  const manifest: TeamsManifest = {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: TEAMS_APP_ID,
    developer: {
      // Placeholders: replace with the publishing partner's pages before distributing the app.
      name: 'Azure plan assistant',
      websiteUrl: 'https://example.com/azure-plan-assistant',
      privacyUrl: 'https://example.com/azure-plan-assistant/privacy',
      termsOfUseUrl: 'https://example.com/azure-plan-assistant/terms',
    },
    name: { short: en['manifest.name.short'], full: en['manifest.name.full'] },
    description: { short: en['manifest.description.short'], full: en['manifest.description.full'] },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#0078D4',
    localizationInfo: {
      defaultLanguageTag: 'en-US',
      additionalLanguages: [{ languageTag: ADDITIONAL_LANGUAGE, file: LOCALIZATION_FILE }],
    },
    bots: [
      {
        botId: options.botId,
        scopes: [...SCOPES],
        // Files attached in a personal chat reach the bot as file download info attachments (recon).
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [{ scopes: [...SCOPES], commands: menu.map((command) => menuEntry(en, command)) }],
      },
    ],
    composeExtensions: [
      {
        botId: options.botId,
        commands: SEARCH_COMMANDS.map((id) => ({
          id,
          type: 'query' as const,
          title: en[`manifest.search.${id}.title`],
          description: en[`manifest.search.${id}.description`],
          initialRun: false,
          context: ['compose' as const, 'commandBox' as const],
          parameters: [
            {
              name: 'query',
              title: en[`manifest.search.${id}.query.title`],
              description: en[`manifest.search.${id}.query.description`],
              inputType: 'text' as const,
            },
          ],
        })),
      },
    ],
    permissions: ['identity'],
    validDomains: [...options.validDomains],
  };
  if (options.ssoAppIdUri) {
    // Teams SSO for bots: the app registration (the bot's id) and its Application ID URI; the
    // OAuth card's sign-in page is on token.botframework.com, which must be a valid domain.
    manifest.webApplicationInfo = { id: options.botId, resource: options.ssoAppIdUri };
    if (!manifest.validDomains.includes('token.botframework.com'))
      manifest.validDomains.push('token.botframework.com');
  }
  return {
    manifest,
    localizations: { [LOCALIZATION_FILE]: localization(manifestMessages[ADDITIONAL_LANGUAGE], menu) },
  };
}

/** The message extension's search commands (prices; customers: typeahead-sized lists of 10,000). */
const SEARCH_COMMANDS = ['priceSearch', 'customerSearch'] as const;

function menuEntry(texts: Texts, command: CommandDefinition): MenuCommand {
  return {
    title: texts[`manifest.command.${command.id}.title`],
    description: texts[`manifest.command.${command.id}.description`],
  };
}

function localization(texts: Texts, menu: CommandDefinition[]): LocalizationFile {
  const file: LocalizationFile = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': texts['manifest.name.short'],
    'name.full': texts['manifest.name.full'],
    'description.short': texts['manifest.description.short'],
    'description.full': texts['manifest.description.full'],
  };
  menu.forEach((command, index) => {
    const entry = menuEntry(texts, command);
    file[`bots[0].commandLists[0].commands[${index}].title`] = entry.title;
    file[`bots[0].commandLists[0].commands[${index}].description`] = entry.description;
  });
  SEARCH_COMMANDS.forEach((id, index) => {
    const search = `composeExtensions[0].commands[${index}]`;
    file[`${search}.title`] = texts[`manifest.search.${id}.title`];
    file[`${search}.description`] = texts[`manifest.search.${id}.description`];
    file[`${search}.parameters[0].title`] = texts[`manifest.search.${id}.query.title`];
    file[`${search}.parameters[0].description`] = texts[`manifest.search.${id}.query.description`];
  });
  return file;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options from the environment: `MicrosoftAppId` (GUID), `BOT_DOMAIN` (host name), package.json version. */
export function manifestOptionsFromEnv(env: NodeJS.ProcessEnv): ManifestOptions {
  const botId = env.MicrosoftAppId?.trim() || PLACEHOLDER_BOT_ID;
  if (!GUID.test(botId)) throw new Error(`MicrosoftAppId must be a GUID (the bot app id), got "${botId}"`);
  const domain = env.BOT_DOMAIN?.trim();
  if (domain && !/^[a-z0-9.-]+$/i.test(domain)) {
    throw new Error(`BOT_DOMAIN must be a host name such as bot.example.com, got "${domain}"`);
  }
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const ssoAppIdUri = env.SSO_APP_ID_URI?.trim() || undefined;
  if (ssoAppIdUri && !ssoAppIdUri.toLowerCase().endsWith(`botid-${botId.toLowerCase()}`)) {
    throw new Error(`SSO_APP_ID_URI must be api://<domain>/botid-${botId}, got "${ssoAppIdUri}"`);
  }
  return { botId, version: packageJson.version, validDomains: domain ? [domain] : [], ssoAppIdUri };
}

/** Writes JSON formatted as the repository's Prettier config wants it, so `format:check` stays clean. */
async function writeJson(path: string, json: object): Promise<void> {
  const options = await resolveConfig(path);
  writeFileSync(path, await format(JSON.stringify(json), { ...options, parser: 'json' }));
}

async function main(): Promise<void> {
  loadDotEnv();
  const { manifest, localizations } = buildManifest(manifestOptionsFromEnv(process.env));
  await writeJson(join(MANIFEST_DIRECTORY, 'manifest.json'), manifest);
  for (const [file, content] of Object.entries(localizations)) {
    await writeJson(join(MANIFEST_DIRECTORY, file), content);
  }
  const count = manifest.bots[0].commandLists[0].commands.length;
  console.log(
    `manifest/manifest.json and ${Object.keys(localizations).join(', ')} written (${count} menu commands)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
