// Bundles the editor (src/index.js and the CodeMirror packages it imports) into one minified
// script that defines the global IronworksEditor: node build.mjs OUT_FILE.
import { build } from 'esbuild';
import { statSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs OUT_FILE');
  process.exit(2);
}
await build({
  entryPoints: ['src/index.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'IronworksEditor',
  target: ['es2020'],
  legalComments: 'eof',
  outfile: out,
  logLevel: 'warning',
});
console.log('editor bundle: ' + out + ' (' + statSync(out).size + ' bytes)');
