// Adopting the plan (plan vaststellen) turns the live draft into a numbered, read-only
// version: a decision, stored with a copy of exactly what was adopted.
import { diffLines } from 'diff';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { nowIso } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { listRoomEditBuckets } from '../../db/queries/collab';
import { findVersion, insertVersion, listVersions, nextVersionNumber } from '../../db/queries/plan-versions';
import { withdrawnGoalIds } from '../../db/queries/goals';
import { planToText, readPlan, type PlanContent } from '../../shared/plan/doc';
import { type CaseRoomKind, roomName } from '../../shared/plan/rooms';
import { canInCase } from '../../shared/permissions';
import type { EditSession, PlanDiff, PlanRecords, PlanVersion, PlanVersionSummary } from '../../shared/schemas';
import { authorizeCase } from '../cases/gate';
import type { Actor } from '../context';
import type { Services } from '../context';
import { todayNl } from '../dates';
import { commit, type Unit } from '../domain/commit';
import { Errors } from '../http/errors';
import { recordsFor, snapshotRecords } from './records';

/** What a version stores as `content`: the plan, and (since issue 6) a copy of the decided records. */
export type StoredPlanContent = PlanContent & { records?: PlanRecords };

async function currentPlan(services: Services, caseId: string): Promise<{ content: PlanContent; state: Uint8Array }> {
  const read = (doc: Y.Doc) => ({ content: readPlan(doc), state: Y.encodeStateAsUpdate(doc) });
  if (!services.collab) throw Errors.internal();
  return await services.collab.rooms.withDoc(roomName(caseId, 'plan'), (room) => read(room.doc));
}

export async function listPlanVersions(db: Db, actor: Actor, caseId: string): Promise<PlanVersionSummary[]> {
  await authorizeCase(db, actor, caseId, 'case.read');
  return (await listVersions(db, caseId)).map((v) => ({ number: v.number, adoptedAt: v.adoptedAt, adoptedBy: { id: v.byId, name: v.byName }, note: v.note }));
}

export async function adoptPlan(services: Services, actor: Actor, caseId: string, note: string | undefined): Promise<PlanVersion> {
  const { db } = services;
  const { caseRow: row, membership } = await authorizeCase(db, actor, caseId, 'plan.adopt');
  const number = await commit(services, actor, async (unit) => await adoptInUnit(services, unit, actor, caseId, note));
  return await readVersion(db, caseId, number, canInCase(actor.user.functie, membership, row.status, 'case.intern.access'));
}

/**
 * Adopts the live draft as the next numbered version inside the caller's unit of work, so that
 * another decision (closing a case conference) and the adoption commit together or not at all.
 * The caller has checked the rights. Returns the version number.
 */
export async function adoptInUnit(services: Services, { tx, audit, emit }: Unit, actor: Actor, caseId: string, note: string | undefined): Promise<number> {
  const { content, state } = await currentPlan(services, caseId);
  const text = planToText(content);
  const n = await nextVersionNumber(tx, caseId);
  // The goals, conclusions, deviations and breakthroughs as they stand now belong to this version.
  const stored: StoredPlanContent = { ...content, records: await snapshotRecords(tx, caseId, todayNl()) };
  await insertVersion(tx, { caseId, number: n, adoptedAt: nowIso(), adoptedBy: actor.user.id, note: note ?? null, state: Buffer.from(state), content: JSON.stringify(stored), text });
  await audit({ action: 'plan.version_adopted', caseId, detail: { number: n } });
  emit({ type: 'plan.version_adopted', caseId, number: n });
  return n;
}

/**
 * One version as this reader may see it: `seesInternal` false leaves internal deviations and
 * breakthroughs out of its records; withdrawn goals are left out for everyone. Versions adopted before records were kept have none.
 */
export async function readVersion(db: Db, caseId: string, number: number, seesInternal: boolean): Promise<PlanVersion> {
  const found = await findVersion(db, caseId, number);
  if (!found) throw Errors.notFound(`Versie ${number} bestaat niet.`);
  const v = found.version;
  const { records, ...plan } = JSON.parse(v.content) as StoredPlanContent;
  // A goal withdrawn since (entered by mistake) leaves this version's copy as well: here, so that
  // every reader of a version (the versions list, the dossier PDF) leaves it out.
  const withdrawn = records ? await withdrawnGoalIds(db, caseId) : new Set<string>();
  const content = records ? { ...plan, records: recordsFor({ ...records, goals: records.goals.filter((g) => !withdrawn.has(g.id)) }, seesInternal) } : plan;
  return { number: v.number, adoptedAt: v.adoptedAt, adoptedBy: { id: v.adoptedBy, name: found.byName }, note: v.note, content, text: v.text };
}

/** Opening an adopted version is a read of the case file, and audited as such. */
export async function openPlanVersion(db: Db, actor: Actor, caseId: string, number: number): Promise<PlanVersion> {
  const { caseRow: row, membership } = await authorizeCase(db, actor, caseId, 'case.read');
  const version = await readVersion(db, caseId, number, canInCase(actor.user.functie, membership, row.status, 'case.intern.access'));
  await recordAudit(db, { action: 'plan.version_opened', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { number } });
  return version;
}

export async function diffPlan(services: Services, actor: Actor, caseId: string, from: number | 'concept', to: number | 'concept'): Promise<PlanDiff> {
  await authorizeCase(services.db, actor, caseId, 'case.read');
  const textOf = async (ref: number | 'concept') => (ref === 'concept' ? planToText((await currentPlan(services, caseId)).content) : (await readVersion(services.db, caseId, ref, false)).text);
  const parts = diffLines(await textOf(from), await textOf(to)).map((p) => ({ kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const), text: p.value }));
  return { from, to, parts };
}

/** Consecutive edits by the same person within this gap count as one editing session. */
const SESSION_GAP_MS = 10 * 60_000;

export async function planHistory(db: Db, actor: Actor, caseId: string, kind: CaseRoomKind): Promise<EditSession[]> {
  await authorizeCase(db, actor, caseId, kind === 'plan' ? 'case.read' : 'case.intern.access');
  const sessions: EditSession[] = [];
  for (const b of await listRoomEditBuckets(db, roomName(caseId, kind), caseId)) {
    const last = sessions.at(-1);
    // Newest first: extend the current session backwards while the same person kept going.
    if (last && last.author.id === b.userId && Date.parse(last.from) - Date.parse(b.to) <= SESSION_GAP_MS) {
      last.from = b.from;
      last.edits += Number(b.edits);
      last.bytes += Number(b.bytes);
    } else {
      sessions.push({ author: { id: b.userId, name: b.name }, from: b.from, to: b.to, edits: Number(b.edits), bytes: Number(b.bytes) });
    }
  }
  return sessions;
}
