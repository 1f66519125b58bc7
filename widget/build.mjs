// Builds kb's browser code with esbuild: the widget (src/index.js, one IIFE that defines
// window.KbWidget and nothing else) and the scripts of kb's own pages (server/http/pages/*.js),
// each bundled with the modules it imports from src/shared/ and minified into one file. Prints
// each file's raw and gzipped size and fails when one is over its gzipped budget.
//
//   node path/to/widget/build.mjs                 # -> widget/dist/
//   node path/to/widget/build.mjs --outdir DIR    # -> DIR (the CMake build writes into its tree)
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pages = join(here, '..', 'server', 'http', 'pages');
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

// Every file the build writes, with its gzipped budget in bytes. A budget sits a little above the
// file's measured size, so that growing is a decision (raise it here) rather than an accident.
const BUNDLES = [
  { file: 'widget.js', entry: join(here, 'src', 'index.js'), budget: 15 * 1024,
    banner: `/* kb help widget ${version} */` },
  // The admin page grew with the gap report's wordings, reasons, watch list and synonym
  // suggestions; only content owners load it.
  { file: 'admin.js', entry: join(pages, 'admin.js'), budget: 3.5 * 1024 },
  { file: 'agent.js', entry: join(pages, 'agent.js'), budget: 2.5 * 1024 },
  { file: 'article.js', entry: join(pages, 'article.js'), budget: 1024 },
];

function outdirFrom(args) {
  const at = args.indexOf('--outdir');
  if (at < 0) return join(here, 'dist');
  if (!args[at + 1]) {
    console.error('build: --outdir needs a directory');
    process.exit(2);
  }
  return resolve(args[at + 1]);
}
const outdir = outdirFrom(process.argv.slice(2));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error(`build: esbuild is not installed; run: cd ${here} && npm install --no-audit --no-fund`);
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

// One IIFE per file: the pages load theirs with a plain <script defer>, and nothing a bundle
// declares reaches the page's globals.
function bundle({ file, entry, banner }) {
  return esbuild.build({
    entryPoints: [entry],
    outfile: join(outdir, file),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    legalComments: 'none',
    banner: banner ? { js: banner } : undefined,
    define: { __VERSION__: JSON.stringify(version) },
    plugins: [minifyCss],
    logLevel: 'warning',
  });
}

mkdirSync(outdir, { recursive: true });
try {
  await Promise.all(BUNDLES.map(bundle));
} catch {
  console.error('build: esbuild failed (see above)');
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const over = [];
for (const { file, budget } of BUNDLES) {
  const path = join(outdir, file);
  const raw = readFileSync(path);
  const gzipped = gzipSync(raw, { level: 9 }).length;
  console.log(`${relative(process.cwd(), path) || path}: ${raw.length} bytes (${kb(raw.length)}), ` +
    `${gzipped} bytes gzipped (${kb(gzipped)}; budget ${kb(budget)})`);
  if (gzipped > budget) {
    rmSync(path); // nothing over budget is left where a server could pick it up
    over.push(`${file} is ${gzipped} bytes gzipped, over its budget of ${budget} bytes (${kb(budget)})`);
  }
}
if (over.length) {
  for (const line of over) console.error(`build: FAILED: ${line}`);
  console.error('build: make it smaller, or raise its budget in widget/build.mjs if the growth is worth it');
  process.exit(1);
}
