/**
 * The well-known app registration of the fake Entra that `npm run emulator -- --with-entra`
 * starts: a bot process given LOCAL_ENTRA_URL signs in with these (loopback test values, never
 * a real tenant's). The SSO audience is the one the loopback assertion endpoint mints for.
 */
export const EMULATOR_ENTRA_CLIENT = {
  clientId: '5f1c0de0-e3a1-4c6b-9d2e-000000000e11',
  secret: 'local-emulator-client-secret',
  ssoAudience: 'api://localhost/botid-5f1c0de0-e3a1-4c6b-9d2e-000000000e11',
} as const;

/** The path of the loopback-only endpoint that mints a seed user's SSO token (fakeEntra.ts). */
export function userAssertionPath(oid: string): string {
  return `/_local/users/${encodeURIComponent(oid)}/assertion`;
}
