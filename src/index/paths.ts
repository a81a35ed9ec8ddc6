import { fileURLToPath } from 'node:url';

/** Where `build-index` writes the artefact and the server reads it (compiled code lives in dist/src/index/). */
export const DEFAULT_INDEX_PATH = fileURLToPath(new URL('../../../data/charfinder.idx', import.meta.url));
