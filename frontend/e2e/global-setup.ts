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
  let stderr = '';
  child.stderr?.on('data', (b) => (stderr += b));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`quotewright serve printed no URL in 30 s:\n${out}\n${stderr}`)), 30_000);
    child.stdout?.on('data', (b) => {
      out += b;
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`quotewright serve exited with ${code}:\n${out}\n${stderr}`)));
  });
  process.env.QW_URL = url;
  process.env.QW_DB = db;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  };
}
