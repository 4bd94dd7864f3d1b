// Attack: internal content leaving the municipality. An internal deviation with a unique marker
// is linked to a breakthrough request, the internal notes carry another marker, and a sentence of
// the internal deviation is copied by hand into the request's proposal and into a decision note.
// The request goes up to the wethouder and out as the escalation file for the national desk;
// neither its JSON nor its HTML may hold any marker, whoever exports. The intervision copy of the
// same case is held to the same rule. (The partner variant of the dossier PDF is attacked the
// same way in tests/integration/dossier.test.ts: internal deviations, also as the basis of a
// conclusion, and breakthroughs are absent from it.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { INTERN_NOTES } from '../../shared/plan/doc';
import { roomName } from '../../shared/plan/rooms';
import { demoAccounts, startTestServer, type TestServer } from '../support/server';
import { addParagraph, destroyAll, verbeekLikeCase } from '../support/collab';
import { breakthroughBody } from '../support/fixtures';
import { inDays, today } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const DEVIATION_MARKER = 'INTERNMARKERAFWIJKING7Q';
const NOTES_MARKER = 'INTERNMARKERNOTITIE4Z';
/** A sentence of the internal deviation that someone copies by hand into shared texts. */
const QUOTED = 'Het vermoeden van een gezamenlijke huishouding wordt bewust niet onderzocht zolang de behandeling loopt';

async function caseWithInternalContent() {
  const caseId = await verbeekLikeCase(server, uid, 'Gezin Brouwersgracht');
  const km = await as('klantmanager');
  const propose = (internal: boolean, marker: string, reasoning: string) =>
    km.post(`/api/cases/${caseId}/deviations`, {
      law: 'participatiewet',
      rule: `Participatiewet art. 3 ${marker}`,
      route: 'awb_4_84',
      willDo: `Vader blijft koken en slapen. ${marker}`,
      willNotDo: `Geen onderzoek naar de woonsituatie. ${marker}`,
      reasoning,
      startDate: today(),
      endDate: inDays(120),
      reviewDate: inDays(60),
      internal,
    });
  const internal = await propose(true, DEVIATION_MARKER, `${QUOTED}. ${DEVIATION_MARKER}`);
  expect(internal.status, JSON.stringify(internal.body)).toBe(201);
  const shared = await propose(false, 'GEDEELDE-AFWIJKING', 'Vader brengt rust voor de kinderen.');
  expect(shared.status, JSON.stringify(shared.body)).toBe(201);
  for (const id of [internal.body.id, shared.body.id]) {
    const ok = await (await as('teamleider')).post(`/api/cases/${caseId}/deviations/${id}/approve`, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }
  // The internal notes (room `<case>:intern`), written as a member would.
  await server.services.collab!.rooms.withDoc(roomName(caseId, 'intern'), (room) => room.changeAs(uid('klantmanager'), (doc) => addParagraph(doc, `Fraudesignaal besproken met de teamleider. ${NOTES_MARKER}`, INTERN_NOTES.key)));
  return { caseId, internalId: internal.body.id as string, sharedId: shared.body.id as string };
}

describe('nothing internal leaves the municipality', () => {
  it('the escalation file (JSON and HTML) holds no internal deviation, no internal note and no quoted internal sentence, whoever exports', async () => {
    const { caseId, internalId, sharedId } = await caseWithInternalContent();
    const pr = await as('procesregisseur');
    const wh = await as('wethouder');
    const created = await pr.post(
      `/api/cases/${caseId}/breakthroughs`,
      breakthroughBody(uid('wethouder'), { kind: 'wet', amountCents: 0, deviationIds: [internalId, sharedId], proposal: `Een nanny. ${QUOTED}.` }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The request itself (inside the municipality) does link the internal deviation: the attack is real.
    expect(JSON.stringify(created.body)).toContain(DEVIATION_MARKER);
    const base = `/api/cases/${caseId}/breakthroughs/${created.body.id}`;
    expect((await wh.post(`${base}/refuse`, { reasons: `Buiten de kaders. ${QUOTED}.` })).status).toBe(200);
    expect((await pr.post(`${base}/export`, {})).status).toBe(200);

    for (const exporter of ['procesregisseur', 'casusregisseur', 'klantmanager']) {
      const c = await as(exporter);
      const json = await c.get(`${base}/export.json`);
      const html = await c.get(`${base}/export.html`);
      expect(json.status, exporter).toBe(200);
      expect(html.status, exporter).toBe(200);
      for (const text of [JSON.stringify(json.body), html.body as string]) {
        for (const marker of [DEVIATION_MARKER, NOTES_MARKER, QUOTED, 'gezamenlijke huishouding wordt bewust']) expect(text, `${exporter}: ${marker}`).not.toContain(marker);
      }
      // The shared deviation is still there; the quoting texts were dropped whole.
      expect(json.body.deviations).toEqual([{ law: 'participatiewet', rule: 'Participatiewet art. 3 GEDEELDE-AFWIJKING', status: 'goedgekeurd' }]);
      expect(json.body.proposal).toBe('[weggelaten: bevat interne informatie]');
      expect(json.body.trail.find((e: { kind: string }) => e.kind === 'afgewezen').note).toBe('[weggelaten: bevat interne informatie]');
    }
  });

  it('the intervision copy drops internal deviations and any field that quotes internal content', async () => {
    const { caseId } = await caseWithInternalContent();
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => {
      addParagraph(doc, `Moeder heeft rust nodig. ${QUOTED}.`, 'beeldvorming');
      addParagraph(doc, 'Vader kookt elke dag.', 'wens');
    });
    const res = await (await as('procesregisseur')).post(`/api/cases/${caseId}/intervision`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const text = JSON.stringify(res.body);
    for (const marker of [DEVIATION_MARKER, NOTES_MARKER, QUOTED]) expect(text).not.toContain(marker);
    expect(res.body.copy.deviations).toHaveLength(1);
    expect(res.body.copy.sections.find((s: { key: string }) => s.key === 'beeldvorming').text).toBe('[weggelaten: bevat interne informatie]');
    expect(res.body.copy.sections.find((s: { key: string }) => s.key === 'wens').text).toContain('Vader kookt elke dag.');
  });
});
