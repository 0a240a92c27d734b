/**
 * Card verbs and command ids are looked up by strings a client sends. A plain object would answer
 * "constructor", "toString" or "__proto__" with what Object.prototype has, so handler tables have
 * no prototype and are read through `ownHandler`, which only returns the table's own entries.
 */
export function handlerTable<T>(
  ...parts: ReadonlyArray<Readonly<Record<string, T>> | undefined>
): Record<string, T> {
  const table = Object.create(null) as Record<string, T>;
  for (const part of parts) {
    if (!part) continue;
    for (const [key, value] of Object.entries(part)) table[key] = value;
  }
  return table;
}

/** The handler registered under `key`, or undefined for any other key (also Object.prototype's names). */
export function ownHandler<T>(table: Readonly<Record<string, T | undefined>>, key: string): T | undefined {
  if (!Object.prototype.hasOwnProperty.call(table, key)) return undefined;
  const handler = table[key];
  return typeof handler === 'function' ? handler : undefined;
}
