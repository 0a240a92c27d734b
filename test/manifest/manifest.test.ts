import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import JSZip from 'jszip';
import { COMMANDS, type CommandDefinition } from '../../src/bot/commands.js';
import { SUPPORTED_LOCALES } from '../../src/i18n/locale.js';
import { manifestMessages } from '../../src/i18n/messages/manifest.js';
import {
  buildManifest,
  LOCALIZATION_FILE,
  MANIFEST_DIRECTORY,
  type ManifestOptions,
  manifestOptionsFromEnv,
  menuCommands,
  PLACEHOLDER_BOT_ID,
} from '../../scripts/build-manifest.js';
import { manifestSchemaErrors } from '../../scripts/lib/manifestValidation.js';
import { buildAppPackage } from '../../scripts/package-app.js';
import { readPng } from './png.js';

type ManifestKey = keyof (typeof manifestMessages)['en-US'];

function validate(json: object): Promise<string[]> {
  return manifestSchemaErrors(json);
}

function committedJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(MANIFEST_DIRECTORY, file), 'utf8')) as Record<string, unknown>;
}

const defaults = manifestOptionsFromEnv({});
const variants: [string, ManifestOptions][] = [
  ['placeholder bot id, no domains', defaults],
  [
    'a real bot id and public domain',
    { ...defaults, botId: '6f0b3c1e-2d4a-4b8e-9c7d-1a2b3c4d5e6f', validDomains: ['bot.contoso-csp.com'] },
  ],
];

describe('Teams app manifest (scripts/build-manifest.ts)', () => {
  for (const [label, options] of variants) {
    it(`is valid against the v1.30 schema, with its ko-KR localization (${label})`, async () => {
      const { manifest, localizations } = buildManifest(options);
      expect(await validate(manifest)).to.deep.equal([]);
      expect(Object.keys(localizations)).to.deep.equal([LOCALIZATION_FILE]);
      expect(await validate(localizations[LOCALIZATION_FILE])).to.deep.equal([]);
    });
  }

  it('is caught by the validator when it is wrong (so the checks above can fail)', async () => {
    const { manifest } = buildManifest(defaults);
    const broken = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everyone'] }] };
    expect(await validate(broken)).to.have.length.above(0);
    const korean = buildManifest(defaults).localizations[LOCALIZATION_FILE];
    expect(await validate({ ...korean, 'name.short': '가'.repeat(31) })).to.have.length.above(0);
  });

  it('lists exactly the built commands flagged for the menu, in order, in both languages', () => {
    const { manifest, localizations } = buildManifest(defaults);
    const expected = COMMANDS.filter((command) => command.built && command.inMenu);
    const listed = manifest.bots[0].commandLists[0].commands;
    const titleOf = (locale: 'en-US' | 'ko-KR', command: CommandDefinition) =>
      manifestMessages[locale][`manifest.command.${command.id}.title` as ManifestKey];
    expect(listed.map((entry) => entry.title)).to.deep.equal(expected.map((c) => titleOf('en-US', c)));
    const korean = localizations[LOCALIZATION_FILE];
    expect(
      expected.map((_, index) => korean[`bots[0].commandLists[0].commands[${index}].title`]),
    ).to.deep.equal(expected.map((c) => titleOf('ko-KR', c)));
    expect(manifest.bots[0].commandLists[0].scopes).to.have.members(['personal', 'team', 'groupChat']);
  });

  it('leaves unbuilt commands out of the menu and refuses more than 12 (manifest 1.24+)', () => {
    const help = COMMANDS.find((command) => command.id === 'help') as CommandDefinition;
    const unbuilt = { ...help, built: false };
    expect(menuCommands([help, unbuilt, { ...help, inMenu: false }])).to.deep.equal([help]);
    expect(menuCommands(Array.from({ length: 12 }, () => help))).to.have.length(12);
    expect(() => menuCommands(Array.from({ length: 13 }, () => help))).to.throw(/at most 12/);
  });

  it('uses manifest schema 1.30, whose bundled schema allows 12 menu commands', async () => {
    const { manifest } = buildManifest(defaults);
    expect(manifest.manifestVersion).to.equal('1.30');
    expect(manifest.$schema).to.match(/\/v1\.30\/MicrosoftTeams\.schema\.json$/);
    expect(manifest.bots[0].commandLists[0].commands).to.have.length(12);
    const thirteen = {
      ...manifest,
      bots: [
        {
          ...manifest.bots[0],
          commandLists: [
            {
              ...manifest.bots[0].commandLists[0],
              commands: [...manifest.bots[0].commandLists[0].commands, { title: 'x', description: 'y' }],
            },
          ],
        },
      ],
    };
    expect(await validate(thirteen)).to.have.length.above(0);
  });

  it('has a title and description for every command, in en-US and ko-KR, within Teams limits', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const command of COMMANDS) {
        const title = manifestMessages[locale][`manifest.command.${command.id}.title` as ManifestKey];
        const description =
          manifestMessages[locale][`manifest.command.${command.id}.description` as ManifestKey];
        expect(title, `${locale} ${command.id} title`).to.be.a('string').with.length.within(1, 32);
        expect(description, `${locale} ${command.id} description`)
          .to.be.a('string')
          .with.length.within(1, 128);
      }
    }
  });

  it("uses as each menu title a phrase the router understands (Teams inserts the title when it's picked)", () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const command of COMMANDS) {
        const title = manifestMessages[locale][`manifest.command.${command.id}.title` as ManifestKey];
        const phrases = command.phrases[locale].map((phrase) => phrase.toLowerCase());
        expect(phrases, `${locale} ${command.id}`).to.include(title.toLowerCase());
      }
    }
  });

  it('lets a user attach a file in the personal chat (recon reads the CSV Teams hands over)', () => {
    const { manifest } = buildManifest(defaults);
    expect(manifest.bots[0].supportsFiles).to.equal(true);
    expect(manifest.bots[0].scopes).to.include('personal');
    expect(
      (committedJson('manifest.json') as { bots: { supportsFiles: boolean }[] }).bots[0].supportsFiles,
    ).to.equal(true);
  });

  it('declares the price and customer search message extension commands for the compose box and command box', () => {
    const { manifest } = buildManifest(defaults);
    const [extension] = manifest.composeExtensions;
    expect(extension.botId).to.equal(manifest.bots[0].botId);
    expect(extension.commands.map((command) => [command.id, command.type, command.initialRun])).to.deep.equal(
      [
        ['priceSearch', 'query', false],
        ['customerSearch', 'query', false],
      ],
    );
    for (const command of extension.commands) {
      expect(command.context).to.have.members(['compose', 'commandBox']);
      expect(command.parameters.map((parameter) => parameter.name)).to.deep.equal(['query']);
    }
  });

  it('takes the bot id from MicrosoftAppId and rejects one that is not a GUID', () => {
    expect(manifestOptionsFromEnv({}).botId).to.equal(PLACEHOLDER_BOT_ID);
    const appId = '6f0b3c1e-2d4a-4b8e-9c7d-1a2b3c4d5e6f';
    expect(manifestOptionsFromEnv({ MicrosoftAppId: appId }).botId).to.equal(appId);
    expect(() => manifestOptionsFromEnv({ MicrosoftAppId: 'my-bot' })).to.throw(
      /MicrosoftAppId must be a GUID/,
    );
  });

  it('is committed up to date: manifest/ matches what the generator writes (run npm run package)', () => {
    const committed = committedJson('manifest.json') as {
      bots: { botId: string }[];
      validDomains: string[];
    };
    // The bot id and domains legitimately differ per deployment; everything else must match.
    const { manifest, localizations } = buildManifest({
      ...defaults,
      botId: committed.bots[0].botId,
      validDomains: committed.validDomains,
    });
    expect(committed).to.deep.equal(JSON.parse(JSON.stringify(manifest)));
    expect(committedJson(LOCALIZATION_FILE)).to.deep.equal(localizations[LOCALIZATION_FILE]);
  });

  it('has icons of the sizes Teams requires, the outline white on transparency', () => {
    const color = readPng(join(MANIFEST_DIRECTORY, 'color.png'));
    expect([color.width, color.height]).to.deep.equal([192, 192]);
    const outline = readPng(join(MANIFEST_DIRECTORY, 'outline.png'));
    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
    let visible = 0;
    for (let offset = 0; offset < outline.rgba.length; offset += 4) {
      const [r, g, b, alpha] = outline.rgba.subarray(offset, offset + 4);
      if (alpha === 0) continue;
      visible++;
      expect([r, g, b], `outline pixel ${offset / 4}`).to.deep.equal([255, 255, 255]);
    }
    expect(visible, 'visible outline pixels').to.be.above(50);
  });

  it('refuses to package a manifest that Teams would reject', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      cpSync(MANIFEST_DIRECTORY, folder, { recursive: true });
      const manifest = committedJson('manifest.json');
      writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'blue' }));
      const error = await buildAppPackage(folder).then(
        () => undefined,
        (rejection: Error) => rejection,
      );
      expect(error?.message).to.match(/manifest.json does not match its schema/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('packages manifest, localization and icons at the root of the app zip', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(MANIFEST_DIRECTORY));
    const files = Object.keys(zip.files).sort();
    expect(files).to.deep.equal(['color.png', 'ko-KR.json', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(await zip.file('manifest.json')!.async('string')) as object;
    expect(packaged).to.deep.equal(committedJson('manifest.json'));
  });
});
