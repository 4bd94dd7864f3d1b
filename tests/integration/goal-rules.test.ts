// The goal rules of issue 12: no streefdatum in the past on creation; at least one law's
// legitimation, or explicitly none with a reason; and a goal entered by mistake can be withdrawn
// by whoever entered it or by those who adopt the plan. A withdrawn goal leaves the goal list,
// the resident's view, the dossier PDF (also of a version adopted before) and new intervision
// copies; its row stays, frozen by a trigger, and the audit trail keeps who withdrew it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, count, execSql, maxAuditSeq, queryRow, sqlError } from '../support/db';
import { tableWith, type Member } from '../support/fixtures';
import { pdfText } from '../support/pdf';
import { inDays } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const MEMBERS: Member[] = [
  ['casusregisseur', 'casusregisseur', 'edit'],
  ['wmo', 'consulent_wmo', 'edit'],
  ['gedragsdeskundige', 'gedragsdeskundige', 'comment'],
  ['ggz', 'extern_partner', 'comment'],
  ['inwoner', 'inwoner', 'comment'],
];

async function table(): Promise<string> {
  return (await tableWith(await as('procesregisseur'), uid, MEMBERS)).caseId;
}

const goal = (o: Record<string, unknown> = {}) => ({
  text: 'Moeder slaapt weer door',
  lifeDomain: 'geestelijke_gezondheid',
  legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid van moeder.' }],
  owner: { type: 'household', name: 'moeder' },
  dueDate: inDays(60),
  ...o,
});

const goalCount = async () => await count(server, 'select count(*) as n from goals');

describe('a streefdatum in the past', () => {
  it('is refused on creation (422, at the field), nothing written; today is fine', async () => {
    const caseId = await table();
    const cr = await as('casusregisseur');
    const before = await goalCount();
    const res = await cr.post(`/api/cases/${caseId}/goals`, goal({ dueDate: inDays(-1) }));
    expectError(res, 422, 'STREEFDATUM_VERLEDEN');
    expect(res.body.error.details).toEqual([{ path: 'dueDate', message: 'De streefdatum ligt in het verleden. Kies een datum vanaf vandaag.' }]);
    expect(res.body.error.message).toBe('Streefdatum: De streefdatum ligt in het verleden. Kies een datum vanaf vandaag.');
    expect(await goalCount()).toBe(before);
    expect((await cr.post(`/api/cases/${caseId}/goals`, goal({ dueDate: inDays(0) }))).status).toBe(201);
  });

  it('is refused when an edit moves the date into the past', async () => {
    const caseId = await table();
    const cr = await as('casusregisseur');
    const g = (await cr.post(`/api/cases/${caseId}/goals`, goal())).body;
    expectError(await cr.patch(`/api/cases/${caseId}/goals/${g.id}`, { dueDate: inDays(-10) }), 422, 'STREEFDATUM_VERLEDEN');
  });
});

describe('legitimation per law, or explicitly none', () => {
  it('no legitimation and no reason is refused, with the other problems of the same submit', async () => {
    const caseId = await table();
    const res = await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, goal({ legitimations: [], text: '' }));
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['legitimations', 'text']);
    expect(res.body.error.message).toContain('Legitimatie per wet: Geef voor minstens één wet de legitimatie, of leg uit waarom geen wet het doel legitimeert.');
  });

  it('a reason instead of a legitimation is accepted and shown; a reason beside legitimations is refused', async () => {
    const caseId = await table();
    const cr = await as('casusregisseur');
    const waived = await cr.post(`/api/cases/${caseId}/goals`, goal({ legitimations: [], legitimationWaiver: 'Een afspraak binnen het gezin; geen wet vraagt erom.' }));
    expect(waived.status, JSON.stringify(waived.body)).toBe(201);
    expect(waived.body).toMatchObject({ legitimations: [], legitimationWaiver: 'Een afspraak binnen het gezin; geen wet vraagt erom.' });
    expectError(await cr.post(`/api/cases/${caseId}/goals`, goal({ legitimationWaiver: 'Toch ook een reden erbij.' })), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.post(`/api/cases/${caseId}/goals`, goal({ legitimations: [], legitimationWaiver: 'kort' })), 400, 'ONGELDIGE_INVOER');
  });

  it('an edit may not leave a goal with neither; adding a law clears the reason', async () => {
    const caseId = await table();
    const cr = await as('casusregisseur');
    const g = (await cr.post(`/api/cases/${caseId}/goals`, goal())).body;
    expectError(await cr.patch(`/api/cases/${caseId}/goals/${g.id}`, { legitimations: [] }), 422, 'GEEN_LEGITIMATIE');
    const waived = await cr.patch(`/api/cases/${caseId}/goals/${g.id}`, { legitimations: [], legitimationWaiver: 'Het gezin wil dit zelf, los van de wetten.' });
    expect(waived.status, JSON.stringify(waived.body)).toBe(200);
    expect(waived.body.legitimationWaiver).toBe('Het gezin wil dit zelf, los van de wetten.');
    const back = await cr.patch(`/api/cases/${caseId}/goals/${g.id}`, { legitimations: [{ law: 'jeugdwet', text: 'Opvoedklimaat.' }] });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ legitimations: [{ law: 'jeugdwet', text: 'Opvoedklimaat.' }], legitimationWaiver: null });
  });
});

describe('withdrawing a goal entered by mistake', () => {
  it('who: the one who entered it and the regisseur or procesregisseur; not another writer, not the partner or the household', async () => {
    const caseId = await table();
    const g = (await (await as('wmo')).post(`/api/cases/${caseId}/goals`, goal())).body;
    const other = (await (await as('wmo')).post(`/api/cases/${caseId}/goals`, goal({ text: 'Nog een doel' }))).body;
    const mine = (await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals`, goal({ text: 'Van de regisseur' }))).body;
    const reason = { reason: 'Per vergissing dubbel ingevoerd.' };
    expectError(await (await as('wmo')).post(`/api/cases/${caseId}/goals/${mine.id}/withdraw`, reason), 403, 'GEEN_TOESTEMMING');
    for (const key of ['gedragsdeskundige', 'ggz', 'inwoner']) expectError(await (await as(key)).post(`/api/cases/${caseId}/goals/${g.id}/withdraw`, reason), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('wmo')).post(`/api/cases/${caseId}/goals/${g.id}/withdraw`, {}), 400, 'ONGELDIGE_INVOER');
    expect((await (await as('wmo')).post(`/api/cases/${caseId}/goals/${g.id}/withdraw`, reason)).status).toBe(200);
    expect((await (await as('casusregisseur')).post(`/api/cases/${caseId}/goals/${other.id}/withdraw`, reason)).status).toBe(200);
    expect((await (await as('procesregisseur')).post(`/api/cases/${caseId}/goals/${mine.id}/withdraw`, reason)).status).toBe(200);
    // Once withdrawn it is gone for everyone, also for a second withdrawal.
    expectError(await (await as('procesregisseur')).post(`/api/cases/${caseId}/goals/${g.id}/withdraw`, reason), 404, 'NIET_GEVONDEN');
  });

  it('it leaves the goal list, the resident\'s view, an earlier plan version and its PDF, and a new intervision copy; the row and the audit trail keep it', async () => {
    const caseId = await table();
    const cr = await as('casusregisseur');
    const keep = (await cr.post(`/api/cases/${caseId}/goals`, goal({ text: 'Vader blijft betrokken' }))).body;
    const wrong = (await cr.post(`/api/cases/${caseId}/goals`, goal({ text: 'Verkeerd doel XYZ' }))).body;
    const adopted = await cr.post(`/api/cases/${caseId}/plan/versions`, {});
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    const pdf = async () => {
      const res = await fetch(`${server.url}/api/cases/${caseId}/versions/${adopted.body.number}/dossier.pdf`, { headers: { cookie: cr.cookie! } });
      expect(res.status).toBe(200);
      return pdfText(new Uint8Array(await res.arrayBuffer()));
    };
    expect(await pdf()).toContain('Verkeerd doel XYZ');

    const seq = await maxAuditSeq(server);
    const res = await cr.post(`/api/cases/${caseId}/goals/${wrong.id}/withdraw`, { reason: 'Per vergissing bij de verkeerde casus ingevoerd.' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.map((g: { id: string }) => g.id)).toEqual([keep.id]);

    for (const key of ['casusregisseur', 'wmo', 'ggz']) {
      const list = await (await as(key)).get(`/api/cases/${caseId}/goals`);
      expect(JSON.stringify(list.body), key).not.toContain('Verkeerd doel XYZ');
    }
    expectError(await cr.get(`/api/cases/${caseId}/goals/${wrong.id}`), 404, 'NIET_GEVONDEN');
    const resident = await (await as('inwoner')).get(`/api/cases/${caseId}/inwoner`);
    expect(resident.status).toBe(200);
    expect(JSON.stringify(resident.body)).toContain('Vader blijft betrokken');
    expect(JSON.stringify(resident.body)).not.toContain('Verkeerd doel XYZ');
    const version = await cr.get(`/api/cases/${caseId}/plan/versions/${adopted.body.number}`);
    expect(version.status).toBe(200);
    expect(version.body.content.records.goals.map((g: { id: string }) => g.id)).toEqual([keep.id]);
    const text = await pdf();
    expect(text).toContain('Vader blijft betrokken');
    expect(text).not.toContain('Verkeerd doel XYZ');
    const session = await (await as('procesregisseur')).post(`/api/cases/${caseId}/intervision`, {});
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    expect(session.body.copy.goals).toHaveLength(1);
    expect(JSON.stringify(session.body.copy)).not.toContain('Verkeerd doel XYZ');

    // The row stays, frozen; the trail says who withdrew it.
    const row = await queryRow(server, 'select withdrawn_at, withdrawn_by, withdrawn_reason from goals where id = ?', wrong.id) as Record<string, string>;
    expect(row).toMatchObject({ withdrawn_by: uid('casusregisseur'), withdrawn_reason: 'Per vergissing bij de verkeerde casus ingevoerd.' });
    expect(await sqlError(execSql(server, 'update goals set withdrawn_at = null where id = ?', wrong.id))).toMatch(/withdrawn goal/);
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'goal.withdrawn');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ case_id: caseId, actor_user_id: uid('casusregisseur') });
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ goalId: wrong.id });
  });
});
