import type { CallUser } from '../callContext.js';

/** Which app credentials the backend holds. */
export type AppCredentialKind = 'none' | 'secret' | 'certificate' | 'localEmulator';

/** What `whoami` shows an admin about the backend's Partner Center sign-in. */
export interface AuthHealthReport {
  appCredentials: AppCredentialKind;
  /** The user has a usable user token (SSO / OAuth card, or the local seed user). */
  signedIn: boolean;
  /** Whether the user's token carries the MFA claim; undefined when not signed in. */
  mfa: boolean | undefined;
  /** App-only operations (e.g. enhanced attestation) can run. */
  appOnlyAvailable: boolean;
  /** App+User operations (customers, orders, MCA, transitions) can run for this user. */
  appUserAvailable: boolean;
}

/** Implemented by the token module; read by the core feature's whoami. Never returns tokens. */
export interface AuthHealth {
  report(user?: CallUser): Promise<AuthHealthReport>;
}
