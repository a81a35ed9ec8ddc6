import { join } from 'node:path';
import { PACKAGE_ROOT } from '../about.js';

/** Where `build-index` writes the artefact and the server reads it. */
export const DEFAULT_INDEX_PATH = join(PACKAGE_ROOT, 'data', 'charfinder.idx');
