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

/** The known reseller with this MPN id (undefined for none / an id the provider does not know). */
export function findReseller(
  resellers: readonly IndirectReseller[],
  mpnId: string | null | undefined,
): IndirectReseller | undefined {
  const id = mpnId?.trim();
  return id ? resellers.find((reseller) => reseller.mpnId === id) : undefined;
}
