import { expect } from 'chai';
import { normalizeVmSize, VmSizeIndex } from '../../../src/domain/prices/vmSize.js';

describe('VM size spelling', () => {
  const same: [string, string][] = [
    ['Standard_D2s_v3', 'd2sv3'],
    ['D2sv3', 'd2sv3'],
    ['d2s_v3', 'd2sv3'],
    ['D2s version 3', 'd2sv3'],
    ['D2s v3', 'd2sv3'],
    ['D2s v3 Spot', 'd2sv3'],
    ['Standard_D16as_v5 Low Priority', 'd16asv5'],
    ['E32-8s v5', 'e328sv5'],
    ['Standard_NC48ads_A100_v4', 'nc48adsa100v4'],
    ['Standrd_D2s_v3', 'd2sv3'],
  ];
  for (const [written, key] of same) {
    it(`"${written}" is ${key}`, () => expect(normalizeVmSize(written)).to.equal(key));
  }

  const different: [string, string][] = [
    ['B2s', 'B2s v2'],
    ['D4a v4', 'D4as v4'],
    ['E16 v5', 'E16s v5'],
    ['E32-8s v5', 'E32s v5'],
  ];
  for (const [a, b] of different) {
    it(`"${a}" and "${b}" stay different sizes`, () =>
      expect(normalizeVmSize(a)).to.not.equal(normalizeVmSize(b)));
  }

  describe('finding a size in a question', () => {
    const index = new VmSizeIndex();
    for (const size of [
      'B2s',
      'B2s v2',
      'D4as v4',
      'D4a v4',
      'E8as v5',
      'E8s v5',
      'D4s v5',
      'D4s v4',
      'D8s v5',
    ]) {
      index.add(normalizeVmSize(size));
    }
    const cases: { question: string; kind: string; size?: string; corrected?: boolean }[] = [
      { question: 'B2s v2 in West Europe', kind: 'found', size: 'b2sv2', corrected: false },
      { question: 'What does a B2s cost per hour', kind: 'found', size: 'b2s', corrected: false },
      { question: 'Standard_E8as_c5 in westeurope', kind: 'found', size: 'e8asv5', corrected: true },
      { question: 'D2s version 3', kind: 'none' },
      // B2s exists, but "B2s v3" asks for a versioned size: not B2s; B2s v2 is the one size a character away.
      { question: 'B2s v3 price', kind: 'found', size: 'b2sv2', corrected: true },
      { question: 'Standrd_E8as_v5 price', kind: 'found', size: 'e8asv5', corrected: false },
      { question: '북유럽 D4as v4 가격', kind: 'found', size: 'd4asv4', corrected: false },
      { question: 'D4s v5 or D8s v5?', kind: 'ambiguous' },
      { question: 'D4s v6 price', kind: 'ambiguous' },
    ];
    for (const c of cases) {
      it(`"${c.question}" → ${c.kind} ${c.size ?? ''}`, () => {
        const result = index.find(c.question);
        expect(result.kind).to.equal(c.kind);
        if (result.kind === 'found')
          expect({ size: result.size.sizeKey, corrected: result.size.corrected }).to.deep.equal({
            size: c.size,
            corrected: c.corrected,
          });
      });
    }
  });
});
