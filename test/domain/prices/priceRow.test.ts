import { expect } from 'chai';
import { isVmProduct, isWindowsProduct, priorityOfSku } from '../../../src/domain/prices/priceRow.js';

describe('which price rows answer a VM size question', () => {
  const products: [string, boolean][] = [
    ['Virtual Machines Dsv5 Series', true],
    ['Virtual Machines Esv7-series Linux', true],
    ['NCads A100 v4 Series Linux', true],
    ['DCadsv5-series Windows', true],
    ['Dasv5 Series Cloud Services', false],
    ['Easv5 Series CloudServices', false],
    ['DSv3 Series Dedicated Host', false],
    ['Edsv5 Series DedicatedHost', false],
  ];
  for (const [productName, vm] of products) {
    it(`${productName}: ${vm ? 'a VM product' : 'never the answer'}`, () => {
      expect(isVmProduct({ serviceName: 'Virtual Machines', productName })).to.equal(vm);
    });
  }

  it('tells Windows products (incl. the short "Win" suffix) from Linux ones', () => {
    expect(
      [
        'Virtual Machines Dsv5 Series Windows',
        'Virtual Machines NCCadsv5 Srs Win',
        'Virtual Machines Dsv5 Series',
        'Lasv3 Series Linux',
      ].map(isWindowsProduct),
    ).to.deep.equal([true, true, false, false]);
  });

  it('reads Spot and Low Priority from the SKU name only at its end', () => {
    expect(['D2s v3 Spot', 'Standard_D16as_v5 Low Priority', 'D2s v3'].map(priorityOfSku)).to.deep.equal([
      'spot',
      'lowPriority',
      'regular',
    ]);
  });
});
