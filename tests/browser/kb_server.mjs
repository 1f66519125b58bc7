// Starts the real kb-server on the test fixture articles for a browser test, on a free port of
// 127.0.0.1, with its own index and data folders. The binaries come from the environment that
// CTest sets (KB_SERVER_BIN, KB_INDEX_BIN, KB_FIXTURES).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through ctest`);
  return value;
}

export async function startKbServer({ adminToken, agentToken, extraArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kb-browser-'));
  execFileSync(required('KB_INDEX_BIN'), [required('KB_FIXTURES'), join(dir, 'index')], { stdio: 'pipe' });
  const child = spawn(required('KB_SERVER_BIN'),
    ['--index', join(dir, 'index'), '--data', join(dir, 'data'), '--port', '0', ...extraArgs],
    {
      env: { ...process.env, KB_ADMIN_TOKEN: adminToken || '', KB_AGENT_TOKEN: agentToken || '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kb-server did not start:\n${stderr}`)), 15000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`kb-server exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's chromium, headless, with nothing that would reach for the network.
export const chromiumOptions = {
  executablePath: process.env.KB_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
