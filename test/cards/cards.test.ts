import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { CardRenderer, defaultCardDirectories } from '../../src/cards/cardRenderer.js';
import { adaptiveCardProblems } from './adaptiveCardValidator.js';

const cardDirectories = defaultCardDirectories();

/** Template (or sample) name → its file, over every feature's cards/ (or cards/samples/) folder. */
function jsonFiles(directories: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const directory of directories.filter((folder) => existsSync(folder))) {
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')))
      files.set(basename(file, '.json'), join(directory, file));
  }
  return files;
}

// Generic on purpose: every template anybody adds to a feature's cards/ is picked up here with its sample.
const templates = [...jsonFiles(cardDirectories).keys()].sort();
const sampleFiles = jsonFiles(cardDirectories.map((directory) => join(directory, 'samples')));
const samples = [...sampleFiles.keys()].sort();

describe('Card templates (src/**/cards/*.json expanded with their cards/samples/*.json)', () => {
  const renderer = new CardRenderer(cardDirectories);

  it('has a sample for every template and a template for every sample', () => {
    expect({ templatesWithoutSample: templates.filter((name) => !samples.includes(name)) }).to.deep.equal({
      templatesWithoutSample: [],
    });
    expect({ samplesWithoutTemplate: samples.filter((name) => !templates.includes(name)) }).to.deep.equal({
      samplesWithoutTemplate: [],
    });
  });

  for (const name of templates) {
    it(`${name}: expands without templating warnings and is a valid Adaptive Card 1.5 under 28 KB`, () => {
      const samplePath = sampleFiles.get(name) ?? `${name}.json`;
      const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as object;
      const card = renderer.render(name, sample);
      expect(adaptiveCardProblems(card)).to.deep.equal([]);
    });
  }
});

describe('adaptiveCardProblems (the validator the card test relies on)', () => {
  const valid = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Hello', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'OK', data: { verb: 'ok' } }],
  };

  it('accepts a well-formed 1.5 card', () => {
    expect(adaptiveCardProblems(valid)).to.deep.equal([]);
  });

  const broken: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown element type', { ...valid, body: [{ type: 'TextBlok', text: 'x' }] }, /TextBlok/],
    [
      'an invalid property value',
      { ...valid, body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] },
      /Huge/,
    ],
    [
      'inputs without an id',
      { ...valid, body: [{ type: 'Input.Text' }, { type: 'Input.Text' }] },
      /unique Id|id/i,
    ],
    ['a wrong version', { ...valid, version: '1.6' }, /version is 1\.6/],
    [
      'a card over 28 KB',
      { ...valid, body: [{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }] },
      /bytes, limit 28672/,
    ],
  ];
  for (const [label, card, problem] of broken) {
    it(`reports ${label}`, () => {
      const problems = adaptiveCardProblems(card);
      expect(
        problems.some((text) => problem.test(text)),
        problems.join('\n'),
      ).to.equal(true);
    });
  }
});
