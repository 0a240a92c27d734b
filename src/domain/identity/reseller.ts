/** An indirect reseller known to the indirect provider (it can be named as partner of record). */
export interface IndirectReseller {
  mpnId: string;
  name: string;
  country: string;
}

/** MPN / Partner ids are numeric, 6 to 10 digits (e.g. 1234567). */
export function isMpnIdFormat(value: string): boolean {
  return /^\d{6,10}$/.test(value.trim());
}
