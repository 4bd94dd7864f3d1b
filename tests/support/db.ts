// Reading the test server's SQLite database directly: what the API would not show, or to
// check that a refused request wrote nothing.
import type { Db } from '../../db/client';
import { demoEmail } from '../../server/demo/seed';

/** Anything with the server's database: a TestServer or a RunningServer. */
export interface WithDb {
  db: Db;
}

export function userId(server: WithDb, key: string): string {
  const row = server.db.$client.prepare('select id from users where email = ?').get(demoEmail(key)) as { id: string } | undefined;
  if (!row) throw new Error(`no demo account ${key}`);
  return row.id;
}

export function caseIdByTitle(server: WithDb, title: string): string {
  const row = server.db.$client.prepare('select id from cases where title = ?').get(title) as { id: string } | undefined;
  if (!row) throw new Error(`no case ${title}`);
  return row.id;
}

export function count(server: WithDb, sql: string, ...params: unknown[]): number {
  return (server.db.$client.prepare(sql).get(...params) as { n: number }).n;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  case_id: string | null;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function maxAuditSeq(server: WithDb): number {
  return (server.db.$client.prepare('select coalesce(max(seq), 0) as n from audit_log').get() as { n: number }).n;
}

export function auditRowsSince(server: WithDb, seq: number): AuditRow[] {
  return server.db.$client.prepare('select * from audit_log where seq > ? order by seq').all(seq) as AuditRow[];
}

/** Active members of a case, straight from the database, as "userId:caseRole:access". */
export function activeMembers(server: WithDb, caseId: string): string[] {
  const rows = server.db.$client
    .prepare('select user_id, case_role, access from case_members where case_id = ? and removed_at is null order by user_id')
    .all(caseId) as { user_id: string; case_role: string; access: string }[];
  return rows.map((r) => `${r.user_id}:${r.case_role}:${r.access}`);
}

export function caseRow(server: WithDb, caseId: string): { status: string; regisseur_user_id: string | null; borgingsafspraken: string | null } {
  return server.db.$client.prepare('select status, regisseur_user_id, borgingsafspraken from cases where id = ?').get(caseId) as {
    status: string;
    regisseur_user_id: string | null;
    borgingsafspraken: string | null;
  };
}
