import { expect } from 'chai';
import { buildManifest, manifestOptionsFromEnv } from '../../scripts/build-manifest.js';
import { manifestSchemaErrors } from '../../scripts/lib/manifestValidation.js';

const BOT = '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10';

describe('manifest: Teams SSO (webApplicationInfo) only when SSO is configured', () => {
  it('without SSO_APP_ID_URI there is no webApplicationInfo', () => {
    const { manifest } = buildManifest(manifestOptionsFromEnv({ MicrosoftAppId: BOT }));
    expect(manifest).not.to.have.property('webApplicationInfo');
    expect(manifest.validDomains).not.to.include('token.botframework.com');
  });

  it('with SSO_APP_ID_URI: webApplicationInfo { id: bot id, resource: the URI } and token.botframework.com', async () => {
    const resource = `api://bot.example.test/botid-${BOT}`;
    const { manifest } = buildManifest(
      manifestOptionsFromEnv({
        MicrosoftAppId: BOT,
        SSO_APP_ID_URI: resource,
        BOT_DOMAIN: 'bot.example.test',
      }),
    );
    expect(manifest.webApplicationInfo).to.deep.equal({ id: BOT, resource });
    expect(manifest.validDomains).to.include.members(['bot.example.test', 'token.botframework.com']);
    expect(await manifestSchemaErrors(manifest)).to.deep.equal([]);
  });

  it('refuses an SSO URI of another app id', () => {
    expect(() =>
      manifestOptionsFromEnv({ MicrosoftAppId: BOT, SSO_APP_ID_URI: 'api://bot.example.test/botid-other' }),
    ).to.throw(/SSO_APP_ID_URI must be api:\/\/<domain>\/botid-/);
  });
});
