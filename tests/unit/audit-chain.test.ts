// The audit trail's keyed hash chain and its checkpoints, on in-memory and temporary databases.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, test } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/client';
import { canonicalAuditRow, GENESIS_HASH, installAuditKey, KEYED_PREFIX, legacyHashAuditRow, macAuditRow, recordAudit, verifyAuditChain } from '../../db/queries/audit';
import { AuditCheckpointer, checkAgainstCheckpoints, readCheckpoints } from '../../server/audit/checkpoints';
import { dropTrigger, execSql, queryRow, queryRows, sqlError } from '../support/db';

const KEY = Buffer.from('sleutel-van-de-audittrail-voor-unit-tests-1234567890');
const OTHER_KEY = Buffer.from('een-andere-sleutel-die-de-aanvaller-zou-kiezen-0987654321');
const tmp = mkdtempSync(join(tmpdir(), 'casustafel-audit-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function freshDb(rows = 5) {
  const db = await openDatabase(':memory:');
  installAuditKey(db, KEY);
  for (let i = 0; i < rows; i++) await recordAudit(db, { action: 'case.read', actorUserId: `u${i}`, caseId: 'c1', ip: '10.0.0.1', detail: { i } });
  return db;
}

type Raw = { seq: number; at: string; actor_user_id: string | null; actor_label: string | null; action: string; case_id: string | null; ip: string | null; detail: string; prev_hash: string; hash: string };
const fields = (r: Raw) => ({ seq: r.seq, at: r.at, actorUserId: r.actor_user_id, actorLabel: r.actor_label, action: r.action, caseId: r.case_id, ip: r.ip, detail: r.detail });

describe('macAuditRow', () => {
  const base = { seq: 7, at: '2026-01-02T03:04:05.678Z', actorUserId: 'user-1', actorLabel: null as string | null, action: 'case.read', caseId: 'case-1', ip: '127.0.0.1', detail: '{}' };
  const prev = `${KEYED_PREFIX}${'a'.repeat(64)}`;

  it('is a deterministic, prefixed HMAC-SHA256 that depends on the key', () => {
    const h = macAuditRow(KEY, prev, base);
    expect(h).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(macAuditRow(KEY, prev, { ...base })).toBe(h);
    expect(macAuditRow(OTHER_KEY, prev, base)).not.toBe(h);
    // Without the key, the plain SHA-256 of the same content is something else entirely.
    expect(legacyHashAuditRow(prev, base)).not.toBe(h.slice(KEYED_PREFIX.length));
  });

  const changes: [string, Partial<typeof base>][] = [
    ['seq', { seq: 8 }],
    ['at', { at: '2026-01-02T03:04:05.679Z' }],
    ['actorUserId', { actorUserId: 'user-2' }],
    ['actorUserId (to null)', { actorUserId: null as unknown as string }],
    ['actorLabel', { actorLabel: 'someone@x.nl' }],
    ['action', { action: 'case.closed' }],
    ['caseId', { caseId: 'case-2' }],
    ['caseId (to null)', { caseId: null as unknown as string }],
    ['ip', { ip: '127.0.0.2' }],
    ['detail', { detail: '{"x":1}' }],
  ];
  test.each(changes)('changes when %s changes', (_name, change) => {
    expect(macAuditRow(KEY, prev, { ...base, ...change })).not.toBe(macAuditRow(KEY, prev, base));
  });

  it('changes when the previous hash changes; a null is not the string "null"; content cannot shift between fields', () => {
    expect(macAuditRow(KEY, GENESIS_HASH, base)).not.toBe(macAuditRow(KEY, prev, base));
    expect(canonicalAuditRow(prev, { ...base, actorLabel: 'null' })).not.toBe(canonicalAuditRow(prev, { ...base, actorLabel: null }));
    expect(macAuditRow(KEY, prev, { ...base, actorUserId: 'ab', actorLabel: 'c' })).not.toBe(macAuditRow(KEY, prev, { ...base, actorUserId: 'a', actorLabel: 'bc' }));
  });
});

describe('appendAudit + verifyAuditChain', () => {
  it('links each keyed row to the previous one, starting from the genesis hash', async () => {
    const db = await freshDb();
    const rows = await queryRows<Raw>({ db }, 'select * from audit_log order by seq');
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const r of rows) expect(r.hash).toBe(macAuditRow(KEY, r.prev_hash, fields(r)));
    expect(await verifyAuditChain(db, KEY)).toEqual({ ok: true, rows: 5, unkeyedRows: 0 });
    expect(await verifyAuditChain(db, KEY, 2)).toEqual({ ok: true, rows: 5, unkeyedRows: 0 });
    await closeDatabase(db);
  });

  it('a connection without the key writes no audit row (and so no audited change)', async () => {
    const db = await openDatabase(':memory:');
    await expect(recordAudit(db, { action: 'case.read' })).rejects.toThrow(/no audit key/);
    expect(() => installAuditKey(db, Buffer.from('te-kort'))).toThrow(/32 bytes/);
    expect(await verifyAuditChain(db, KEY)).toEqual({ ok: true, rows: 0, unkeyedRows: 0 });
    await closeDatabase(db);
  });

  it('the wrong key fails at the first row', async () => {
    const db = await freshDb();
    expect(await verifyAuditChain(db, OTHER_KEY)).toMatchObject({ ok: false, brokenSeq: 1, rows: 0 });
    await closeDatabase(db);
  });

  it('an edited row, a deleted row and the database refusing both', async () => {
    const db = await freshDb();
    expect(await sqlError(execSql({ db }, `update audit_log set ip = 'x' where seq = 1`))).toMatch(/append-only/);
    expect(await sqlError(execSql({ db }, 'delete from audit_log where seq = 1'))).toMatch(/append-only/);
    await dropTrigger({ db }, 'audit_log', 'audit_log_no_update');
    await dropTrigger({ db }, 'audit_log', 'audit_log_no_delete');
    await execSql({ db }, `update audit_log set detail = '{"i":99}' where seq = 3`);
    expect(await verifyAuditChain(db, KEY, 2)).toMatchObject({ ok: false, brokenSeq: 3, rows: 2 });
    await execSql({ db }, 'delete from audit_log where seq = 2');
    expect(await verifyAuditChain(db, KEY)).toMatchObject({ ok: false, brokenSeq: 2, rows: 1 });
    await closeDatabase(db);
  });

  it('recomputing the whole chain without the key is detected, keyed or as old unkeyed rows', async () => {
    for (const recompute of [(prev: string, r: Raw) => macAuditRow(OTHER_KEY, prev, fields(r)), (prev: string, r: Raw) => legacyHashAuditRow(prev, fields(r))]) {
      const db = await freshDb();
      await dropTrigger({ db }, 'audit_log', 'audit_log_no_update');
      // The attacker rewrites row 3 and recomputes every hash after it, consistently.
      await execSql({ db }, `update audit_log set detail = '{"i":"vervalst"}' where seq = 3`);
      let prev = (await queryRow<{ hash: string }>({ db }, 'select hash from audit_log where seq = 2'))!.hash;
      for (const r of await queryRows<Raw>({ db }, 'select * from audit_log where seq >= 3 order by seq')) {
        const hash = recompute(prev, r);
        await execSql({ db }, 'update audit_log set prev_hash = ?, hash = ? where seq = ?', prev, hash, r.seq);
        prev = hash;
      }
      expect(await verifyAuditChain(db, KEY)).toMatchObject({ ok: false, brokenSeq: 3, rows: 2 });
      await closeDatabase(db);
    }
  });

  it('a trail begun before the key verifies: its unkeyed rows first, then keyed ones', async () => {
    const db = await openDatabase(':memory:');
    // Two rows as the server wrote them before this change (plain SHA-256 chain).
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const row = { seq, at: `2026-01-0${seq}T10:00:00.000Z`, actorUserId: null, actorLabel: 'oud', action: 'case.read', caseId: null, ip: null, detail: '{}' };
      const hash = legacyHashAuditRow(prev, row);
      await execSql({ db }, 'insert into audit_log (seq, at, actor_user_id, actor_label, action, case_id, ip, detail, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?)', seq, row.at, null, 'oud', 'case.read', null, null, '{}', prev, hash);
      prev = hash;
    }
    installAuditKey(db, KEY);
    await recordAudit(db, { action: 'case.read', actorLabel: 'nieuw' });
    expect(await verifyAuditChain(db, KEY)).toEqual({ ok: true, rows: 3, unkeyedRows: 2 });
    await closeDatabase(db);
  });
});

describe('checkpoints outside the database', () => {
  it('record the head, are signed, and reveal truncation, rewriting and forged lines', async () => {
    const path = join(tmp, 'db.sqlite');
    const file = join(tmp, 'checkpoints.jsonl');
    const db = await openDatabase(path);
    installAuditKey(db, KEY);
    for (let i = 0; i < 4; i++) await recordAudit(db, { action: 'case.read', detail: { i } });
    const checkpointer = new AuditCheckpointer(db, file, KEY);
    await checkpointer.writeNow();
    await checkpointer.writeNow(); // nothing new: no second line
    await recordAudit(db, { action: 'case.read', detail: { i: 4 } });
    await checkpointer.stop(); // a last one at shutdown
    const lines = readCheckpoints(file, KEY);
    expect(lines.map((l) => (l.ok ? l.checkpoint.seq : l.reason))).toEqual([4, 5]);
    expect(await checkAgainstCheckpoints(db, lines)).toEqual([]);
    expect(await checkpointer.checkNewest()).toBeNull();

    // Truncation: the newest rows go; the chain that remains is valid on its own.
    await dropTrigger({ db }, 'audit_log', 'audit_log_no_delete');
    await execSql({ db }, 'delete from audit_log where seq >= 4');
    expect(await verifyAuditChain(db, KEY)).toMatchObject({ ok: true, rows: 3 });
    const problems = await checkAgainstCheckpoints(db, lines);
    expect(problems.map((p) => p.seq)).toEqual([4, 5]);
    expect(problems[0]!.reason).toMatch(/afgekapt/);
    expect((await checkpointer.checkNewest())?.reason).toMatch(/rij 5 ontbreekt/);

    // A forged or edited checkpoint line does not verify either.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"seq":5', '"seq":3'));
    expect(readCheckpoints(file, KEY).map((l) => l.ok)).toEqual([true, false]);
    expect(readCheckpoints(file, OTHER_KEY).every((l) => !l.ok)).toBe(true);
    await closeDatabase(db);
  });

  it('go into a folder that is made at start when it does not exist yet', async () => {
    const db = await freshDb(2);
    const file = join(tmp, 'nog', 'niet', 'aangemaakt', 'checkpoints.jsonl');
    const checkpointer = new AuditCheckpointer(db, file, KEY);
    await checkpointer.stop();
    expect(readCheckpoints(file, KEY).map((l) => (l.ok ? l.checkpoint.seq : l.reason))).toEqual([2]);
  });
});
