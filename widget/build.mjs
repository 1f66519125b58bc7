// Builds the widget: src/index.js bundled and minified by esbuild into dist/widget.js, one IIFE
// that defines window.KbWidget and nothing else. Prints the raw and gzipped sizes and fails when
// the gzipped file is over the budget. Works from any directory: node path/to/widget/build.mjs
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 15 * 1024; // bytes, gzipped
const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'widget.js');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error(`widget build: esbuild is not installed; run: cd ${here} && npm install --no-audit --no-fund`);
  process.exit(1);
}

// styles.js holds the CSS as one template literal; minify it as CSS, not as a JS string.
const minifyCss = {
  name: 'minify-css',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]styles\.js$/ }, async ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const match = source.match(/export default \/\* css \*\/ `([^`]*)`;/);
      if (!match || match[1].includes('${')) throw new Error('styles.js must be `export default /* css */ `...`;` without ${}');
      const { code } = await esbuild.transform(match[1], { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: 'js' };
    });
  },
};

const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
mkdirSync(dirname(outfile), { recursive: true });
try {
  await esbuild.build({
    entryPoints: [join(here, 'src', 'index.js')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    legalComments: 'none',
    banner: { js: `/* kb help widget ${version} */` },
    define: { __VERSION__: JSON.stringify(version) },
    plugins: [minifyCss],
    logLevel: 'warning',
  });
} catch {
  console.error('widget build: esbuild failed (see above)');
  process.exit(1);
}

const raw = readFileSync(outfile);
const gzipped = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`${relative(process.cwd(), outfile) || outfile}: ${raw.length} bytes (${kb(raw.length)}), ${gzipped} bytes gzipped (${kb(gzipped)}; budget ${kb(BUDGET)})`);
if (gzipped > BUDGET) {
  rmSync(outfile); // nothing over budget is left where a server could pick it up
  console.error(`widget build: FAILED: the widget is ${gzipped} bytes gzipped, over its budget of ${BUDGET} bytes (${kb(BUDGET)}); make it smaller`);
  process.exit(1);
}
