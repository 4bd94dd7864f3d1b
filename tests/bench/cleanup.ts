// Everything the benchmark leaves behind (temporary directories, child processes) is
// registered here, so it is removed on success, on error and on Ctrl-C alike.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs = new Set<string>();
const children = new Set<ChildProcess>();

export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `casustafel-bench-${label}-`));
  dirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Children are started detached (own process group), so the whole group can be signalled. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Synchronous, so it also works from the 'exit' handler. */
export function cleanupAll(): void {
  for (const child of children) signalGroup(child, 'SIGKILL');
  children.clear();
  for (const dir of dirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort.
    }
  }
  dirs.clear();
}

let installed = false;
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: opruimen en stoppen.`);
      cleanupAll();
      process.exit(code);
    });
  }
}
