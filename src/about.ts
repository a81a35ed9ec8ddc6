import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name: string;
  version: string;
}

/**
 * The package's root folder: the nearest one above this module holding our
 * package.json. Found by walking up, so it is right both for the compiled
 * modules (dist/src/…) and for the one-file bundle the CLI runs (dist/).
 */
function findPackageRoot(): { root: string; manifest: Manifest } {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as Manifest;
      if (manifest.name === 'charfinder') return { root: dir, manifest };
    }
    if (dirname(dir) === dir) throw new Error("charfinder's package.json not found above its code");
  }
}

const { root, manifest } = findPackageRoot();

export const PACKAGE_ROOT = root;
export const PRODUCT = manifest.name;
export const VERSION = manifest.version;
