import { readFileSync } from 'node:fs';

/** The package's own name and version, read once from package.json (two levels above dist/src/). */
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const PRODUCT = manifest.name;
export const VERSION = manifest.version;
