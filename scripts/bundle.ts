/**
 * Bundles the CLI into one script, dist/charfinder-app.cjs, and writes the
 * bin that runs it, dist/charfinder.cjs (src/launch.ts), which `npm start`
 * and the `charfinder` bin run: loading one file instead of about a hundred
 * (yargs alone is dozens) cuts start-up time, and a script, unlike an ES
 * module, can be run from a V8 code cache (scripts/code-cache.ts makes it).
 * Tests and scripts keep using the separate modules in dist/src/.
 *
 * What only some commands need (the index build and its raw-data packages,
 * the HTTP listener, the cluster, and the Node built-ins beneath them:
 * node:http, node:cluster, node:crypto) is imported when asked: in the
 * script, esbuild evaluates such a module, and requires its built-ins, only
 * when the import() is reached.
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * yargs lays out every command's help with cliui and wrap-ansi, which measure
 * each string with string-width: per character a grapheme segmenter and the
 * emoji regex. yargs does that at every command run too (it caches the
 * command's help in case the command fails later), which cost about 55 ms of
 * `serve`'s start. Printable ASCII is one column per character in every
 * version of string-width, so those strings are measured by their length;
 * any other string goes to the string-width the package asked for.
 */
const asciiStringWidth: Plugin = {
  name: 'ascii-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'ascii-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'ascii-string-width' }, (args) => ({
      // required, not imported: esbuild then evaluates string-width when first called, and its
      // grapheme segmenter and Unicode-property regexes (about 35 ms at start) only then.
      contents: `let stringWidth;
const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;
export default function asciiOrStringWidth(string, options) {
  if (typeof string === 'string' && PRINTABLE_ASCII.test(string)) return string.length;
  stringWidth ??= require(${JSON.stringify(args.path)}).default;
  return stringWidth(string, options);
}`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * cli.ts imports yargs, which a plain `serve` never calls (serveArguments.ts
 * reads it): evaluated at every start anyway, its modules (yargs-parser,
 * cliui, y18n, and node:assert, whose colours open stderr) cost 3–4 ms of a start (evaluating the bundle, launch to serve: 11–15 → 8–10 ms).
 * In the bundle `yargs` is a function that requires the real one, and so
 * evaluates it, when first called; `yargs/helpers` is its hideBin, whose
 * module imports nothing.
 */
const lazyYargs: Plugin = {
  name: 'lazy-yargs',
  setup(build) {
    build.onResolve({ filter: /^yargs(\/helpers)?$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-yargs' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-yargs' }, (args) => ({
      contents: args.path.endsWith('helpers.mjs')
        ? `export { hideBin } from ${JSON.stringify(new URL('../build/lib/utils/process-argv.js', `file://${args.path}`).pathname)};`
        : `export default function lazyYargs(...args) {
  return require(${JSON.stringify(args.path)}).default(...args);
}`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// Chunks of the ES-module bundle this script replaced, and the ES-module bin the CommonJS one replaced.
rmSync(`${root}/dist/chunks`, { recursive: true, force: true });
rmSync(`${root}/dist/charfinder.mjs`, { force: true });

const app = await build({
  entryPoints: [`${root}/dist/src/cli.js`],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  plugins: [asciiStringWidth, lazyYargs],
  // The launcher runs the bundle as a script, where import() would need a flag (--experimental-vm-modules): require() instead.
  supported: { 'dynamic-import': false },
  // The launcher passes the script's own URL as importMetaUrl (about.ts finds the package root from it).
  define: { 'import.meta.url': 'importMetaUrl' },
});
// The launcher wraps the script in a function: no `#!` line, so that "use strict" comes first in it.
const appSource = app.outputFiles[0].text.replace(/^#!.*\n/, '');
writeFileSync(`${root}/dist/charfinder-app.cjs`, appSource);

await build({
  entryPoints: [`${root}/dist/src/launch.js`],
  outfile: `${root}/dist/charfinder.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
  define: { APP_DIGEST: JSON.stringify(createHash('sha256').update(appSource).digest('hex')) },
});
