// Checkpoints of the audit trail's head, written outside the database. A keyed chain cannot be
// rewritten without the key, but its newest rows can simply be deleted and what remains still
// verifies. A checkpoint ("row 1234 had hash h") in a file the database's writer does not
// control shows that: the row is missing (truncated) or has another hash (rewritten).
// Each line is signed with the audit key, so the file cannot be edited to match either.
//
// Put the file on other storage than the database in production (AUDIT_CHECKPOINT_FILE), ideally
// append-only (WORM, a log collector). What happens after the last checkpoint (at most
// AUDIT_CHECKPOINT_SECONDS) is covered by the chain only.
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../../db/client';
import { auditHashAt, auditHead } from '../../db/queries/audit';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
}

const macOf = (key: Uint8Array, c: Checkpoint) => createHmac('sha256', key).update(`casustafel-audit-checkpoint\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');

export function appendCheckpoint(path: string, key: Uint8Array, c: Checkpoint): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ ...c, mac: macOf(key, c) })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export type CheckpointLine = { line: number } & ({ ok: true; checkpoint: Checkpoint } | { ok: false; reason: string });

export function readCheckpoints(path: string, key: Uint8Array): CheckpointLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }): CheckpointLine => {
      try {
        const v = JSON.parse(text) as Record<string, unknown>;
        if (typeof v.seq !== 'number' || typeof v.hash !== 'string' || typeof v.at !== 'string' || typeof v.mac !== 'string') return { line, ok: false, reason: 'onvolledige regel' };
        const checkpoint = { seq: v.seq, hash: v.hash, at: v.at };
        if (macOf(key, checkpoint) !== v.mac) return { line, ok: false, reason: 'handtekening klopt niet (gewijzigd of met een andere sleutel)' };
        return { line, ok: true, checkpoint };
      } catch {
        return { line, ok: false, reason: 'onleesbare regel' };
      }
    });
}

export interface CheckpointProblem {
  line: number;
  seq?: number;
  reason: string;
}

/** Every checkpoint must still be in the trail with the same hash. */
export async function checkAgainstCheckpoints(db: Db, lines: readonly CheckpointLine[]): Promise<CheckpointProblem[]> {
  const head = await auditHead(db);
  const problems: CheckpointProblem[] = [];
  for (const l of lines) {
    if (!l.ok) {
      problems.push({ line: l.line, reason: l.reason });
      continue;
    }
    const { seq, hash } = l.checkpoint;
    const found = await auditHashAt(db, seq);
    if (found === null) {
      problems.push({ line: l.line, seq, reason: `rij ${seq} ontbreekt: de audittrail eindigt bij rij ${head?.seq ?? 0} (afgekapt)` });
    } else if (found !== hash) {
      problems.push({ line: l.line, seq, reason: `rij ${seq} heeft een andere hash dan bij het controlepunt (herschreven)` });
    }
  }
  return problems;
}

/** Writes the head now and then while the server runs, and once more when it stops. */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private lastSeq = 0;

  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly key: Uint8Array,
  ) {
    // Its folder is made at start, so that a missing one (other storage, not mounted yet) stops
    // the server here rather than every checkpoint failing quietly in the log.
    mkdirSync(dirname(path), { recursive: true });
    const last = readCheckpoints(path, key).findLast((l) => l.ok);
    if (last?.ok) this.lastSeq = last.checkpoint.seq;
  }

  /** The newest checkpoint's problem, if the database no longer matches it (checked at start). */
  async checkNewest(): Promise<CheckpointProblem | null> {
    const lines = readCheckpoints(this.path, this.key);
    const newest = lines.at(-1);
    return newest ? ((await checkAgainstCheckpoints(this.db, [newest]))[0] ?? null) : null;
  }

  /** Writes a checkpoint when the trail grew since the last one. */
  async writeNow(): Promise<void> {
    const head = await auditHead(this.db);
    if (!head || head.seq === this.lastSeq) return;
    appendCheckpoint(this.path, this.key, { seq: head.seq, hash: head.hash, at: new Date().toISOString() });
    this.lastSeq = head.seq;
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      // A full disk must not take the server down; the next tick tries again.
      this.writeNow().catch((error: unknown) => console.error('[audit] controlepunt schrijven mislukt', error));
    }, everyMs);
    this.timer.unref();
  }

  /** Stops the timer and writes a last checkpoint; call before the database closes. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    try {
      await this.writeNow();
    } catch (error) {
      console.error('[audit] laatste controlepunt schrijven mislukt', error);
    }
  }
}
