// Compiles the server (server/main.ts and the server/, db/, shared/ code it imports) into one
// ES module, so production runs plain `node` instead of transpiling TypeScript in the process
// (tsx). npm packages stay external: they load from node_modules as under tsx, so
// createRequire(import.meta.url) lookups (fonts, dictionary) still find them.
//
// The files the server finds beside its own code are the migrations folders, one per engine:
// db/client.ts resolves `migrations` next to the module, which in the bundle is dist/server/,
// and db/engines/postgres.ts looks for `migrations-pg` there too, so both folders are copied.
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

export async function buildServer(opts: { outdir?: string; quiet?: boolean } = {}): Promise<string> {
  const outdir = opts.outdir ?? join(ROOT, 'dist/server');
  if (!opts.quiet) console.log(`Server bouwen naar ${outdir}…`);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'server/main.ts')],
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Stack traces need only the mappings; the embedded sources would cost memory in every process (--enable-source-maps).
    sourcesContent: false,
    logLevel: opts.quiet ? 'error' : 'warning',
  });
  cpSync(join(ROOT, 'db/migrations'), join(outdir, 'migrations'), { recursive: true });
  cpSync(join(ROOT, 'db/migrations-pg'), join(outdir, 'migrations-pg'), { recursive: true });
  return join(outdir, 'main.js');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
