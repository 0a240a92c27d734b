import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the process was started from. */
export function repoRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/**
 * Folder with the read-only shared data (`azure-price-data/…`): `SHARED_DATA_DIR` if set (relative
 * paths are taken from the repo root), else `../shared` next to the repository.
 */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.SHARED_DATA_DIR?.trim();
  if (configured) return isAbsolute(configured) ? configured : resolve(repoRoot(), configured);
  return resolve(repoRoot(), '../shared');
}
