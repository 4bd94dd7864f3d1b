// Builds the web client only when its sources changed since the last build, so `npm start`
// on an existing checkout starts quickly. The fingerprint covers everything the bundle is made from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const OUT = join(ROOT, 'dist/client');
const STAMP = join(OUT, '.fingerprint');
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).sort().flatMap((name) => files(join(path, name)));
}

function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of INPUTS.flatMap(files)) h.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
  return h.digest('hex');
}

/** Is dist/client built from exactly the current sources? */
export function clientIsCurrent(fp = fingerprint()): boolean {
  return existsSync(STAMP) && existsSync(join(OUT, 'index.html')) && readFileSync(STAMP, 'utf8') === fp;
}

export async function buildClientIfNeeded(opts: { quiet?: boolean } = {}): Promise<boolean> {
  const fp = fingerprint();
  if (clientIsCurrent(fp)) return false;
  if (!opts.quiet) console.log('Webclient bouwen…');
  const { build } = await import('vite');
  // Always a production bundle, also when called from a test runner that sets NODE_ENV=test
  // (Vite would then bundle React's development build).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: opts.quiet ? 'error' : 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  writeFileSync(STAMP, fp);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildClientIfNeeded();
}
