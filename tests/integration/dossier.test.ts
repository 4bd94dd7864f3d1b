// The dossier (PDF) of an adopted plan version: its text, read back with a PDF library, holds
// the goals and approved deviations *of that version* (a copy taken at adoption, not today's
// rows), the internal deviation and the breakthroughs only in the full variant, and the minutes
// of the conference that adopted it. A partner asking for the full variant gets the external
// one; every export is audited; every refusal writes nothing.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { type ApiClient, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { addParagraph, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, count, execSql, maxAuditSeq, queryRow } from '../support/db';
import { inDays, today } from '../support/time';
import { pdfText } from '../support/pdf';
import { concludedVraagstuk } from './toets-fixtures';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

const KEYS = ['procesregisseur', 'casusregisseur', 'klantmanager', 'teamleider', 'ggz', 'inwoner', 'schuldhulp', 'beheer'];

beforeAll(async () => {
  server = await startTestServer();
  // Log everyone in up front: a login is audited, and refusals are checked to write no audit row.
  for (const key of KEYS) await as(key);
});
afterAll(async () => {
  await server?.stop();
});

const mark = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;

// ------------------------------------------------------------------ what the case holds

const M = {
  plan: mark('PLANTEKST'),
  goal: mark('Moeder vindt rust DOELTEKST'),
  legitimation: mark('LEGITIMATIE'),
  goalAfter: mark('DOEL-NA-VASTSTELLEN'),
  goalReworded: mark('HERSCHREVEN-DOEL'),
  internal: mark('INTERNE-AFWIJKING'),
  ordinary: mark('GEWONE-AFWIJKING'),
  proposedOnly: mark('NIET-GOEDGEKEURD'),
  approvedAfter: mark('LATER-GOEDGEKEURD'),
  breakthrough: mark('DOORBRAAKVOORSTEL'),
  minutes: mark('VERSLAGTEKST'),
  vraagstuk: mark('VRAAGSTUKTITEL'),
  motivation: mark('MOTIVERING-VAN-HET-BESLUIT'),
  decision: mark('OVERLEGBESLUIT'),
};

function deviation(rule: string, internal: boolean, law = 'wmo') {
  return {
    law,
    rule,
    route: 'awb_4_84',
    willDo: `Wel: ${rule} tijdelijk toestaan.`,
    willNotDo: 'Geen terugvordering gedurende de looptijd.',
    reasoning: 'Het gedeelde doel is een stabiele psychische gezondheid van moeder; evenredig gedurende het plan.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
  };
}

async function proposeAndApprove(rule: string, internal: boolean, approve = true): Promise<string> {
  const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, deviation(rule, internal));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (approve) {
    const ok = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${res.body.id}/approve`, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('goedgekeurd');
  }
  return res.body.id as string;
}

let caseId: string;
let goalId: string;

/** Everything a refused export could have written. */
async function snapshot() {
  return { auditSeq: await maxAuditSeq(server), versions: await count(server, 'select count(*) as n from plan_versions') };
}

async function download(client: ApiClient, number: number | string, variant?: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array; body: any }> {
  const res = await fetch(`${server.url}/api/cases/${caseId}/versions/${number}/dossier.pdf${variant ? `?variant=${variant}` : ''}`, { headers: client.cookie ? { cookie: client.cookie } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let body: unknown = null;
  if (!res.headers.get('content-type')?.includes('pdf')) body = JSON.parse(new TextDecoder().decode(bytes));
  return { status: res.status, headers: res.headers, bytes, body };
}


beforeAll(async () => {
  caseId = await verbeekLikeCase(server, uid);
  await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => addParagraph(doc, `Moeder heeft rust nodig. ${M.plan}`));

  const cr = await as('casusregisseur');
  const goal = await cr.post(`/api/cases/${caseId}/goals`, {
    text: M.goal,
    lifeDomain: 'geestelijke_gezondheid',
    legitimations: [{ law: 'wmo', text: M.legitimation }],
    owner: { type: 'household', name: 'moeder' },
    dueDate: inDays(120),
  });
  expect(goal.status, JSON.stringify(goal.body)).toBe(201);
  goalId = goal.body.id;

  const internalId = await proposeAndApprove(M.internal, true);
  await proposeAndApprove(M.ordinary, false);
  await concludedVraagstuk(server, as, uid, caseId, { title: M.vraagstuk, motivation: `Evenredig en tijdelijk. ${M.motivation}`, deviationId: internalId, reviewDate: inDays(90) });
  await proposeAndApprove(M.proposedOnly, false, false);

  const pr = await as('procesregisseur');
  const submitted = await pr.post(`/api/cases/${caseId}/breakthroughs`, {
    stuck: 'De opvoedondersteuning past in geen enkele regeling; moeder raakt overbelast.',
    stuckSince: inDays(-120),
    proposal: `Een nanny voor twee dagdelen per week. ${M.breakthrough}`,
    kind: 'budget',
    laws: ['wmo', 'jeugdwet'],
    rules: 'Beleidsregel Wmo: geen huishoudelijke hulp bij een aanwezige partner.',
    costs: { carryOn: [{ label: 'Ambulante jeugdhulp', cents: 14_000_00 }], breakthrough: [{ label: 'Nanny', cents: 7_200_00, per: 'jaar' }] },
    amountCents: 7_200_00,
    assigneeId: uid('teamleider'),
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const granted = await (await as('teamleider')).post(`/api/cases/${caseId}/breakthroughs/${submitted.body.id}/grant`, {
    conditions: 'Evaluatie na drie maanden.',
    budgetCents: 7_200_00,
    termEnd: inDays(180),
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);

  const adopted = await cr.post(`/api/cases/${caseId}/plan/versions`, { note: 'Vastgesteld voor het dossier.' });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
  expect(adopted.body.number).toBe(1);

  // A conference that adopted version 1, as its close leaves it (frozen): seeded directly, the
  // conference API is not what this file tests.
  const confId = randomUUID();
  const now = new Date().toISOString();
  await execSql(server, 'insert into conferences (id, case_id, chair_user_id, started_at, household_present) values (?, ?, ?, ?, true)', confId, caseId, uid('casusregisseur'), now);
  await execSql(server, 'insert into conference_attendance (conference_id, user_id, present, recorded_by, recorded_at) values (?, ?, true, ?, ?)', confId, uid('klantmanager'), uid('casusregisseur'), now);
  await execSql(server, 'insert into conference_attendance (conference_id, guest_name, guest_role, present, recorded_by, recorded_at) values (?, ?, ?, true, ?, ?)', confId, 'Jan Gast', 'buurtwerker', uid('casusregisseur'), now);
  await execSql(server, 'insert into conference_decisions (conference_id, text, by_user_id, at) values (?, ?, ?, ?)', confId, M.decision, uid('casusregisseur'), now);
  await execSql(server, 'update conferences set closed_at = ?, closed_by = ?, minutes_text = ?, plan_version_number = 1 where id = ?', now, uid('casusregisseur'), `Besproken: de rust van moeder. ${M.minutes}`, confId);

  // After the adoption the records move on; the dossier of version 1 must not.
  const reworded = await cr.patch(`/api/cases/${caseId}/goals/${goalId}`, { text: M.goalReworded });
  expect(reworded.status, JSON.stringify(reworded.body)).toBe(200);
  const later = await cr.post(`/api/cases/${caseId}/goals`, { text: M.goalAfter, lifeDomain: 'financien', legitimations: [], legitimationWaiver: 'Een afspraak binnen het gezin zelf.', owner: { type: 'household', name: 'vader' }, dueDate: inDays(60) });
  expect(later.status, JSON.stringify(later.body)).toBe(201);
  await proposeAndApprove(M.approvedAfter, false);
});

describe('the full dossier (volledig) for municipal staff', () => {
  it('holds the plan, the goals and approved deviations of the adopted version, the internal one marked, the breakthrough and the minutes; audited', async () => {
    const seq = await maxAuditSeq(server);
    const res = await download(await as('casusregisseur'), 1, 'volledig');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="dossier-testgezin-[a-z0-9-]+-versie-1-volledig\.pdf"$/);
    expect(res.headers.get('x-dossier-variant')).toBe('volledig');
    expect(new TextDecoder().decode(res.bytes.slice(0, 5))).toBe('%PDF-');

    // With DOSSIER_PDF_OUT=<dir>, keeps the file, for looking at the layout by hand.
    if (process.env.DOSSIER_PDF_OUT) writeFileSync(join(process.env.DOSSIER_PDF_OUT, 'dossier-volledig.pdf'), res.bytes);
    const text = await pdfText(res.bytes);
    expect(text).toContain('Versie 1, vastgesteld op');
    expect(text).toContain(M.plan);
    expect(text).toContain(M.goal);
    expect(text).toContain(M.legitimation);
    expect(text).toContain(M.ordinary);
    expect(text).toContain(M.internal);
    expect(text).toContain('intern: niet voor externe partners');
    // The reverse test's conclusion, with the signed verdict and the (internal) deviation it rests on.
    expect(text).toContain(M.vraagstuk);
    expect(text).toContain(M.motivation);
    expect(text).toContain('Besluit: We doen het');
    expect(text).toContain('Participatiewet: Past deels (ondertekend door Sander Willemsen');
    expect(text).toContain(`Steunt op afwijkingen Wmo 2015: ${M.internal} (intern)`);
    expect(text).toContain('Doorbraken');
    expect(text).toContain(M.breakthrough);
    expect(text).toContain(M.minutes);
    expect(text).toContain(M.decision);
    expect(text).toContain('Jan Gast, buurtwerker (gast)');
    // Not the rows of today: not approved at adoption, changed or added after it.
    for (const absent of [M.proposedOnly, M.approvedAfter, M.goalReworded, M.goalAfter]) expect(text).not.toContain(absent);

    // Besides the grouped read of the day (server/cases/reads.ts), which the access-log tests cover.
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['dossier.exported']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('casusregisseur'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ number: 1, variant: 'volledig', requested: 'volledig' });
  });

  it('without a variant, municipal staff get the full dossier', async () => {
    const res = await download(await as('klantmanager'), 1);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-dossier-variant')).toBe('volledig');
    expect(await pdfText(res.bytes)).toContain(M.internal);
  });
});

describe('the external dossier (extern)', () => {
  it('staff asking for it get the goals and the ordinary deviation, without the internal deviation or the breakthroughs', async () => {
    const seq = await maxAuditSeq(server);
    const res = await download(await as('casusregisseur'), 1, 'extern');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-dossier-variant')).toBe('extern');
    expect(res.headers.get('content-disposition')).toContain('-versie-1-extern.pdf');
    const text = await pdfText(res.bytes);
    expect(text).toContain(M.goal);
    expect(text).toContain(M.legitimation);
    expect(text).toContain(M.ordinary);
    expect(text).toContain(M.minutes);
    expect(text).toContain(M.vraagstuk);
    expect(text).toContain(M.motivation);
    expect(text).not.toContain('Steunt op afwijkingen');
    expect(text).toContain('Deze uitgave is voor een externe partner.');
    for (const absent of [M.internal, '(intern', M.breakthrough, 'Doorbraken', M.proposedOnly]) expect(text).not.toContain(absent);
    expect(JSON.parse((await auditRowsSince(server, seq))[0]!.detail)).toEqual({ number: 1, variant: 'extern', requested: 'extern' });
  });

  it('an external partner (ggz) asking for "volledig" gets "extern", and the audit row says both', async () => {
    const seq = await maxAuditSeq(server);
    const res = await download(await as('ggz'), 1, 'volledig');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-dossier-variant')).toBe('extern');
    const text = await pdfText(res.bytes);
    expect(text).toContain(M.goal);
    expect(text).toContain(M.ordinary);
    for (const absent of [M.internal, M.breakthrough]) expect(text).not.toContain(absent);
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action !== 'case.content_read');
    expect(rows.map((r) => r.action)).toEqual(['dossier.exported']);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('ggz'), case_id: caseId });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ number: 1, variant: 'extern', requested: 'volledig' });
  });
});

describe('the records of a version through the API', () => {
  it('opening version 1 shows its own records; a partner and the resident get them without internal deviations, and with no breakthroughs', async () => {
    const staff = await (await as('casusregisseur')).get(`/api/cases/${caseId}/plan/versions/1`);
    expect(staff.status).toBe(200);
    const records = staff.body.content.records;
    expect(records.goals.map((g: { text: string }) => g.text)).toEqual([M.goal]);
    expect(records.deviations.map((d: { rule: string }) => d.rule).sort()).toEqual([M.internal, M.ordinary].sort());
    expect(records.breakthroughs).toHaveLength(1);
    expect(records.breakthroughs[0]).toMatchObject({ status: 'toegekend', decisions: [expect.objectContaining({ kind: 'toegekend', mandate: 'teamleider' })] });

    for (const key of ['ggz', 'inwoner']) {
      const res = await (await as(key)).get(`/api/cases/${caseId}/plan/versions/1`);
      expect(res.status, key).toBe(200);
      expect(res.body.content.records.deviations.map((d: { rule: string }) => d.rule), key).toEqual([M.ordinary]);
      expect(res.body.content.records.breakthroughs, key).toEqual([]);
      expect(JSON.stringify(res.body), key).not.toContain(M.internal);
    }
  });

  it('a version adopted before records were kept still opens, and its dossier says the records are missing', async () => {
    const v1 = await queryRow(server, 'select * from plan_versions where case_id = ? and number = 1', caseId) as Record<string, unknown>;
    const { records: _r, ...old } = JSON.parse(v1.content as string);
    await execSql(server, 'insert into plan_versions (case_id, number, adopted_at, adopted_by, note, state, content, text) values (?, 2, ?, ?, null, ?, ?, ?)', caseId, new Date().toISOString(), uid('casusregisseur'), v1.state, JSON.stringify(old), v1.text);
    const opened = await (await as('ggz')).get(`/api/cases/${caseId}/plan/versions/2`);
    expect(opened.status).toBe(200);
    expect(opened.body.content).not.toHaveProperty('records');
    const res = await download(await as('casusregisseur'), 2);
    expect(res.status).toBe(200);
    const text = await pdfText(res.bytes);
    expect(text).toContain(M.plan);
    expect(text).toContain('geen kopie van de besluiten bewaard');
    expect(text).toContain('niet bij het sluiten van een casusoverleg vastgesteld');
  });
});

describe('refusals write nothing', () => {
  it.each([
    ['inwoner', 403, 'GEEN_TOESTEMMING'],
    ['schuldhulp', 404, 'CASUS_NIET_GEVONDEN'],
    ['beheer', 404, 'CASUS_NIET_GEVONDEN'],
  ])('%s gets %i %s', async (key, status, code) => {
    const client = await as(key);
    const before = await snapshot();
    const res = await download(client, 1, 'extern');
    expectError({ status: res.status, body: res.body, headers: res.headers }, status, code);
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown version is 404, a bad variant or number 400, without a session 401', async () => {
    const cr = await as('casusregisseur');
    const before = await snapshot();
    const missing = await download(cr, 99);
    expectError({ status: missing.status, body: missing.body, headers: missing.headers }, 404, 'NIET_GEVONDEN');
    expect(missing.body.error.message).toBe('Versie 99 bestaat niet.');
    const bad = await download(cr, 1, 'alles');
    expectError({ status: bad.status, body: bad.body, headers: bad.headers }, 400, 'ONGELDIGE_INVOER');
    const badNumber = await download(cr, 'nul');
    expectError({ status: badNumber.status, body: badNumber.body, headers: badNumber.headers }, 400, 'ONGELDIGE_INVOER');
    const anonymous = await fetch(`${server.url}/api/cases/${caseId}/versions/1/dossier.pdf`);
    expect(anonymous.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('is documented in the OpenAPI document as a PDF download behind the session cookie', async () => {
    const doc = (await (await as('casusregisseur')).get('/api/openapi.json')).body;
    const op = doc.paths['/api/cases/{id}/versions/{number}/dossier.pdf'].get;
    expect(op.security).toEqual([{ sessieCookie: [] }]);
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/pdf']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'variant').schema.enum).toEqual(['volledig', 'extern']);
  });
});
