// Checks that the running Node.js satisfies the "engines.node" range of every package in the given
// npm lock files, and says what to do when it does not. scripts/setup.sh runs it with the node on
// PATH before installing the packages, so that a Node.js too old for a locked package fails here,
// not as a browser test that will not start.
//   node scripts/check-node-engines.mjs widget/package-lock.json tests/browser/package-lock.json
// Ranges are read the way npm's semver reads them (||, comparators, x-ranges, ^, ~, hyphen ranges),
// without prerelease tags.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

function parseVersion(text) {
  // A full or partial version ("18", "18.2", "18.2.1", "18.x", "*"); null parts are wildcards.
  const match = /^v?(\d+|[xX*])?(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(text);
  if (!match) return null;
  const parts = [match[1], match[2], match[3]].map((p) => (p === undefined || /[xX*]/.test(p) ? null : Number(p)));
  // "1.x.3" is not a version: a wildcard makes every later part one too.
  const firstWild = parts.indexOf(null);
  return firstWild === -1 ? parts : parts.map((p, i) => (i < firstWild ? p : null));
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// The comparators [op, [major, minor, patch]] that one range term stands for, or null.
function comparators(op, v) {
  const [major, minor, patch] = v;
  const lower = [major ?? 0, minor ?? 0, patch ?? 0];
  if (major === null) return op === '<' || op === '>' ? [['<', [0, 0, 0]]] : [];
  // The first version above a partial one: 1 -> 2.0.0, 1.2 -> 1.3.0.
  const next = minor === null ? [major + 1, 0, 0] : patch === null ? [major, minor + 1, 0] : null;
  switch (op) {
    case '':
    case '=':
      return next ? [['>=', lower], ['<', next]] : [['=', lower]];
    case '>=': return [['>=', lower]];
    case '>': return next ? [['>=', next]] : [['>', lower]];
    case '<': return [['<', lower]];
    case '<=': return next ? [['<', next]] : [['<=', lower]];
    case '~':
    case '~>':
      return [['>=', lower], ['<', minor === null ? [major + 1, 0, 0] : [major, minor + 1, 0]]];
    case '^': {
      let upper;
      if (major > 0 || minor === null) upper = [major + 1, 0, 0];
      else if (minor > 0 || patch === null) upper = [0, minor + 1, 0];
      else upper = [0, 0, patch + 1];
      return [['>=', lower], ['<', upper]];
    }
    default: return null;
  }
}

// Whether version (three numbers) satisfies range; null when the range cannot be read.
function satisfies(version, range) {
  let readable = true;
  const ok = range.split('||').some((set) => {
    set = set.trim();
    const terms = [];
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
    if (hyphen) {
      terms.push(['>=', hyphen[1]], ['<=', hyphen[2]]);
    } else {
      // ">= 18" is ">=18".
      for (const token of set.replace(/(>=|<=|~>|[<>=~^])\s+/g, '$1').split(/\s+/).filter(Boolean)) {
        const match = /^(>=|<=|~>|[<>=~^])?(.*)$/.exec(token);
        terms.push([match[1] || '', match[2]]);
      }
    }
    return terms.every(([op, text]) => {
      const v = parseVersion(text);
      const list = v && comparators(op, v);
      if (!list) { readable = false; return false; }
      return list.every(([cop, bound]) => {
        const c = compare(version, bound);
        return { '=': c === 0, '>=': c >= 0, '>': c > 0, '<': c < 0, '<=': c <= 0 }[cop];
      });
    });
  });
  if (ok) return true;
  return readable ? false : null;
}

const node = process.versions.node;
const current = node.split('.').map(Number);
const problems = [];
for (const lockPath of process.argv.slice(2)) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  for (const [key, entry] of Object.entries(lock.packages || {})) {
    const range = entry.engines && typeof entry.engines === 'object' && entry.engines.node;
    if (typeof range !== 'string') continue;
    const name = key === '' ? (entry.name || 'the project itself') : key.replace(/^.*node_modules\//, '');
    const shown = relative(process.cwd(), lockPath);
    const where = `${shown && !shown.startsWith('..') ? shown : lockPath}: ${name} ${entry.version || ''}`.trimEnd();
    const result = satisfies(current, range);
    if (result === false) problems.push(`  ${where} needs node ${range}`);
    else if (result === null) problems.push(`  ${where} declares node "${range}", a range this check cannot read`);
  }
}
if (problems.length > 0) {
  console.error(`setup: Node.js v${node} (${process.execPath}, the node on PATH) does not satisfy the "engines" of packages these lock files pin:
${problems.join('\n')}
Fix: put a Node.js that satisfies them first on PATH, or lock versions whose engines accept
v${node} (see \`npm view NAME@VERSION engines\`), then run scripts/setup.sh again.`);
  process.exit(1);
}
