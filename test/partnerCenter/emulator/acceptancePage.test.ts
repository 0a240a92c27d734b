import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/domain/clock.js';
import { acceptanceLink, createAcceptancePage } from '../../../src/partnerCenter/emulator/acceptancePage.js';
import { CUSTOMERS, NOW, sandboxFixture, type SandboxFixture } from '../sandbox/sandboxFixture.js';

describe('local MCA acceptance page (plays Microsoft’s acceptance component)', () => {
  let fixture: SandboxFixture;
  let server: Server;
  let base: string;
  let at: number;
  const clock: Clock = { now: () => new Date(at) };

  beforeEach(async () => {
    at = new Date(NOW).getTime();
    fixture = await sandboxFixture({ clock, attestationLinkTtlHours: 48 });
    const handle = createAcceptancePage(fixture.sandbox.attestations);
    server = createServer((req, res) => {
      if (!handle(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/emulator/mca-acceptance`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fixture.dispose();
  });

  const create = (language = 'en-US') =>
    fixture.sandbox.attestations.createEnhancedAttestation(CUSTOMERS.fabrikamNoMca, {
      country: 'US',
      language,
      companyName: 'Fabrikam, Inc.',
      signatoryFirstName: 'Ana',
      signatoryLastName: '<Lopez>',
      signatoryEmail: 'ana@fabrikam.com',
    });

  it('shows the agreement, customer and signatory; Accept records the acceptance', async () => {
    const attestation = await create();
    const link = acceptanceLink(base, attestation.linkParameters);
    const shown = await fetch(link);
    expect(shown.status).to.equal(200);
    const html = await shown.text();
    expect(html).to.contain('Microsoft Customer Agreement');
    expect(html).to.contain('Fabrikam, Inc.');
    expect(html).to.contain('Ana &#60;Lopez&#62;', 'signatory name escaped');
    expect(html).to.contain('<button type="submit">Accept</button>');

    const accepted = await fetch(`${base}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attestationId: attestation.attestationId }).toString(),
    });
    expect(accepted.status).to.equal(200);
    expect(await accepted.text()).to.contain('has been accepted');
    expect(
      (await fixture.sandbox.attestations.getEnhancedAttestation(attestation.attestationId)).status,
    ).to.equal('accepted');
  });

  it('in Korean for a ko-KR attestation', async () => {
    const attestation = await create('ko-KR');
    const html = await (await fetch(acceptanceLink(base, attestation.linkParameters))).text();
    expect(html).to.contain('동의');
    expect(html).to.contain('lang="ko-KR"');
  });

  it('an expired link says so and cannot be accepted', async () => {
    const attestation = await create();
    at += 48 * 3_600_000;
    const shown = await fetch(acceptanceLink(base, attestation.linkParameters));
    expect(shown.status).to.equal(410);
    expect(await shown.text()).to.contain('expired');
    const accepted = await fetch(`${base}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `attestationId=${attestation.attestationId}`,
    });
    expect(accepted.status).to.equal(410);
    expect(
      (await fixture.sandbox.attestations.getEnhancedAttestation(attestation.attestationId)).status,
    ).to.equal('expired');
  });

  it('an unknown attestation id is not a valid link; other paths are left to the host', async () => {
    expect((await fetch(`${base}?attestationId=nope`)).status).to.equal(404);
    expect((await fetch(`${base.replace('/mca-acceptance', '/other')}`)).status).to.equal(404);
  });
});
