/**
 * Bundles the CLI into one file, dist/charfinder.mjs, which `npm start` and
 * the `charfinder` bin run: loading one module instead of about a hundred
 * (yargs alone is dozens) cuts start-up time. Tests and scripts keep using
 * the separate modules in dist/src/.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

await build({
  entryPoints: [`${root}/dist/src/cli.js`],
  outfile: `${root}/dist/charfinder.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // Dependencies written as CommonJS call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
