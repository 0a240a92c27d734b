/** Customer tenant ids are GUIDs; Partner Center tooling accepts them wrapped in braces (rule 1). */
const GUID_PATTERN = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export function isGuid(value: string): boolean {
  const trimmed = value.trim();
  // Braces must be balanced: "{guid" or "guid}" are typing mistakes, not GUIDs.
  if (trimmed.startsWith('{') !== trimmed.endsWith('}')) return false;
  return GUID_PATTERN.test(trimmed);
}

/** Canonical form used as a key everywhere: no braces, lower case. Call only after isGuid(). */
export function normalizeGuid(value: string): string {
  return value.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
}
