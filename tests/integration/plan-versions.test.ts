// Adopting the plan (vaststellen): numbered, read-only versions with a copy of what was
// adopted, line diffs between versions and the live concept, who may do what, the audit
// trail, and the database refusing to change an adopted version.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addHouseholdMember, addZrmMeting, readZrm, sectionFragment, setZrmScore } from '../../shared/plan/doc';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { addParagraph, type Conn, connectSynced, destroyAll, updateRows, verbeekLikeCase, waitForText } from '../support/collab';
import { auditRowsSince, caseIdByTitle, execSql, maxAuditSeq, queryRows, sqlError } from '../support/db';
import { BORGING } from '../support/fixtures';
import { waitFor } from '../support/time';

let server: TestServer;

beforeAll(async () => {
  // A short grace period, so that a room can be seen to be unloaded between requests.
  server = await startTestServer({ COLLAB_UNLOAD_GRACE_MS: 50 });
});

afterEach(() => {
  destroyAll();
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const { as, uid } = demoAccounts(() => server);

/** Writes through a live connection and waits until the server has stored all of it. */
async function write(conn: Conn, room: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const before = (await updateRows(server.db, room)).length;
  let updates = 0;
  const count = (_u: Uint8Array, origin: unknown) => {
    if (origin !== conn.provider) updates += 1;
  };
  conn.doc.on('update', count);
  edit(conn.doc);
  conn.doc.off('update', count);
  await waitFor(async () => (await updateRows(server.db, room)).length === before + updates);
}

function removeParagraph(doc: Y.Doc, text: string): void {
  const fragment = sectionFragment(doc, 'beeldvorming');
  const i = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.toString().includes(text));
  expect(i).toBeGreaterThanOrEqual(0);
  fragment.delete(i, 1);
}

const section = (content: { sections: { key: string; text: string }[] }, key: string) => content.sections.find((s) => s.key === key)?.text;

describe('adopting, listing, opening and diffing versions', () => {
  it('the regisseur adopts version 1 and 2; old versions keep what was adopted; diffs show the changed lines', async () => {
    const caseId = await caseIdByTitle(server, 'Gezin Verbeek');
    const cr = await as('casusregisseur');
    const conn = await connectSynced(server, cr, caseId);
    await write(conn, caseId, (doc) => {
      addParagraph(doc, 'Moeder heeft psychiatrische klachten.');
      addParagraph(doc, 'Vader helpt bij het naar bed brengen.');
      addParagraph(doc, 'Het gezin wil rust in huis.', 'wens');
      addHouseholdMember(doc, { voornaam: 'Sanne', relatie: 'moeder', geboortejaar: 1988 });
      const meting = addZrmMeting(doc, '2026-03-01');
      setZrmScore(doc, meting, 'financien', 2);
    });
    expect(readZrm(conn.doc)).toHaveLength(1);

    const seq = await maxAuditSeq(server);
    const v1 = await cr.post(`/api/cases/${caseId}/plan/versions`, { note: 'Vastgesteld in het casusoverleg van maart.' });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body).toMatchObject({
      number: 1,
      adoptedBy: { id: uid('casusregisseur'), name: 'Marieke de Vries' },
      note: 'Vastgesteld in het casusoverleg van maart.',
    });
    expect(section(v1.body.content, 'beeldvorming')).toBe('Moeder heeft psychiatrische klachten.\nVader helpt bij het naar bed brengen.');
    expect(section(v1.body.content, 'wens')).toBe('Het gezin wil rust in huis.');
    expect(section(v1.body.content, 'afspraken')).toBe('');
    expect(v1.body.content.household).toEqual([{ id: expect.any(String), voornaam: 'Sanne', relatie: 'moeder', geboortejaar: 1988 }]);
    expect(v1.body.content.zrm).toEqual([{ id: expect.any(String), datum: '2026-03-01', scores: { financien: 2 } }]);
    expect(v1.body.text).toContain('Vader helpt bij het naar bed brengen.');
    expect(v1.body.text).toContain('• Sanne, moeder, geboren 1988');
    expect(v1.body.text).toContain('• Financiën: 2');
    const adoptedRows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'plan.version_adopted');
    expect(adoptedRows).toHaveLength(1);
    expect(adoptedRows[0]).toMatchObject({ actor_user_id: uid('casusregisseur'), case_id: caseId, ip: '127.0.0.1' });
    expect(JSON.parse(adoptedRows[0]!.detail)).toEqual({ number: 1 });

    // Change the draft: one line out, one line in.
    await write(conn, caseId, (doc) => {
      removeParagraph(doc, 'Vader helpt');
      addParagraph(doc, 'Vader blijft betrokken, ook na de scheiding.');
    });
    const v2 = await cr.post(`/api/cases/${caseId}/plan/versions`, {});
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ number: 2, note: null });
    expect(section(v2.body.content, 'beeldvorming')).toBe('Moeder heeft psychiatrische klachten.\nVader blijft betrokken, ook na de scheiding.');

    // The concept moves on after version 2.
    await write(conn, caseId, (doc) => addParagraph(doc, 'Afspraak: de klantmanager belt vader.', 'afspraken'));

    const list = await (await as('ggz')).get(`/api/cases/${caseId}/plan/versions`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { number: 2, adoptedAt: v2.body.adoptedAt, adoptedBy: { id: uid('casusregisseur'), name: 'Marieke de Vries' }, note: null },
      { number: 1, adoptedAt: v1.body.adoptedAt, adoptedBy: { id: uid('casusregisseur'), name: 'Marieke de Vries' }, note: 'Vastgesteld in het casusoverleg van maart.' },
    ]);

    // Version 1 still says what was adopted then.
    const mark = await maxAuditSeq(server);
    const open1 = await (await as('ggz')).get(`/api/cases/${caseId}/plan/versions/1`);
    expect(open1.status).toBe(200);
    expect(open1.body).toEqual(v1.body);
    const opened = (await auditRowsSince(server, mark)).filter((r) => r.action === 'plan.version_opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ actor_user_id: uid('ggz'), case_id: caseId, ip: '127.0.0.1' });
    expect(JSON.parse(opened[0]!.detail)).toEqual({ number: 1 });

    const d12 = await cr.get(`/api/cases/${caseId}/plan/diff?from=1&to=2`);
    expect(d12.status, JSON.stringify(d12.body)).toBe(200);
    expect(d12.body).toMatchObject({ from: 1, to: 2 });
    type Part = { kind: 'same' | 'added' | 'removed'; text: string };
    const parts = d12.body.parts as Part[];
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text).join('')).toBe('Vader helpt bij het naar bed brengen.\n');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toBe('Vader blijft betrokken, ook na de scheiding.\n');
    // The diff is complete: the old side is version 1, the new side version 2.
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(v1.body.text);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(v2.body.text);

    const d2c = await (await as('inwoner')).get(`/api/cases/${caseId}/plan/diff?from=2&to=concept`);
    expect(d2c.status).toBe(200);
    expect(d2c.body).toMatchObject({ from: 2, to: 'concept' });
    const parts2c = d2c.body.parts as Part[];
    expect(parts2c.filter((p) => p.kind === 'removed').map((p) => p.text).join('')).toBe('(leeg)\n');
    expect(parts2c.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toBe('Afspraak: de klantmanager belt vader.\n');

    const same = await cr.get(`/api/cases/${caseId}/plan/diff?from=concept&to=concept`);
    expect((same.body.parts as Part[]).every((p) => p.kind === 'same')).toBe(true);
  });

  it('reads the stored document when nobody is connected', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const conn = await connectSynced(server, await as('jeugd'), caseId);
    await write(conn, caseId, (doc) => addParagraph(doc, 'Geschreven en weer weggegaan.'));
    conn.destroy();
    await waitFor(async () => server.services.collab!.rooms.roomsOfCase(caseId).length === 0);
    const v = await (await as('procesregisseur')).post(`/api/cases/${caseId}/plan/versions`, {});
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(section(v.body.content, 'beeldvorming')).toBe('Geschreven en weer weggegaan.');
    const diff = await (await as('ggz')).get(`/api/cases/${caseId}/plan/diff?from=1&to=concept`);
    expect(diff.body.parts.every((p: { kind: string }) => p.kind === 'same')).toBe(true);
    // Reading did not leave the room loaded.
    expect(server.services.collab!.rooms.roomsOfCase(caseId)).toHaveLength(0);
    const again = await connectSynced(server, await as('wmo'), caseId);
    await waitForText(again, 'Geschreven en weer weggegaan.');
  });
});

describe('who may adopt and read versions', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await verbeekLikeCase(server, uid);
    const v = await (await as('casusregisseur')).post(`/api/cases/${caseId}/plan/versions`, { note: 'Eerste versie.' });
    expect(v.status).toBe(201);
  });

  it.each(['klantmanager', 'jeugd', 'wmo'])('%s (edit, not the regisseur, no lead role) cannot adopt -> 403', async (key) => {
    const seq = await maxAuditSeq(server);
    expectError(await (await as(key)).post(`/api/cases/${caseId}/plan/versions`, {}), 403, 'GEEN_TOESTEMMING');
    expect((await auditRowsSince(server, seq)).filter((r) => r.action === 'plan.version_adopted')).toEqual([]);
  });

  it.each(['gedragsdeskundige', 'ggz', 'teamleider', 'inwoner'])('%s (comment/read) cannot adopt -> 403', async (key) => {
    expectError(await (await as(key)).post(`/api/cases/${caseId}/plan/versions`, {}), 403, 'GEEN_TOESTEMMING');
  });

  it('a procesregisseur (lead case role) may adopt without being the regisseur', async () => {
    const res = await (await as('procesregisseur')).post(`/api/cases/${caseId}/plan/versions`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.adoptedBy.id).toBe(uid('procesregisseur'));
    const list = await (await as('procesregisseur')).get(`/api/cases/${caseId}/plan/versions`);
    expect(list.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });

  it.each(['ggz', 'inwoner', 'teamleider'])('%s (member) can list, open and diff', async (key) => {
    const c = await as(key);
    expect((await c.get(`/api/cases/${caseId}/plan/versions`)).status).toBe(200);
    expect((await c.get(`/api/cases/${caseId}/plan/versions/1`)).status).toBe(200);
    expect((await c.get(`/api/cases/${caseId}/plan/diff?from=1&to=concept`)).status).toBe(200);
  });

  it('a non-member gets 404 on every version route, nothing is audited as opened', async () => {
    const outsider = await as('schuldhulp');
    const seq = await maxAuditSeq(server);
    for (const res of [
      await outsider.get(`/api/cases/${caseId}/plan/versions`),
      await outsider.post(`/api/cases/${caseId}/plan/versions`, {}),
      await outsider.get(`/api/cases/${caseId}/plan/versions/1`),
      await outsider.get(`/api/cases/${caseId}/plan/diff?from=1&to=concept`),
      await outsider.get(`/api/cases/${caseId}/plan/history`),
    ]) {
      expectError(res, 404, 'CASUS_NIET_GEVONDEN');
    }
    expect(await auditRowsSince(server, seq)).toEqual([]);
  });

  it('ggz on a case it is no member of (Gezin El Khatib) -> 404', async () => {
    const elKhatib = await caseIdByTitle(server, 'Gezin El Khatib');
    expectError(await (await as('ggz')).get(`/api/cases/${elKhatib}/plan/versions`), 404, 'CASUS_NIET_GEVONDEN');
  });

  it('without a session -> 401', async () => {
    const res = await fetch(`${server.url}/api/cases/${caseId}/plan/versions`);
    expect(res.status).toBe(401);
  });

  it('bad input: unknown version, bad numbers, unknown fields, too long a note', async () => {
    const cr = await as('casusregisseur');
    expectError(await cr.get(`/api/cases/${caseId}/plan/versions/99`), 404, 'NIET_GEVONDEN');
    expectError(await cr.get(`/api/cases/${caseId}/plan/versions/0`), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.get(`/api/cases/${caseId}/plan/versions/abc`), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.get(`/api/cases/${caseId}/plan/diff?from=1`), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.get(`/api/cases/${caseId}/plan/diff?from=een&to=2`), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.get(`/api/cases/${caseId}/plan/diff?from=1&to=99`), 404, 'NIET_GEVONDEN');
    expectError(await cr.post(`/api/cases/${caseId}/plan/versions`, { note: 'x'.repeat(1001) }), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.post(`/api/cases/${caseId}/plan/versions`, { number: 7 }), 400, 'ONGELDIGE_INVOER');
    expectError(await cr.get(`/api/cases/${caseId}/plan/history?room=geheim`), 400, 'ONGELDIGE_INVOER');
  });
});

describe('a closed case', () => {
  it('refuses adoption (409), while versions stay readable', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const cr = await as('casusregisseur');
    expect((await cr.post(`/api/cases/${caseId}/plan/versions`, {})).status).toBe(201);
    expect((await cr.post(`/api/cases/${caseId}/close`, { borgingsafspraken: BORGING })).status).toBe(200);
    expectError(await cr.post(`/api/cases/${caseId}/plan/versions`, {}), 409, 'CASUS_GESLOTEN');
    expectError(await (await as('procesregisseur')).post(`/api/cases/${caseId}/plan/versions`, {}), 409, 'CASUS_GESLOTEN');
    // Someone who could not adopt in an open case either is told so, not about the status.
    expectError(await (await as('klantmanager')).post(`/api/cases/${caseId}/plan/versions`, {}), 403, 'GEEN_TOESTEMMING');
    const list = await (await as('ggz')).get(`/api/cases/${caseId}/plan/versions`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
  });
});

describe('an adopted version is a decision', () => {
  it('the database refuses UPDATE and DELETE on plan_versions (triggers)', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    expect((await (await as('casusregisseur')).post(`/api/cases/${caseId}/plan/versions`, { note: 'Vast.' })).status).toBe(201);
    const before = await queryRows(server, 'select * from plan_versions order by id');
    expect(before.length).toBeGreaterThan(0);
    expect(await sqlError(execSql(server, "update plan_versions set note = 'vervalst' where case_id = ?", caseId))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, "update plan_versions set text = ''"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from plan_versions where case_id = ?', caseId))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from plan_versions'))).toMatch(/append-only/);
    expect(await queryRows(server, 'select * from plan_versions order by id')).toEqual(before);
  });

  it('connecting to the plan room is audited as collab.join, with room kind and write access', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    const seq = await maxAuditSeq(server);
    await connectSynced(server, await as('casusregisseur'), caseId);
    await connectSynced(server, await as('ggz'), caseId);
    const joins = (await auditRowsSince(server, seq)).filter((r) => r.action === 'collab.join');
    expect(joins.map((r) => ({ actor: r.actor_user_id, caseId: r.case_id, ip: r.ip, detail: JSON.parse(r.detail) }))).toEqual([
      { actor: uid('casusregisseur'), caseId, ip: '127.0.0.1', detail: { room: 'plan', canWrite: true } },
      { actor: uid('ggz'), caseId, ip: '127.0.0.1', detail: { room: 'plan', canWrite: false } },
    ]);
  });
});

describe('a plan document with unexpected shapes (any edit member can put anything into a Y.Doc)', () => {
  it.each([
    ['a bare text node inside a bulletList (no listItem)', (doc: Y.Doc) => {
      const list = new Y.XmlElement('bulletList');
      sectionFragment(doc, 'wens').insert(0, [list]);
      list.insert(0, [new Y.XmlText('los tekstknooppunt')]);
    }],
    ['plain Y.Text content under a section key', (doc: Y.Doc) => {
      doc.getText('tekst.afspraken').insert(0, 'platte tekst in plaats van XML');
    }],
  ])('%s: adoption and diff still work, the rest of the plan reads as before', async (_name, edit) => {
    const caseId = await verbeekLikeCase(server, uid);
    const writer = await connectSynced(server, await as('jeugd'), caseId);
    await write(writer, caseId, (doc) => addParagraph(doc, 'Een gewone alinea.'));
    // Written by a client of its own; the stock provider relays whatever its Y.Doc holds.
    const doc = new Y.Doc();
    edit(doc);
    await write(writer, caseId, (d) => Y.applyUpdate(d, Y.encodeStateAsUpdate(doc)));
    const res = await (await as('casusregisseur')).post(`/api/cases/${caseId}/plan/versions`, {});
    const diff = await (await as('casusregisseur')).get(`/api/cases/${caseId}/plan/diff?from=concept&to=concept`);
    expect({ adopt: res.status, diff: diff.status }).toEqual({ adopt: 201, diff: 200 });
    expect(section(res.body.content, 'beeldvorming')).toBe('Een gewone alinea.');
    expect(diff.body.parts.every((p: { kind: string }) => p.kind === 'same')).toBe(true);
    // The room keeps working for everyone.
    const other = await connectSynced(server, await as('wmo'), caseId);
    await waitForText(other, 'Een gewone alinea.');
  });
});
