/**
 * The MCA attestation as another flow runs it (purchase: "no MCA yet → attest inline, then
 * continue"). The attest feature's dialog has this id and takes these options; the composition root
 * hands that dialog to the purchase feature, which knows it only through this contract.
 */
export const ATTEST_DIALOG_ID = 'attestMca';

/** What another flow passes when it begins the attestation. */
export interface AttestStepOptions {
  customerQuery?: string;
  customerId?: string;
  /** Begun from another flow: the result card then offers no "buy" button (that flow continues). */
  inline?: boolean;
}

/** Ends with whether the customer has accepted the MCA now (attested, already, or directly). */
export interface AttestResult {
  accepted: boolean;
  customerId?: string;
}
