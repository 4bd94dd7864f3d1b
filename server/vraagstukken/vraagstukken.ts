// The reverse test (omgekeerde toets) per vraagstuk. The drafts are co-edited in the plan's
// Y.Doc; what is decided lives here, as append-only server records: a signed verdict is a copy
// of the draft the responsible professional read, a conclusion a copy of the motivation with
// everything it rests on (signatures, approved deviations, cited article versions).
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { lawResponsibleRoles } from '../../db/queries/catalogue';
import { listActiveMembers } from '../../db/queries/cases';
import {
  type DecisionRow,
  findVraagstuk,
  insertDecision,
  insertSignature,
  insertVraagstuk,
  linkDeviation,
  listDecisions,
  listLinkedDeviations,
  listSignatures,
  listVraagstukkenOfCase,
  type SignatureRow,
  unlinkDeviation,
} from '../../db/queries/vraagstukken';
import { CATALOGUE_VERSION, LAW_KEYS, type LawKey, lawByKey } from '../../shared/laws';
import { changesSinceSigning, hasVraagstuk, initVraagstuk, readVraagstukDraft, type VraagstukDraft } from '../../shared/plan/vraagstukken';
import type { CaseRole } from '../../shared/roles';
import type {
  Citation,
  ConcludeVraagstukRequest,
  Deviation,
  LawInScope,
  OpenVraagstukRequest,
  ReliedDeviation,
  SignVerdictRequest,
  VerdictSignature,
  Vraagstuk,
  VraagstukDecision,
} from '../../shared/schemas';
import { catalogueOn } from '../catalogue/articles';
import { resolveCitation } from '../catalogue/citations';
import type { CaseAction } from '../../shared/permissions';
import { authorizeCase, may, type Viewer } from '../cases/gate';
import type { Actor } from '../context';
import { changePlanDoc, readPlanDoc } from '../plan/plan-doc';
import { commit } from '../domain/commit';
import type { Services } from '../context';
import { todayNl } from '../dates';
import { listDeviations } from '../deviations/register';
import { ApiError, Errors } from '../http/errors';

const lawName = (law: LawKey) => lawByKey(law).name;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const MIN_MOTIVATION = 20;

// ---------------------------------------------------------------- views

function signatureView(s: SignatureRow): VerdictSignature {
  return { id: s.id, law: s.law, verdict: s.verdict as VerdictSignature['verdict'], reasoning: s.reasoning, solution: s.solution, by: { id: s.byUserId, name: s.byName }, caseRole: s.byCaseRole, at: s.at };
}

function reliedView(d: Deviation): ReliedDeviation {
  return { id: d.id, law: d.law, rule: d.rule, internal: d.internal, status: d.status, approval: d.approval ? { by: d.approval.by, mandate: d.approval.mandate, at: d.approval.at } : null, reviewDate: d.reviewDate };
}

interface Basis {
  laws: LawKey[];
  signatures: VerdictSignature[];
  deviations: ReliedDeviation[];
  citations: Citation[];
  catalogueVersion: string;
}

function decisionView(d: DecisionRow, seesInternal: boolean): VraagstukDecision {
  const basis = d.basis ? (JSON.parse(d.basis) as Basis | null) : null;
  return {
    id: d.id,
    kind: d.kind,
    outcome: d.outcome,
    motivation: d.motivation,
    reviewDate: d.reviewDate,
    by: { id: d.byUserId, name: d.byName },
    caseRole: d.byCaseRole,
    at: d.at,
    // Internal deviations never reach partners or the household, not even through a conclusion.
    basis: basis ? { ...basis, deviations: basis.deviations.filter((x) => seesInternal || !x.internal) } : null,
  };
}

/** Everything the views and checks of one case need, loaded once. */
async function loadCase(services: Services, v: Viewer, caseId: string) {
  const { db } = services;
  const rows = await listVraagstukkenOfCase(db, caseId);
  const ids = rows.map((r) => r.vraagstuk.id);
  const missing = await readPlanDoc(services, caseId, (doc) => rows.filter((r) => !hasVraagstuk(doc, r.vraagstuk.id)));
  // The record is written before its draft: if the server stopped in between, make the draft now.
  for (const { vraagstuk } of missing) {
    const laws = await lawsOfMembers(services, caseId);
    await changePlanDoc(services, caseId, vraagstuk.createdBy, (doc) => initVraagstuk(doc, vraagstuk.id, laws));
  }
  const drafts = await readPlanDoc(services, caseId, (doc) => new Map(ids.map((id) => [id, readVraagstukDraft(doc, id)])));
  const deviations = new Map((await listDeviations(db, v.actor, caseId)).map((d) => [d.id, d]));
  return {
    rows,
    drafts,
    signatures: await listSignatures(db, ids),
    decisions: await listDecisions(db, ids),
    links: await listLinkedDeviations(db, ids),
    deviations,
    responsibleRoles: await lawResponsibleRoles(db),
    members: await listActiveMembers(db, caseId),
  };
}
type Loaded = Awaited<ReturnType<typeof loadCase>>;

const emptyDraft = (): VraagstukDraft => ({
  step: 1,
  laws: [],
  lifeDomains: [],
  citations: [],
  texts: { behoefte: '', oplossing: '', effecten: '', toetsing: '', besluit: '' },
  verdicts: Object.fromEntries(LAW_KEYS.map((l) => [l, { verdict: '', reasoning: '' }])) as VraagstukDraft['verdicts'],
});

/** Why this viewer may not sign this law's verdict now, or null when they may. */
function signProblem(v: Viewer, law: LawKey, responsibleRole: CaseRole | null, concluded: boolean) {
  if (!may(v, 'verdict.sign')) return Errors.forbidden('Alleen gemeentelijke professionals met bewerkrechten in een open casus ondertekenen een oordeel.');
  if (concluded) return Errors.conflict('VRAAGSTUK_BESLOTEN', 'Over dit vraagstuk is al besloten. Heropen het eerst.');
  if (!responsibleRole) return Errors.unprocessable('NIEMAND_VERANTWOORDELIJK', `Voor de ${lawName(law)} is geen verantwoordelijke rol ingesteld; vraag de functioneel beheerder dit in te stellen.`);
  if (v.membership.caseRole !== responsibleRole) {
    return new ApiError(403, 'NIET_VERANTWOORDELIJK', `U bent in deze casus niet verantwoordelijk voor de ${lawName(law)}; het oordeel over die wet geeft en ondertekent de professional die ervoor verantwoordelijk is.`);
  }
  return null;
}

/**
 * The laws the decision must cover: those ticked in the live draft, plus every law that has been
 * signed for this vraagstuk. Scope is a shared draft field anyone at the table can untick; a
 * signed verdict (a "past niet" above all) must not drop out of the decision that way.
 */
function scopeOf(loaded: Loaded, vraagstukId: string, draft: VraagstukDraft): LawKey[] {
  const signed = new Set(loaded.signatures.filter((s) => s.vraagstukId === vraagstukId).map((s) => s.law));
  return LAW_KEYS.filter((law) => draft.laws.includes(law) || signed.has(law));
}

function lawsInScope(loaded: Loaded, v: Viewer, vraagstukId: string, draft: VraagstukDraft, concluded: boolean): LawInScope[] {
  return scopeOf(loaded, vraagstukId, draft).map((law) => {
    const role = loaded.responsibleRoles[law];
    const latest = loaded.signatures.filter((s) => s.vraagstukId === vraagstukId && s.law === law).at(-1);
    const changed = latest ? changesSinceSigning(latest, draft, law) : [];
    return {
      law,
      responsibleRole: role,
      responsible: role ? loaded.members.filter((m) => m.caseRole === role).map((m) => ({ id: m.userId, name: m.name })) : [],
      signature: latest ? signatureView(latest) : null,
      changedSinceSigning: changed,
      current: latest !== undefined && changed.length === 0,
      canSign: signProblem(v, law, role, concluded) === null,
    };
  });
}

function conclusionBlockers(loaded: Loaded, vraagstukId: string, laws: LawInScope[], mayConclude: boolean): { any: string[]; uitvoeren: string[] } {
  const any: string[] = [];
  if (laws.length === 0) any.push('Er is geen wet in de toets opgenomen.');
  const unsigned = laws.filter((l) => !l.signature).map((l) => lawName(l.law));
  const changed = laws.filter((l) => l.signature && !l.current).map((l) => lawName(l.law));
  if (unsigned.length > 0) any.push(`Nog geen ondertekend oordeel voor: ${unsigned.join(', ')}.`);
  if (changed.length > 0) any.push(`Gewijzigd na ondertekening, opnieuw ondertekenen: ${changed.join(', ')}.`);
  const uitvoeren: string[] = [];
  for (const link of loaded.links.filter((l) => l.vraagstukId === vraagstukId)) {
    const d = loaded.deviations.get(link.deviationId);
    if (!d) {
      // Only someone who decides needs to hear of it; anyone else would learn that a hidden
      // (internal) deviation exists, which is exactly what must not reach partners or the household.
      if (mayConclude) uitvoeren.push('Een afwijking waarop dit vraagstuk steunt, is niet zichtbaar voor u.');
    } else if (d.status !== 'goedgekeurd') uitvoeren.push(`De afwijking „${d.rule}” is niet goedgekeurd (${d.status}).`);
  }
  return { any, uitvoeren };
}

function vraagstukView(loaded: Loaded, v: Viewer, row: Loaded['rows'][number]): Vraagstuk {
  const id = row.vraagstuk.id;
  const decisions = loaded.decisions.filter((d) => d.vraagstukId === id);
  const concluded = decisions.at(-1)?.kind === 'besloten';
  const draft = loaded.drafts.get(id) ?? emptyDraft();
  const laws = lawsInScope(loaded, v, id, draft, concluded);
  const seesInternal = may(v, 'case.intern.access');
  const mayConclude = may(v, 'vraagstuk.conclude');
  return {
    id,
    caseId: row.vraagstuk.caseId,
    title: row.vraagstuk.title,
    createdBy: { id: row.vraagstuk.createdBy, name: row.creatorName },
    createdAt: row.vraagstuk.createdAt,
    status: concluded ? 'besloten' : 'open',
    laws,
    signatures: loaded.signatures.filter((s) => s.vraagstukId === id).map(signatureView),
    // listDeviations already left out what this viewer may not see.
    deviations: loaded.links
      .filter((l) => l.vraagstukId === id)
      .flatMap((l) => {
        const d = loaded.deviations.get(l.deviationId);
        return d ? [reliedView(d)] : [];
      }),
    decisions: decisions.map((d) => decisionView(d, seesInternal)),
    blockers: conclusionBlockers(loaded, id, laws, mayConclude),
    can: {
      conclude: mayConclude && !concluded,
      reopen: mayConclude && concluded,
      linkDeviations: !concluded && may(v, 'deviation.propose'),
    },
  };
}

async function viewer(db: Db, actor: Actor, caseId: string, action: CaseAction): Promise<Viewer> {
  return await authorizeCase(db, actor, caseId, action);
}

function rowOrNotFound(loaded: Loaded, id: string) {
  const row = loaded.rows.find((r) => r.vraagstuk.id === id);
  if (!row) throw Errors.notFound('Dit vraagstuk bestaat niet.');
  return row;
}

// ---------------------------------------------------------------- reading

export async function listVraagstukken(services: Services, actor: Actor, caseId: string): Promise<Vraagstuk[]> {
  const v = await viewer(services.db, actor, caseId, 'case.read');
  const loaded = await loadCase(services, v, caseId);
  return loaded.rows.map((r) => vraagstukView(loaded, v, r));
}

export async function getVraagstuk(services: Services, actor: Actor, caseId: string, id: string): Promise<Vraagstuk> {
  const v = await viewer(services.db, actor, caseId, 'case.read');
  const loaded = await loadCase(services, v, caseId);
  return vraagstukView(loaded, v, rowOrNotFound(loaded, id));
}

// ---------------------------------------------------------------- opening

/** The default scope: the laws that the case's members answer for. */
async function lawsOfMembers(services: Services, caseId: string): Promise<LawKey[]> {
  const roles = await lawResponsibleRoles(services.db);
  const memberRoles = new Set((await listActiveMembers(services.db, caseId)).map((m) => m.caseRole));
  return LAW_KEYS.filter((law) => {
    const role = roles[law];
    return role !== null && memberRoles.has(role);
  });
}

export async function openVraagstuk(services: Services, actor: Actor, caseId: string, input: z.output<typeof OpenVraagstukRequest>): Promise<Vraagstuk> {
  const { db } = services;
  await viewer(db, actor, caseId, 'plan.edit');
  const laws = input.laws ? LAW_KEYS.filter((l) => input.laws!.includes(l)) : await lawsOfMembers(services, caseId);
  const row = await commit(services, actor, async ({ tx, audit, emit }) => {
    const r = await insertVraagstuk(tx, { caseId, title: input.title, createdBy: actor.user.id });
    await audit({ action: 'vraagstuk.opened', caseId, detail: { vraagstukId: r.id, laws } });
    emit({ type: 'vraagstuk.changed', caseId, vraagstukId: r.id, internal: false });
    return r;
  });
  // The draft's structure is made once, by the server, so that concurrent clients share it.
  await changePlanDoc(services, caseId, actor.user.id, (doc) => initVraagstuk(doc, row.id, laws));
  return await getVraagstuk(services, actor, caseId, row.id);
}

// ---------------------------------------------------------------- signing (step 3)

export async function signVerdict(services: Services, actor: Actor, caseId: string, id: string, input: z.output<typeof SignVerdictRequest>): Promise<Vraagstuk> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'verdict.sign');
  const loaded = await loadCase(services, v, caseId);
  const row = rowOrNotFound(loaded, id);
  const view = vraagstukView(loaded, v, row);
  const draft = loaded.drafts.get(id);
  if (!draft || !view.laws.some((l) => l.law === input.law)) throw Errors.unprocessable('WET_NIET_IN_TOETS', `De ${lawName(input.law)} is niet opgenomen in de toets van dit vraagstuk.`);
  const problem = signProblem(v, input.law, loaded.responsibleRoles[input.law], view.status === 'besloten');
  if (problem) throw problem;
  const d = draft.verdicts[input.law];
  if (!d.verdict) throw Errors.unprocessable('GEEN_OORDEEL', 'Kies eerst een oordeel: past, past deels, past niet of niet van toepassing.');
  if (norm(d.reasoning).length < 10) throw Errors.unprocessable('GEEN_MOTIVERING', 'Motiveer het oordeel (minstens 10 tekens) voordat u ondertekent.');
  if (!norm(draft.texts.oplossing)) throw Errors.unprocessable('GEEN_OPLOSSING', 'Beschrijf eerst de oplossing (stap 2): het oordeel gaat over die oplossing.');
  // Sign what the user read, or nothing: someone at the table may have just changed it.
  if (input.verdict !== d.verdict || norm(input.reasoning) !== norm(d.reasoning) || norm(input.solution) !== norm(draft.texts.oplossing)) {
    throw Errors.conflict('CONCEPT_GEWIJZIGD', 'Het oordeel of de oplossing is zojuist gewijzigd. Lees de tekst opnieuw en onderteken dan.');
  }
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const signatureId = await insertSignature(tx, { vraagstukId: id, law: input.law, verdict: d.verdict, reasoning: d.reasoning, solution: draft.texts.oplossing, byUserId: actor.user.id, byName: actor.user.name, byCaseRole: v.membership.caseRole });
    await audit({ action: 'verdict.signed', caseId, detail: { vraagstukId: id, law: input.law, verdict: d.verdict, signatureId } });
    emit({ type: 'vraagstuk.changed', caseId, vraagstukId: id, internal: false });
  });
  return await getVraagstuk(services, actor, caseId, id);
}

// ---------------------------------------------------------------- concluding (step 6)

export async function concludeVraagstuk(services: Services, actor: Actor, caseId: string, id: string, input: z.output<typeof ConcludeVraagstukRequest>): Promise<Vraagstuk> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'vraagstuk.conclude');
  const loaded = await loadCase(services, v, caseId);
  const view = vraagstukView(loaded, v, rowOrNotFound(loaded, id));
  if (view.status === 'besloten') throw Errors.conflict('VRAAGSTUK_BESLOTEN', 'Over dit vraagstuk is al besloten.');
  if (view.blockers.any.length > 0) throw Errors.unprocessable('NIET_ONDERTEKEND', `Nog niet te besluiten. ${view.blockers.any.join(' ')}`);
  if (input.outcome === 'uitvoeren' && view.blockers.uitvoeren.length > 0) throw Errors.unprocessable('AFWIJKING_NIET_GOEDGEKEURD', `Nog niet te besluiten. ${view.blockers.uitvoeren.join(' ')}`);
  const draft = loaded.drafts.get(id)!;
  const motivation = draft.texts.besluit;
  if (norm(motivation).length < MIN_MOTIVATION) throw Errors.unprocessable('GEEN_MOTIVERING', 'Schrijf in stap 6 een motivering (minstens 20 tekens) die standhoudt in bezwaar en beroep.');
  if (norm(input.motivation) !== norm(motivation)) throw Errors.conflict('CONCEPT_GEWIJZIGD', 'De motivering is zojuist gewijzigd. Lees haar opnieuw en besluit dan.');
  if (input.outcome === 'uitvoeren' && !input.reviewDate) throw Errors.unprocessable('REVIEWDATUM_ONTBREEKT', 'Geef aan wanneer het besluit wordt herbeoordeeld.');
  if (input.reviewDate && input.reviewDate < todayNl()) throw Errors.unprocessable('REVIEWDATUM_VERLEDEN', 'De datum van herbeoordeling ligt in het verleden.');
  const citations: Citation[] = [];
  const inForce = new Set((await catalogueOn(db, todayNl())).laws.flatMap((l) => l.local.map((a) => a.citationKey)));
  for (const key of draft.citations) {
    const c = await resolveCitation(db, key);
    if (!c) throw Errors.unprocessable('ONBEKEND_ARTIKEL', `Het aangehaalde artikel „${key}” staat niet in de catalogus. Haal het weg of kies een ander.`);
    // A local article's exact version is cited: it must be the one in force when deciding.
    if (c.kind !== 'wet' && !inForce.has(key)) throw Errors.unprocessable('ARTIKEL_NIET_GELDEND', `${c.source}, art. ${c.ref} is in deze versie niet (meer) geldend. Haal het weg en haal de geldende versie aan.`);
    citations.push(c);
  }
  // The basis is stored in full, unfiltered; views leave out internal deviations for outsiders.
  const basis: Basis = {
    laws: view.laws.map((l) => l.law),
    signatures: view.laws.map((l) => l.signature!),
    deviations: view.deviations,
    citations,
    catalogueVersion: CATALOGUE_VERSION,
  };
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const decisionId = await insertDecision(tx, { vraagstukId: id, kind: 'besloten', outcome: input.outcome, motivation, reviewDate: input.reviewDate ?? null, basis: JSON.stringify(basis), byUserId: actor.user.id, byName: actor.user.name, byCaseRole: v.membership.caseRole });
    await audit({ action: 'vraagstuk.concluded', caseId, detail: { vraagstukId: id, decisionId, outcome: input.outcome, signatures: basis.signatures.map((s) => s.id), deviations: basis.deviations.map((d) => d.id) } });
    emit({ type: 'vraagstuk.changed', caseId, vraagstukId: id, internal: false });
  });
  return await getVraagstuk(services, actor, caseId, id);
}

export async function reopenVraagstuk(services: Services, actor: Actor, caseId: string, id: string, reason: string): Promise<Vraagstuk> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'vraagstuk.conclude');
  const found = await findVraagstuk(db, caseId, id);
  if (!found) throw Errors.notFound('Dit vraagstuk bestaat niet.');
  if ((await listDecisions(db, [id])).at(-1)?.kind !== 'besloten') throw Errors.conflict('VRAAGSTUK_OPEN', 'Dit vraagstuk is nog open.');
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const decisionId = await insertDecision(tx, { vraagstukId: id, kind: 'heropend', outcome: null, motivation: reason, reviewDate: null, basis: 'null', byUserId: actor.user.id, byName: actor.user.name, byCaseRole: v.membership.caseRole });
    await audit({ action: 'vraagstuk.reopened', caseId, detail: { vraagstukId: id, decisionId } });
    emit({ type: 'vraagstuk.changed', caseId, vraagstukId: id, internal: false });
  });
  return await getVraagstuk(services, actor, caseId, id);
}

// ---------------------------------------------------------------- deviations relied on (step 5)

export async function setDeviationLink(services: Services, actor: Actor, caseId: string, id: string, deviationId: string, linked: boolean): Promise<Vraagstuk> {
  const { db } = services;
  const v = await viewer(db, actor, caseId, 'deviation.propose');
  const loaded = await loadCase(services, v, caseId);
  const view = vraagstukView(loaded, v, rowOrNotFound(loaded, id));
  if (view.status === 'besloten') throw Errors.conflict('VRAAGSTUK_BESLOTEN', 'Over dit vraagstuk is al besloten. Heropen het eerst.');
  const deviation = loaded.deviations.get(deviationId);
  if (!deviation) throw Errors.notFound('Deze afwijking bestaat niet.');
  await commit(services, actor, async ({ tx, audit, emit }) => {
    const changed = linked ? (await linkDeviation(tx, id, deviationId, actor.user.id), true) : await unlinkDeviation(tx, id, deviationId);
    if (changed) await audit({ action: linked ? 'vraagstuk.deviation_linked' : 'vraagstuk.deviation_unlinked', caseId, detail: { vraagstukId: id, deviationId } });
    // Relying on an internal deviation is itself internal: partners see the step without it.
    emit({ type: 'vraagstuk.changed', caseId, vraagstukId: id, internal: deviation.internal });
  });
  return await getVraagstuk(services, actor, caseId, id);
}
