import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// Starts `quotewright serve` on a new database holding the demo data and the large-quote scenario (a store
// chain's 10,000-line quote) and hands its URL, which carries the access token, to the tests in QW_URL.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = resolve(process.env.QW_BIN ?? join(here, '..', '..', 'build', 'bin', 'quotewright'));
  if (!existsSync(bin)) {
    throw new Error(`${bin} does not exist: run make build first (or set QW_BIN)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'qw-e2e-'));
  const db = join(dir, 'e2e.db');
  execFileSync(bin, ['demo', '--reset', '--large', '--db', db], { stdio: 'pipe' });
  const child: ChildProcess = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Each file of an export of signed contracts takes a moment, so that its progress can be seen and cancelled.
    env: { ...process.env, DISPLAY: '', QUOTEWRIGHT_EXPORT_PAUSE: process.env.QUOTEWRIGHT_EXPORT_PAUSE ?? '1500ms' },
  });
  const url = await printed(child, 'quotewright serve', /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/);
  // The reference order-management server the orders tests send to: a fulfilment step every second.
  const om = spawn(bin, ['om-server', '--db', join(dir, 'om.db'), '--addr', '127.0.0.1:0', '--delay', '1s'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const omBase = await printed(om, 'quotewright om-server', /(http:\/\/127\.0\.0\.1:\d+)\n/);
  process.env.QW_URL = url;
  process.env.QW_DB = db;
  process.env.QW_OM_URL = `${omBase}/tmf-api/productOrderingManagement/v4/`;
  return async () => {
    for (const c of [child, om]) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

// printed waits until a child process prints a line matching re and returns its first group.
function printed(child: ChildProcess, what: string, re: RegExp): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (b) => (stderr += b));
  return new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${what} printed nothing useful in 30 s:\n${out}\n${stderr}`)), 30_000);
    child.stdout?.on('data', (b) => {
      out += b;
      const m = re.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`${what} exited with ${code}:\n${out}\n${stderr}`)));
  });
}
