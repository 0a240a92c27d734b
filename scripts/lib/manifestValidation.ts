import { type AppManifest, AppManifestUtils } from '@microsoft/app-manifest';

/**
 * Validates a Teams manifest or manifest localization file offline against the schema its
 * `$schema` names (schemas v1.0–v1.30 are bundled with @microsoft/app-manifest, so no network is needed). Returns the schema
 * errors; an empty list means valid.
 */
export async function manifestSchemaErrors(json: object): Promise<string[]> {
  const schema = await AppManifestUtils.fetchSchema((json as { $schema: string }).$schema);
  return AppManifestUtils.validateAgainstSchema(
    json as unknown as AppManifest,
    withUnicodeSafePatterns(schema),
  );
}

/**
 * The v1.19 localization schema has two patternProperties keys with an unescaped `]`
 * (`…\\b]\\.description$`) that ajv rejects in unicode mode ("Lone quantifier brackets");
 * escaping that bracket keeps their meaning and lets the schema compile.
 */
function withUnicodeSafePatterns<S extends object>(schema: S): S {
  const patterns = (schema as { patternProperties?: Record<string, unknown> }).patternProperties;
  if (!patterns) return schema;
  const fixed = Object.fromEntries(
    Object.entries(patterns).map(([pattern, rule]) => [pattern.replaceAll('\\b]', '\\b\\]'), rule]),
  );
  return { ...schema, patternProperties: fixed };
}
