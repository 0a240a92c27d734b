import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultCardDirectories } from '../../src/cards/cardRenderer.js';

/** Every card template of the host and the features: name → its file and its sample (cards/samples/). */
export function cardFiles(): Map<string, { template: string; sample: string }> {
  const files = new Map<string, { template: string; sample: string }>();
  for (const directory of defaultCardDirectories().filter((folder) => existsSync(folder))) {
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')))
      files.set(basename(file, '.json'), {
        template: join(directory, file),
        sample: join(directory, 'samples', file),
      });
  }
  return files;
}
