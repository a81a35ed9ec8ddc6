/**
 * Bundles the CLI into one file, dist/charfinder.mjs, which `npm start` and
 * the `charfinder` bin run: loading one module instead of about a hundred
 * (yargs alone is dozens) cuts start-up time. Tests and scripts keep using
 * the separate modules in dist/src/.
 *
 * What only some commands need (the index build and its raw-data packages,
 * the HTTP listener, the cluster) is imported when asked; split into chunks
 * of their own (dist/chunks/), it is neither compiled nor loaded at a plain
 * `serve` — nor are the Node built-ins it imports (node:http, node:cluster).
 */
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
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

rmSync(`${root}/dist/chunks`, { recursive: true, force: true });
await build({
  entryPoints: { charfinder: `${root}/dist/src/cli.js` },
  outdir: `${root}/dist`,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [asciiStringWidth],
  // Dependencies written as CommonJS call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
