import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CardRenderer, CardTemplateError, defaultCardDirectories } from '../../src/cards/cardRenderer.js';

describe('Card templates are found in every feature folder', () => {
  it('reads the host cards and each src/features/<feature>/cards/ (pec, transition, core …)', () => {
    const names = new CardRenderer(defaultCardDirectories()).names();
    for (const name of ['result', 'welcome', 'pec-estimate', 'transition-status', 'customer-pick'])
      expect(names).to.include(name);
  });

  it('refuses to start when two folders hold a template of the same name', () => {
    const root = mkdtempSync(join(tmpdir(), 'cards-'));
    try {
      for (const folder of ['a', 'b']) {
        mkdirSync(join(root, folder));
        writeFileSync(join(root, folder, 'same.json'), '{"type":"AdaptiveCard","version":"1.5","body":[]}');
      }
      expect(() => new CardRenderer([join(root, 'a'), join(root, 'b')])).to.throw(CardTemplateError, /same/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
