// The case conference (casusoverleg). The agenda and minutes are co-edited in the conference's
// own room; everything decided about it is a server record here: who chairs and when it
// started, the attendance, the timer (the chair's events), decisions noted at the table, and
// the close, which freezes the minutes and the attendance and adopts a plan version in one
// transaction. Everyone in the room hears of a change through the 'overleg' signal.
import * as Y from 'yjs';
import type { z } from 'zod';
import { type Db, nowIso, type Tx } from '../../db/client';
import { recordAudit } from '../../db/queries/audit';
import { listActiveMembers } from '../../db/queries/cases';
import {
  breakthroughDecisionsBetween,
  closeConferenceRow,
  type ConferenceWithNames,
  deviationDecisionsBetween,
  findConference,
  findGuest,
  findOpenConference,
  insertConference,
  insertGuest,
  insertNotedDecision,
  insertTimerEvent,
  listAttendance,
  listConferencesOfCase,
  listNotedDecisions,
  listTimerEvents,
  recordAbsentMembers,
  setGuestPresent,
  setHouseholdPresent,
  setMemberAttendance,
  vraagstukDecisionsBetween,
} from '../../db/queries/conference';
import { lawByKey } from '../../shared/laws';
import { conferenceToText, readAgenda, readFrozen, readMinutesText } from '../../shared/plan/conference';
import { conferenceRoomName } from '../../shared/plan/rooms';
import type { AddGuestRequest, AttendanceMember, Conference, ConferenceSummary, DerivedDecision, TimerRequest } from '../../shared/schemas';
import { OUTCOMES } from '../../shared/vraagstukken';
import { authorizeCase, may, type Viewer } from '../cases/gate';
import type { Actor } from '../context';
import type { Services } from '../context';
import { Errors } from '../http/errors';
import { adoptInUnit } from '../plan/versions';
import { ensureConferenceDoc, readConferenceDoc } from './conference-doc';
import { commit } from '../domain/commit';
import { isRunning, timerState } from './timer';


const RUN_FORBIDDEN = 'Alleen de regisseur of een procesregisseur met bewerkrechten leidt het casusoverleg: starten, de tijd, de aanwezigheid en afsluiten.';
const WRITE_FORBIDDEN = 'Alleen leden met bewerkrechten in een open casus schrijven mee aan het casusoverleg.';

/** authorizeCase, with the conference's own wording for a refused chair action. */
async function viewer(db: Db, actor: Actor, caseId: string, action: 'case.read' | 'conference.run' | 'plan.edit'): Promise<Viewer> {
  return await authorizeCase(db, actor, caseId, action, action === 'conference.run' ? RUN_FORBIDDEN : WRITE_FORBIDDEN);
}

async function conferenceOrNotFound(db: Db, caseId: string, id: string): Promise<ConferenceWithNames> {
  const found = await findConference(db, caseId, id);
  if (!found) throw Errors.notFound('Dit casusoverleg bestaat niet.');
  return found;
}

async function openConferenceOrConflict(db: Db, caseId: string, id: string): Promise<ConferenceWithNames> {
  const found = await conferenceOrNotFound(db, caseId, id);
  if (found.conference.closedAt) throw Errors.conflict('OVERLEG_AFGESLOTEN', 'Dit casusoverleg is al afgesloten; het verslag en de aanwezigheid liggen vast.');
  return found;
}

// ---------------------------------------------------------------- views

function summaryView(c: ConferenceWithNames): ConferenceSummary {
  const r = c.conference;
  return {
    id: r.id,
    caseId: r.caseId,
    chair: { id: r.chairUserId, name: c.chairName },
    startedAt: r.startedAt,
    status: r.closedAt ? 'gesloten' : 'open',
    closedAt: r.closedAt,
    closedBy: r.closedBy ? { id: r.closedBy, name: c.closedByName ?? '' } : null,
    planVersionNumber: r.planVersionNumber,
  };
}

const DEVIATION_OUTCOME = { goedgekeurd: 'Goedgekeurd', afgewezen: 'Afgewezen' } as const;
const BREAKTHROUGH_OUTCOME = { toegekend: 'Toegekend', afgewezen: 'Afgewezen' } as const;
const short = (s: string, max = 160) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * What was decided in the case while the conference ran. Internal deviations only for those who
 * may see internal matters; breakthrough decisions only for municipal staff (the same rule).
 */
async function derivedDecisions(db: Db, v: Viewer, caseId: string, from: string, to: string): Promise<DerivedDecision[]> {
  const seesInternal = may(v, 'case.intern.access');
  const out: DerivedDecision[] = [];
  for (const d of await vraagstukDecisionsBetween(db, caseId, from, to)) {
    const outcome = d.kind === 'heropend' ? 'Heropend' : (OUTCOMES.find((o) => o.key === d.outcome)?.label ?? 'Besloten');
    out.push({ kind: 'vraagstuk', key: `vraagstuk:${d.id}`, subject: d.title, outcome, by: { id: d.byId, name: d.byName }, mandate: null, at: d.at });
  }
  for (const d of await deviationDecisionsBetween(db, caseId, from, to)) {
    if (d.internal && !seesInternal) continue;
    if (d.kind !== 'goedgekeurd' && d.kind !== 'afgewezen') continue;
    out.push({ kind: 'afwijking', key: `afwijking:${d.id}`, subject: `${lawByKey(d.law).name}: ${d.rule}`, outcome: DEVIATION_OUTCOME[d.kind], by: { id: d.byId, name: d.byName }, mandate: d.mandate, at: d.at });
  }
  if (seesInternal) {
    for (const d of await breakthroughDecisionsBetween(db, caseId, from, to)) {
      if (d.kind !== 'toegekend' && d.kind !== 'afgewezen') continue;
      out.push({ kind: 'doorbraak', key: `doorbraak:${d.id}`, subject: short(d.proposal ?? 'Doorbraakverzoek'), outcome: BREAKTHROUGH_OUTCOME[d.kind], by: { id: d.byId, name: d.byName }, mandate: d.mandate, at: d.at });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

async function attendanceView(db: Db, c: ConferenceWithNames): Promise<Conference['attendance']> {
  const r = c.conference;
  const rows = await listAttendance(db, r.id, r.caseId);
  const members = new Map<string, AttendanceMember>();
  // While open, every current member is on the checklist; once closed, exactly what was frozen.
  if (!r.closedAt) for (const m of await listActiveMembers(db, r.caseId)) members.set(m.userId, { userId: m.userId, name: m.name, caseRole: m.caseRole, present: null });
  for (const a of rows) if (a.userId) members.set(a.userId, { userId: a.userId, name: a.name ?? '', caseRole: a.caseRole ?? null, present: a.present });
  const guests = rows.filter((a) => !a.userId).map((a) => ({ id: a.id, name: a.guestName ?? '', role: a.guestRole ?? '', present: a.present }));
  return { members: [...members.values()], guests };
}

async function conferenceView(db: Db, v: Viewer, c: ConferenceWithNames): Promise<Conference> {
  const r = c.conference;
  const open = !r.closedAt;
  const frozen = r.closedAt && r.minutesState ? { ...readFrozen(new Uint8Array(r.minutesState)), text: r.minutesText ?? '' } : null;
  return {
    ...summaryView(c),
    room: open ? conferenceRoomName(r.caseId, r.id) : null,
    householdPresent: r.householdPresent,
    attendance: await attendanceView(db, c),
    timer: timerState(await listTimerEvents(db, r.id)),
    decisions: {
      noted: (await listNotedDecisions(db, r.id)).map((d) => ({ id: d.id, text: d.text, by: { id: d.byId, name: d.byName }, at: d.at })),
      derived: await derivedDecisions(db, v, r.caseId, r.startedAt, r.closedAt ?? nowIso()),
    },
    frozen,
    serverNow: nowIso(),
    can: { run: open && may(v, 'conference.run'), write: open && may(v, 'plan.edit') },
  };
}

// ---------------------------------------------------------------- reading

export async function listConferences(db: Db, actor: Actor, caseId: string): Promise<ConferenceSummary[]> {
  await viewer(db, actor, caseId, 'case.read');
  return (await listConferencesOfCase(db, caseId)).map(summaryView);
}

/** One conference. Opening a past one reads a frozen part of the case file: audited. */
export async function getConference(services: Services, actor: Actor, caseId: string, id: string): Promise<Conference> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'case.read');
  const c = await conferenceOrNotFound(db, caseId, id);
  if (!c.conference.closedAt) {
    await ensureConferenceDoc(services, caseId, id, c.conference.chairUserId);
    return await conferenceView(db, v, c);
  }
  const view = await conferenceView(db, v, c);
  await recordAudit(db, { action: 'conference.opened', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { conferenceId: id, planVersion: c.conference.planVersionNumber } });
  return view;
}

const current = async (services: Services, v: Viewer, caseId: string, id: string) => await conferenceView(services.db, v, await conferenceOrNotFound(services.db, caseId, id));

// ---------------------------------------------------------------- starting

export async function startConference(services: Services, actor: Actor, caseId: string): Promise<Conference> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'conference.run');
  const row = await commit(services, actor, async ({ tx, audit, emit }) => {
    const running = await findOpenConference(tx, caseId);
    if (running) throw Errors.conflict('OVERLEG_LOOPT', 'Er loopt al een casusoverleg in deze casus. Sluit dat eerst af.');
    const r = await insertConference(tx, { caseId, chairUserId: actor.user.id });
    // Whoever starts the conference is at the table.
    await setMemberAttendance(tx, r.id, actor.user.id, true, actor.user.id);
    await audit({ action: 'conference.started', caseId, detail: { conferenceId: r.id, chairPresent: true } });
    emit({ type: 'conference.changed', caseId, conferenceId: r.id, closed: false });
    return r;
  });
  // The standard agenda is made once, by the server, so that everyone shares one structure.
  await ensureConferenceDoc(services, caseId, row.id, actor.user.id);
  return current(services, v, caseId, row.id);
}

// ---------------------------------------------------------------- attendance

/** Runs a chair's change of an open conference with its audit row, then tells the room. */
async function chairChange(services: Services, actor: Actor, caseId: string, id: string, change: (tx: Tx, c: ConferenceWithNames, v: Viewer) => Promise<Record<string, unknown> | null> | Record<string, unknown> | null, action: 'conference.attendance_set' | 'conference.timer' = 'conference.attendance_set'): Promise<Conference> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'conference.run');
  const c = await openConferenceOrConflict(db, caseId, id);
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const detail = await change(tx, c, v);
    if (!detail) return;
    await audit({ action, caseId, detail: { conferenceId: id, ...detail } });
    emit({ type: 'conference.changed', caseId, conferenceId: id, closed: false });
  });
  return await current(services, v, caseId, id);
}

export async function setMemberPresence(services: Services, actor: Actor, caseId: string, id: string, userId: string, present: boolean): Promise<Conference> {
  return await chairChange(services, actor, caseId, id, async (tx) => {
    if (!(await listActiveMembers(tx, caseId)).some((m) => m.userId === userId)) throw Errors.notFound('Deze persoon is geen lid van de casus. Voeg iemand van buiten toe als gast.');
    return await setMemberAttendance(tx, id, userId, present, actor.user.id) ? { userId, present } : null;
  });
}

export async function addGuest(services: Services, actor: Actor, caseId: string, id: string, guest: z.output<typeof AddGuestRequest>): Promise<Conference> {
  return await chairChange(services, actor, caseId, id, async (tx) => {
    const guestId = await insertGuest(tx, id, guest, actor.user.id);
    return { guestId, guest: true, present: true };
  });
}

export async function setGuestPresence(services: Services, actor: Actor, caseId: string, id: string, guestId: number, present: boolean): Promise<Conference> {
  return await chairChange(services, actor, caseId, id, async (tx) => {
    const guest = await findGuest(tx, id, guestId);
    if (!guest) throw Errors.notFound('Deze gast staat niet op de aanwezigheidslijst.');
    if (guest.present === present) return null;
    await setGuestPresent(tx, guestId, present, actor.user.id);
    return { guestId, present };
  });
}

export async function setHousehold(services: Services, actor: Actor, caseId: string, id: string, present: boolean | null): Promise<Conference> {
  return await chairChange(services, actor, caseId, id, async (tx, c) => {
    if (c.conference.householdPresent === present) return null;
    await setHouseholdPresent(tx, id, present);
    return { household: present };
  });
}

// ---------------------------------------------------------------- the timer

export async function controlTimer(services: Services, actor: Actor, caseId: string, id: string, input: z.output<typeof TimerRequest>): Promise<Conference> {
  return await chairChange(
    services,
    actor,
    caseId,
    id,
    async (tx) => {
      const state = timerState(await listTimerEvents(tx, id));
      if (input.action === 'start') {
        const agenda = await readConferenceDoc(services, caseId, id, readAgenda);
        if (!agenda.some((a) => a.id === input.itemId)) throw Errors.unprocessable('ONBEKEND_AGENDAPUNT', 'Dit agendapunt staat niet (meer) op de agenda.');
      } else if (input.action === 'pauze' && !isRunning(state, input.itemId)) {
        throw Errors.conflict('TIJD_LOOPT_NIET', 'De tijd van dit agendapunt loopt niet.');
      } else if (input.action === 'reset' && !state.items.some((i) => i.itemId === input.itemId)) {
        throw Errors.conflict('TIJD_NIET_GESTART', 'De tijd van dit agendapunt is nog niet gestart.');
      }
      const minutes = input.action === 'start' ? (input.minutes ?? null) : null;
      await insertTimerEvent(tx, { conferenceId: id, itemId: input.itemId, action: input.action, minutes, byUserId: actor.user.id });
      return { timer: input.action, itemId: input.itemId, minutes };
    },
    'conference.timer',
  );
}

// ---------------------------------------------------------------- decisions at the table

export async function noteDecision(services: Services, actor: Actor, caseId: string, id: string, text: string): Promise<Conference> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'plan.edit');
  await openConferenceOrConflict(db, caseId, id);
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const decisionId = await insertNotedDecision(tx, id, text, actor.user.id);
    await audit({ action: 'conference.decision_noted', caseId, detail: { conferenceId: id, decisionId } });
    emit({ type: 'conference.changed', caseId, conferenceId: id, closed: false });
  });
  return current(services, v, caseId, id);
}

// ---------------------------------------------------------------- closing

/**
 * Freezes the minutes (text and Y state) and the attendance (members not marked are recorded as
 * absent), and adopts the live plan as the next version: one transaction, so a close without its
 * version (or the other way round) cannot happen. Then every socket in the room is re-checked,
 * and refused: the frozen copy is the record from now on.
 */
export async function closeConference(services: Services, actor: Actor, caseId: string, id: string, note: string | undefined): Promise<{ conference: Conference; planVersionNumber: number }> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'conference.run');
  const c = await openConferenceOrConflict(db, caseId, id);
  const number = await commit(services, actor, async (unit) => {
    const { tx, audit, emit } = unit;
    // Checked again inside the write lock: two chairs may press the button at once.
    const row = await findOpenConference(tx, caseId);
    if (row?.id !== id) throw Errors.conflict('OVERLEG_AFGESLOTEN', 'Dit casusoverleg is zojuist afgesloten.');
    const members = (await listActiveMembers(tx, caseId)).map((m) => m.userId);
    await recordAbsentMembers(tx, id, members, actor.user.id);
    const { agenda, minutes, state } = await readConferenceDoc(services, caseId, id, (doc) => ({ agenda: readAgenda(doc), minutes: readMinutesText(doc), state: Y.encodeStateAsUpdate(doc) }));
    const n = await adoptInUnit(services, unit, actor, caseId, note || `Vastgesteld in het casusoverleg van ${new Date(c.conference.startedAt).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' })}.`);
    await closeConferenceRow(tx, id, { closedBy: actor.user.id, minutesText: conferenceToText(agenda, minutes), minutesState: Buffer.from(state), planVersionNumber: n });
    const present = (await listAttendance(tx, id, caseId)).filter((a) => a.present);
    await audit({ action: 'conference.closed', caseId, detail: { conferenceId: id, planVersion: n, present: present.filter((a) => a.userId).length, guests: present.filter((a) => !a.userId).length, household: row.householdPresent } });
    emit({ type: 'conference.changed', caseId, conferenceId: id, closed: true });
    return n;
  });
  return { conference: await current(services, v, caseId, id), planVersionNumber: number };
}
