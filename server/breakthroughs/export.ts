// The pseudonymised escalation file for the national maatwerkloket, as JSON and as HTML. It
// keeps what the desk needs (laws, rules, costs, decisions with their mandate levels) and leaves
// out who anyone is and where they live: the case title becomes the household's pseudonym, the
// household's names (from the plan's Y.Doc) and the people of the case become roles, and every
// free text goes through the shared scrubber (server/pseudonymise) via ./pseudonym.ts. Dates are
// months only.
//
// Nothing internal leaves, whoever exports: linked internal deviations are left out, and a text
// that quotes an internal deviation or the internal notes is dropped whole (pseudonymise/guard.ts).
import { createHash } from 'node:crypto';
import { recordAudit } from '../../db/queries/audit';
import { everyMemberOf, usersByIds } from '../../db/queries/breakthroughs';
import { findCase } from '../../db/queries/cases';
import { listDeviationsOfCase } from '../../db/queries/deviations';
import { findUserById, listUsers } from '../../db/queries/users';
import { BREAKTHROUGH_KINDS } from '../../shared/breakthroughs';
import { lawByKey, MANDATE_LABELS } from '../../shared/laws';
import { fragmentToText, INTERN_NOTES, readHousehold, sectionFragment } from '../../shared/plan/doc';
import { roomName } from '../../shared/plan/rooms';
import { BREAKTHROUGH_EVENT_LABELS, costTotals, type EscalationFile, formatEuro } from '../../shared/schemas';
import { readPlanDoc } from '../plan/plan-doc';
import type { Actor, Services } from '../context';
import { todayNl } from '../dates';
import { monthLabel } from '../pseudonymise/dates';
import { INTERNAL_DROPPED, internalGuard } from '../pseudonymise/guard';
import { type EscalationNames, escalationScrubber, householdPseudonym, roleOf } from './pseudonym';
import { loadExported } from './requests';
import { type LoadedRequest, parseBlocking, parseCosts, viewContext } from './views';

/** Whose names can appear, and as what: the household, everyone connected to the request, the rest of the organisation. */
async function namesOf(services: Services, caseId: string, title: string, item: LoadedRequest): Promise<{ names: EscalationNames; roleById: Map<string, string> }> {
  const { db } = services;
  const roleById = new Map<string, string>();
  const people: EscalationNames['people'][number][] = [];
  const members = await everyMemberOf(db, caseId);
  for (const m of members) roleById.set(m.id, roleOf(m.functie, m.caseRole));
  const s = item.state;
  const involved = [s.request.createdBy, ...s.versions.map((v) => v.submittedBy), ...s.events.flatMap((e) => [e.byUserId, e.assigneeId ?? ''])].filter((id) => id && !roleById.has(id));
  const outsiders = await usersByIds(db, [...new Set(involved)]);
  for (const u of outsiders) roleById.set(u.id, roleOf(u.functie, null));
  for (const u of [...members, ...outsiders]) {
    const contact = await findUserById(db, u.id);
    people.push({ name: u.name, role: roleById.get(u.id)!, email: contact?.email ?? null, phone: contact?.phone ?? null });
  }
  // Colleagues from outside the table can be named in free text too ("overlegd met …").
  const others = (await listUsers(db)).filter((u) => !roleById.has(u.id)).map((u) => u.name);
  const household = await readPlanDoc(services, caseId, (doc) => readHousehold(doc));
  const startedOn = ((await findCase(db, caseId))?.createdAt ?? new Date().toISOString()).slice(0, 10);
  return { names: { caseId, title, startedOn, household, people, others }, roleById };
}

/** Everything internal to the case: the internal deviations (all of them, whoever asks) and the internal notes. */
export async function internalTextsOf(services: Services, caseId: string): Promise<string[]> {
  const texts = (await listDeviationsOfCase(services.db, caseId))
    .filter((d) => d.deviation.internal)
    .flatMap(({ deviation: d }) => [d.rule, d.routeOther ?? '', d.willDo, d.willNotDo, d.reasoning]);
  if (services.collab) texts.push(await services.collab.rooms.withDoc(roomName(caseId, 'intern'), (room) => fragmentToText(sectionFragment(room.doc, INTERN_NOTES.key))));
  return texts;
}

export async function buildEscalationFile(services: Services, actor: Actor, caseId: string, requestId: string): Promise<EscalationFile> {
  const { db } = services;
  const { v: viewer, item } = await loadExported(db, actor, caseId, requestId);
  const { names, roleById } = await namesOf(services, caseId, viewer.caseRow.title, item);
  const scrub = escalationScrubber(names, todayNl());
  const quotesInternal = internalGuard(await internalTextsOf(services, caseId));
  const p = (text: string) => (quotesInternal(text) ? INTERNAL_DROPPED : scrub.text(text));
  const s = item.state;
  const v = s.current;
  const blocking = parseBlocking(v.blocking);
  const rawCosts = parseCosts(v.costs);
  const costs = { carryOn: rawCosts.carryOn.map((l) => ({ ...l, label: p(l.label) })), breakthrough: rawCosts.breakthrough.map((l) => ({ ...l, label: p(l.label) })) };
  const ctx = await viewContext(db, viewer);
  const exported = s.events.findLast((e) => e.kind === 'geexporteerd')!;
  return {
    format: 'casustafel-escalatie/2',
    datePrecision: 'maand',
    createdIn: scrub.month(exported.at),
    household: householdPseudonym(caseId),
    reference: `D-${createHash('sha256').update(`casustafel:${requestId}`).digest('hex').slice(0, 8).toUpperCase()}`,
    kind: v.kind,
    kindLabel: BREAKTHROUGH_KINDS.find((k) => k.key === v.kind)?.label ?? v.kind,
    stuck: p(v.stuck),
    stuckSince: scrub.month(v.stuckSince),
    proposal: p(v.proposal),
    laws: blocking.laws.map((key) => ({ key, name: lawByKey(key).name })),
    rules: p(blocking.rules),
    vraagstukken: blocking.vraagstukIds.flatMap((id) => {
      const title = ctx.vraagstukken.get(id);
      return title === undefined ? [] : [p(title)];
    }),
    deviations: blocking.deviationIds.flatMap((id) => {
      const d = ctx.deviations.get(id);
      return d && !d.internal ? [{ law: d.law, rule: p(d.rule), status: d.status }] : [];
    }),
    costs,
    totals: costTotals(costs),
    amountCents: v.amountCents,
    trail: s.events.map((e) => {
      const note = [e.note, e.conditions].filter(Boolean).join('\n');
      return {
        kind: e.kind,
        label: BREAKTHROUGH_EVENT_LABELS[e.kind],
        month: scrub.month(e.at),
        byRole: roleById.get(e.byUserId) ?? 'een professional',
        level: e.level,
        mandate: e.mandate,
        note: note ? p(note) : null,
      };
    }),
  };
}

// ---------------------------------------------------------------- HTML

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const month = (ym: string) => esc(monthLabel(ym));
const euro = (cents: number) => esc(formatEuro(cents));

export function escalationHtml(f: EscalationFile): string {
  const t = f.totals;
  const rows = (cells: string[][]) => cells.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Escalatiedossier doorbraakverzoek – ${esc(f.household)}</title>
<style>
body { font-family: system-ui, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
h1, h2 { color: #154273; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #ccc; text-align: left; padding: 0.3rem 0.5rem; vertical-align: top; }
.bedrag { text-align: right; white-space: nowrap; }
.naast { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
.tekst { white-space: pre-wrap; }
dt { font-weight: 600; }
dd { margin: 0 0 0.5rem; }
</style>
</head>
<body>
<h1>Escalatiedossier doorbraakverzoek</h1>
<p>Voor het landelijk maatwerkloket. Dit dossier is gepseudonimiseerd: de namen van het huishouden en van de betrokken professionals en bestuurders zijn vervangen door hun rol; BSN, adressen, postcodes, telefoonnummers, e-mailadressen en andere namen zijn verwijderd. Data staan er alleen als maand in (geen dag, geen tijdstip); de volgorde van de besluiten is die van de tabel. Interne informatie van de gemeente staat er niet in.</p>
<dl>
<dt>Huishouden</dt><dd>${esc(f.household)}</dd>
<dt>Kenmerk</dt><dd>${esc(f.reference)}</dd>
<dt>Soort doorbraak</dt><dd>${esc(f.kindLabel)}</dd>
<dt>Vast sinds</dt><dd>${month(f.stuckSince)}</dd>
<dt>Gevraagd budget</dt><dd>${euro(f.amountCents)}</dd>
<dt>Voorgelegd aan het landelijk maatwerkloket</dt><dd>${month(f.createdIn)}</dd>
</dl>
<h2>Wat zit er vast</h2>
<p class="tekst">${esc(f.stuck)}</p>
<h2>Voorgestelde doorbraak</h2>
<p class="tekst">${esc(f.proposal)}</p>
<h2>Welke wetten en regels blokkeren</h2>
<ul>${f.laws.map((l) => `<li>${esc(l.name)}</li>`).join('')}</ul>
<p class="tekst">${esc(f.rules)}</p>
${f.vraagstukken.length ? `<h3>Vraagstukken (omgekeerde toets)</h3><ul>${f.vraagstukken.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${f.deviations.length ? `<h3>Afwijkingen</h3><ul>${f.deviations.map((d) => `<li>${esc(lawByKey(d.law).name)}: ${esc(d.rule)} (${esc(d.status)})</li>`).join('')}</ul>` : ''}
<h2>Kostenvergelijking</h2>
<div class="naast">
<table>
<caption>Doormodderen: huidige interventies, per jaar</caption>
<thead><tr><th scope="col">Interventie</th><th scope="col" class="bedrag">Per jaar</th></tr></thead>
<tbody>
${rows(f.costs.carryOn.map((l) => [`<td>${esc(l.label)}</td>`, `<td class="bedrag">${euro(l.cents)}</td>`]))}
</tbody>
<tfoot><tr><th scope="row">Totaal per jaar</th><td class="bedrag">${euro(t.carryOnPerYear)}</td></tr></tfoot>
</table>
<table>
<caption>Doorbreken: kosten van de doorbraak</caption>
<thead><tr><th scope="col">Kostenpost</th><th scope="col">Soort</th><th scope="col" class="bedrag">Bedrag</th></tr></thead>
<tbody>
${rows(f.costs.breakthrough.map((l) => [`<td>${esc(l.label)}</td>`, `<td>${l.per === 'eenmalig' ? 'eenmalig' : 'per jaar'}</td>`, `<td class="bedrag">${euro(l.cents)}</td>`]))}
</tbody>
<tfoot>
<tr><th scope="row" colspan="2">Eenmalig</th><td class="bedrag">${euro(t.breakthroughOnce)}</td></tr>
<tr><th scope="row" colspan="2">Per jaar</th><td class="bedrag">${euro(t.breakthroughPerYear)}</td></tr>
</tfoot>
</table>
</div>
<table>
<caption>Verschil (positief: de doorbraak bespaart)</caption>
<tbody>
<tr><th scope="row">Eerste jaar (doormodderen min eenmalig en één jaar doorbreken)</th><td class="bedrag">${euro(t.differenceFirstYear)}</td></tr>
<tr><th scope="row">Elk volgend jaar</th><td class="bedrag">${euro(t.differencePerYear)}</td></tr>
</tbody>
</table>
<h2>Besluiten en opschaling</h2>
<table>
<thead><tr><th scope="col">Maand</th><th scope="col">Wat</th><th scope="col">Door</th><th scope="col">Niveau</th><th scope="col">Toelichting</th></tr></thead>
<tbody>
${rows(
  f.trail.map((e) => [
    `<td>${month(e.month)}</td>`,
    `<td>${esc(e.label)}</td>`,
    `<td>${esc(e.byRole)}</td>`,
    `<td>${e.mandate ? `mandaat ${esc(MANDATE_LABELS[e.mandate].toLowerCase())}` : e.level ? esc(MANDATE_LABELS[e.level].toLowerCase()) : ''}</td>`,
    `<td class="tekst">${esc(e.note ?? '')}</td>`,
  ]),
)}
</tbody>
</table>
</body>
</html>
`;
}

/** One download of the file; every download is an export and is audited as one. */
export async function downloadEscalationFile(services: Services, actor: Actor, caseId: string, requestId: string, format: 'html' | 'json'): Promise<{ filename: string; body: string; contentType: string }> {
  const file = await buildEscalationFile(services, actor, caseId, requestId);
  await recordAudit(services.db, { action: 'breakthrough.exported', actorUserId: actor.user.id, caseId, ip: actor.ip, detail: { requestId, format, download: true } });
  const base = `escalatie-${file.household.replace(/^Huishouden /, '')}-${file.reference}`;
  return format === 'html'
    ? { filename: `${base}.html`, body: escalationHtml(file), contentType: 'text/html; charset=utf-8' }
    : { filename: `${base}.json`, body: JSON.stringify(file, null, 2), contentType: 'application/json; charset=utf-8' };
}
