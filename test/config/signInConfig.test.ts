import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config.js';

const TENANT = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const CLIENT = '2f2c2c38-6c1d-4b85-9a4e-5c7b0b1f6a10';
const CERT = fileURLToPath(new URL('../fixtures/entra/test-app.key.pem', import.meta.url));
const real = {
  PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com',
  ENTRA_TENANT_ID: TENANT,
  ENTRA_CLIENT_ID: CLIENT,
  OAUTH_CONNECTION_NAME: 'partner-center',
  // The partner's users and roles (Partner Center has no API for them): the seed file's shape.
  PARTNER_DIRECTORY_FILE: 'seed/sandbox-seed.json',
};

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('config: Partner Center sign-in settings', () => {
  it('defaults: the embedded emulator and the public Entra authority', () => {
    const config = loadConfig({});
    expect(config.PARTNER_CENTER_URL).to.equal(undefined);
    expect(config.ENTRA_AUTHORITY_HOST).to.equal('https://login.microsoftonline.com');
  });

  it('accepts the real Partner Center with a secret, or with a certificate', () => {
    expect(loadConfig({ ...real, ENTRA_CLIENT_SECRET: 's' }).ENTRA_CLIENT_SECRET).to.equal('s');
    const withCertificate = loadConfig({
      ...real,
      ENTRA_CERTIFICATE_PATH: CERT,
      ENTRA_CERTIFICATE_THUMBPRINT: 'A'.repeat(40),
    });
    expect(withCertificate.ENTRA_CERTIFICATE_PATH).to.equal(CERT);
  });

  const halfConfigured: Array<[string, Record<string, string>, RegExp]> = [
    [
      'no tenant',
      { ...real, ENTRA_TENANT_ID: '', ENTRA_CLIENT_SECRET: 's' },
      /ENTRA_TENANT_ID: expected required when PARTNER_CENTER_URL is set/,
    ],
    [
      'no client id',
      { ...real, ENTRA_CLIENT_ID: '', ENTRA_CLIENT_SECRET: 's' },
      /ENTRA_CLIENT_ID: expected required/,
    ],
    [
      'no app credentials',
      real,
      /ENTRA_CLIENT_SECRET: expected app credentials .*ENTRA_CERTIFICATE_PATH \+ ENTRA_CERTIFICATE_THUMBPRINT/,
    ],
    [
      'secret and certificate',
      {
        ...real,
        ENTRA_CLIENT_SECRET: 's',
        ENTRA_CERTIFICATE_PATH: CERT,
        ENTRA_CERTIFICATE_THUMBPRINT: 'a'.repeat(40),
      },
      /not both/,
    ],
    [
      'a certificate without thumbprint',
      { ...real, ENTRA_CERTIFICATE_PATH: CERT },
      /ENTRA_CERTIFICATE_THUMBPRINT: expected required with ENTRA_CERTIFICATE_PATH/,
    ],
    [
      'a thumbprint without certificate',
      { ...real, ENTRA_CERTIFICATE_THUMBPRINT: 'a'.repeat(40) },
      /ENTRA_CERTIFICATE_PATH: expected required with ENTRA_CERTIFICATE_THUMBPRINT/,
    ],
    [
      'a thumbprint that is no hex digest',
      { ...real, ENTRA_CERTIFICATE_PATH: CERT, ENTRA_CERTIFICATE_THUMBPRINT: 'xyz' },
      /ENTRA_CERTIFICATE_THUMBPRINT: expected the certificate thumbprint/,
    ],
    [
      'a missing certificate file',
      { ...real, ENTRA_CERTIFICATE_PATH: '/nope.pem', ENTRA_CERTIFICATE_THUMBPRINT: 'a'.repeat(40) },
      /ENTRA_CERTIFICATE_PATH: expected a readable PEM file/,
    ],
    [
      'no OAuth connection',
      { ...real, OAUTH_CONNECTION_NAME: '', ENTRA_CLIENT_SECRET: 's' },
      /OAUTH_CONNECTION_NAME: expected required when PARTNER_CENTER_URL is set/,
    ],
    [
      'Entra settings without PARTNER_CENTER_URL',
      { ENTRA_CLIENT_ID: CLIENT },
      /ENTRA_CLIENT_ID: expected used only with PARTNER_CENTER_URL/,
    ],
    [
      'an http authority host',
      { ENTRA_AUTHORITY_HOST: 'http://login.example.test' },
      /ENTRA_AUTHORITY_HOST: expected an https:\/\/ URL/,
    ],
    [
      'SSO without an OAuth connection',
      { SSO_APP_ID_URI: `api://bot.example.test/botid-${CLIENT}` },
      /OAUTH_CONNECTION_NAME: expected required with SSO_APP_ID_URI/,
    ],
    [
      'an SSO URI that is not api://…/botid-<id>',
      { SSO_APP_ID_URI: 'https://bot.example.test' },
      /SSO_APP_ID_URI: expected api:\/\/<domain>\/botid-<MicrosoftAppId>/,
    ],
    [
      'an SSO URI for another bot',
      {
        MicrosoftAppId: CLIENT,
        MicrosoftAppPassword: 'p',
        OAUTH_CONNECTION_NAME: 'pc',
        SSO_APP_ID_URI: `api://bot.example.test/botid-${TENANT}`,
      },
      new RegExp(`SSO_APP_ID_URI: expected api://<domain>/botid-${CLIENT}`),
    ],
  ];
  for (const [name, env, expected] of halfConfigured) {
    it(`refuses ${name}, naming the variable and what is missing`, () => {
      expect(problem(env)).to.match(expected);
    });
  }

  it('never echoes the client secret in an error', () => {
    expect(problem({ ENTRA_CLIENT_SECRET: 'very-secret-value' })).not.to.include('very-secret-value');
  });
});
