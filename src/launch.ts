/**
 * The `charfinder` bin (bundled as dist/charfinder.cjs): runs the CLI, which
 * scripts/bundle.ts bundles as one script (dist/charfinder-app.cjs), from the
 * V8 code cache that scripts/code-cache.ts makes at build time after serving
 * a few queries (dist/charfinder-app.cache). Compiling the bundle and then,
 * function by function, the code a start and the first queries run took
 * about 30 ms of the server's start and made its first queries slower; from
 * the cache both come ready. An ES module cannot be run from a code cache in
 * Node 20, a script can (vm.Script's cachedData).
 *
 * Without the cache, or with one of another build or another Node (V8
 * refuses a cache of another version or flags), the bundle is compiled as
 * usual: slower, nothing else changes.
 *
 * The bin itself is CommonJS: Node runs an ES-module bin (.mjs) through its
 * ES-module loader, about 6 ms of CPU more at each start (8 ms for an empty
 * file), where a CommonJS one costs next to nothing.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** The SHA-256 of charfinder-app.cjs, written in by scripts/bundle.ts. */
declare const APP_DIGEST: string;

/** Set by scripts/code-cache.ts (which names it too): this run writes the cache as it exits. */
const WRITE_CODE_CACHE_ENV = 'CHARFINDER_WRITE_CODE_CACHE';

// The bundle and its cache lie beside the bin (bundled as CommonJS, it has a __dirname).
const app = join(__dirname, 'charfinder-app.cjs');
const cacheFile = join(__dirname, 'charfinder-app.cache');

/** The cache, if it was made from this very bundle (V8 itself compares only the source's length). */
function codeCache(): Buffer | undefined {
  try {
    const file = readFileSync(cacheFile);
    return file.toString('latin1', 0, APP_DIGEST.length) === APP_DIGEST ? file.subarray(APP_DIGEST.length) : undefined;
  } catch {
    return undefined;
  }
}

// The wrapper CommonJS gives a module, and import.meta.url for the code that asks (esbuild defines it so).
const script = new Script(`(function (exports, require, module, __filename, __dirname, importMetaUrl) {${readFileSync(app, 'utf8')}\n})`, {
  filename: app,
  cachedData: codeCache(),
});
if (process.env[WRITE_CODE_CACHE_ENV]) {
  process.once('exit', () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(APP_DIGEST, 'latin1'), script.createCachedData()]));
    renameSync(temporary, cacheFile);
  });
}
// A script has no import(): esbuild made the bundle's require() instead (node:cluster, and build-index's
// Unicode tables, ES modules by file URL, which Node 20.19 and later require as well once the URL is a path).
const requireInApp = createRequire(app);
const requireForApp = Object.assign((id: string): unknown => requireInApp(id.startsWith('file:') ? fileURLToPath(id) : id), requireInApp);
const module = { exports: {} };
script.runInThisContext()(module.exports, requireForApp, module, app, dirname(app), pathToFileURL(app).href);
