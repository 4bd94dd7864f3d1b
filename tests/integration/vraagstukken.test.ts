// The reverse test (omgekeerde toets) through the API and the live document: drafts are
// co-edited in the plan's Y.Doc, signatures and conclusions are server records. Every refusal
// the issue lists is tested with its status and code, and with nothing written.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LawKey } from '../../shared/laws';
import { readVraagstukDraft, reasoningFragment, setVerdictDraft, textFragment, toggleEntry } from '../../shared/plan/vraagstukken';
import type { ToetsText, Verdict } from '../../shared/vraagstukken';
import { roomName } from '../../shared/plan/rooms';
import { closeFeeds, noticesOf, openReadyFeed } from '../support/feed';
import { type ApiResponse, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError, expectRefusedWithoutWrites } from '../support/api';
import { barrier, type Conn, connectSynced, destroyAll, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, count, execSql, maxAuditSeq, sqlError } from '../support/db';
import { BORGING } from '../support/fixtures';
import { inDays, today, waitFor } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
beforeAll(async () => {
  server = await startTestServer();
  // Log everyone in up front: a login is audited, and refusals are checked to write no audit row.
  for (const key of ['procesregisseur', 'casusregisseur', 'klantmanager', 'wmo', 'jeugd', 'ggz', 'inwoner', 'teamleider', 'schuldhulp', 'beheer']) await as(key);
});
afterEach(() => {
  destroyAll();
  closeFeeds();
});
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

// ------------------------------------------------------------------ writing drafts like an editor

function replaceText(fragment: Y.XmlFragment, text: string): void {
  fragment.doc!.transact(() => {
    fragment.delete(0, fragment.length);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(0, [p]);
  });
}

/** One table: the regisseur writes the drafts, the klantmanager's connection proves the server has them. */
interface Table {
  caseId: string;
  writer: Conn;
  observer: Conn;
}

async function table(): Promise<Table> {
  const caseId = await verbeekLikeCase(server, uid);
  const writer = await connectSynced(server, await as('casusregisseur'), roomName(caseId, 'plan'));
  const observer = await connectSynced(server, await as('klantmanager'), roomName(caseId, 'plan'));
  return { caseId, writer, observer };
}

async function openVraagstuk(t: Table, title = 'Stabiele psychische gezondheid moeder', laws?: LawKey[]): Promise<any> {
  const res = await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken`, laws ? { title, laws } : { title });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // The server made the draft's structure; wait until it reached the writer.
  await waitFor(async () => readVraagstukDraft(t.writer.doc, res.body.id) !== null);
  return res.body;
}

async function write(t: Table, id: string, key: ToetsText, text: string): Promise<void> {
  replaceText(textFragment(t.writer.doc, id, key)!, text);
  await barrier(t.writer, [t.observer]);
}

async function writeVerdict(t: Table, id: string, law: LawKey, verdict: Verdict, reasoning: string): Promise<void> {
  setVerdictDraft(t.writer.doc, id, law, verdict);
  replaceText(reasoningFragment(t.writer.doc, id, law)!, reasoning);
  await barrier(t.writer, [t.observer]);
}

/** Signs what the draft says now, as the given account. */
async function sign(t: Table, id: string, who: string, law: LawKey): Promise<any> {
  const d = readVraagstukDraft(t.writer.doc, id)!;
  return (await as(who)).post(`/api/cases/${t.caseId}/vraagstukken/${id}/signatures`, { law, verdict: d.verdicts[law].verdict, reasoning: d.verdicts[law].reasoning, solution: d.texts.oplossing });
}

async function conclude(t: Table, id: string, body: Record<string, unknown> = {}, who = 'casusregisseur'): Promise<any> {
  const d = readVraagstukDraft(t.writer.doc, id)!;
  return (await as(who)).post(`/api/cases/${t.caseId}/vraagstukken/${id}/conclusion`, { outcome: 'uitvoeren', motivation: d.texts.besluit, reviewDate: inDays(120), ...body });
}

const SOLUTION = 'Begeleiding die de behandeling van moeder ondersteunt, gericht op stabiliteit binnen vier maanden. Aandacht voor de kinderen via de POH Jeugd en de KOPP-groep. Vader blijft betrokken.';
const VERDICTS: Record<'wmo' | 'jeugdwet' | 'participatiewet', [string, Verdict, string]> = {
  wmo: ['wmo', 'past', 'Begeleiding versterkt de zelfredzaamheid van moeder in haar eigen leefomgeving (Wmo art. 1.1.1).'],
  jeugdwet: ['jeugd', 'past', 'Een stabiel opvoedklimaat; moeder neemt haar verantwoordelijkheid weer op en vader brengt stabiliteit (Jeugdwet art. 2.1).'],
  // Not a word of the suspicion here: verdicts are seen by the whole table, partners included;
  // what is not pursued is in the internal deviation only.
  participatiewet: ['klantmanager', 'past_deels', 'Een stap richting activering; werk komt na stabiliteit, in overleg met de klantmanager.'],
};
const MOTIVATION = 'Eén gedeeld doel, gelegitimeerd onder drie wetten. De tijdelijke afwijking is evenredig (Awb 3:4 lid 2) en wordt herbeoordeeld.';

/** The whole draft of the worked example, every verdict written and signed. */
async function signedWorkedExample(t: Table): Promise<string> {
  const v = await openVraagstuk(t);
  await write(t, v.id, 'behoefte', 'Moeder wil weer stabiel worden en voor de kinderen kunnen zorgen; de kinderen willen dat papa blijft komen.');
  await write(t, v.id, 'oplossing', SOLUTION);
  for (const [law, [, verdict, reasoning]] of Object.entries(VERDICTS) as [LawKey, [string, Verdict, string]][]) await writeVerdict(t, v.id, law, verdict, reasoning);
  for (const [law, [who]] of Object.entries(VERDICTS) as [LawKey, [string, Verdict, string]][]) {
    const res = await sign(t, v.id, who, law);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await write(t, v.id, 'besluit', MOTIVATION);
  return v.id;
}

async function proposeInternal(caseId: string): Promise<any> {
  const res = await (await as('klantmanager')).post(`/api/cases/${caseId}/deviations`, {
    law: 'participatiewet',
    rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken: hij kookt, helpt bij het naar bed brengen en blijft soms slapen.',
    willNotDo: 'Vermoeden gezamenlijke huishouding niet actief oppakken gedurende de looptijd van het plan.',
    reasoning: 'Vader brengt stabiliteit in de opvoeding; een onderzoek zou die betrokkenheid nu beëindigen. Evenredig gedurende het plan.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function snapshot() {
  return {
    signatures: await count(server, 'select count(*) as n from verdict_signatures'),
    decisions: await count(server, 'select count(*) as n from vraagstuk_decisions'),
    links: await count(server, 'select count(*) as n from vraagstuk_deviations'),
    audit: await maxAuditSeq(server),
  };
}

/** Asserts a refusal wrote nothing: no record and no audit row. */
const refused = (make: () => Promise<ApiResponse>, status: number, code: string) => expectRefusedWithoutWrites(snapshot, make, status, code);

// ------------------------------------------------------------------ opening

describe('opening a vraagstuk', () => {
  it('defaults the laws in scope to the laws the members answer for, and builds the live draft for everyone', async () => {
    const t = await table();
    const v = await openVraagstuk(t);
    expect(v.laws.map((l: any) => l.law)).toEqual(['wmo', 'jeugdwet', 'participatiewet']);
    expect(v.laws.find((l: any) => l.law === 'participatiewet').responsible).toEqual([{ id: uid('klantmanager'), name: expect.any(String) }]);
    expect(v.status).toBe('open');
    await waitFor(async () => readVraagstukDraft(t.observer.doc, v.id) !== null);
    const draft = readVraagstukDraft(t.observer.doc, v.id)!;
    expect(draft).toMatchObject({ step: 1, laws: ['wmo', 'jeugdwet', 'participatiewet'] });
  });

  it('takes an explicit scope, and only editors open vraagstukken', async () => {
    const t = await table();
    const v = await openVraagstuk(t, 'Schulden', ['wgs', 'participatiewet']);
    expect(v.laws.map((l: any) => l.law)).toEqual(['participatiewet', 'wgs']);
    // No schuldhulpverlener at this table: nobody can sign Wgs yet, and the view says so.
    expect(v.laws.find((l: any) => l.law === 'wgs').responsible).toEqual([]);
    const before = await count(server, 'select count(*) as n from vraagstukken');
    expectError(await (await as('ggz')).post(`/api/cases/${t.caseId}/vraagstukken`, { title: 'Van buiten' }), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('inwoner')).post(`/api/cases/${t.caseId}/vraagstukken`, { title: 'Van het gezin' }), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('schuldhulp')).get(`/api/cases/${t.caseId}/vraagstukken`), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken`, { title: 'X', laws: ['belastingwet'] }), 400, 'ONGELDIGE_INVOER');
    expectError(await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken`, { title: 'X', extra: 1 }), 400, 'ONGELDIGE_INVOER');
    expect(await count(server, 'select count(*) as n from vraagstukken')).toBe(before);
  });
});

// ------------------------------------------------------------------ signing

describe('signing a verdict (step 3)', () => {
  it('stores a copy of what was signed, with name, role and time, audited; the live view follows edits after signing', async () => {
    const t = await table();
    const v = await openVraagstuk(t);
    await write(t, v.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v.id, 'participatiewet', 'past_deels', VERDICTS.participatiewet[2]);
    const feed = await openReadyFeed(server, await as('jeugd'));
    const seq = await maxAuditSeq(server);
    const res = await sign(t, v.id, 'klantmanager', 'participatiewet');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const law = res.body.laws.find((l: any) => l.law === 'participatiewet');
    expect(law.signature).toMatchObject({ law: 'participatiewet', verdict: 'past_deels', reasoning: VERDICTS.participatiewet[2], solution: SOLUTION, by: { id: uid('klantmanager') }, caseRole: 'klantmanager_pw' });
    expect(law).toMatchObject({ current: true, changedSinceSigning: [] });
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'verdict.signed');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('klantmanager'), case_id: t.caseId });
    // Everyone with the vraagstukken open is told to refetch, through the change feed.
    await waitFor(async () => noticesOf(feed, t.caseId, 'vraagstukken').length > 0, { timeoutMs: 3000 });

    // An edit after signing: the signature stays, but is no longer current.
    await writeVerdict(t, v.id, 'participatiewet', 'past_deels', `${VERDICTS.participatiewet[2]} Aangevuld na het overleg.`);
    const after = (await (await as('jeugd')).get(`/api/cases/${t.caseId}/vraagstukken/${v.id}`)).body.laws.find((l: any) => l.law === 'participatiewet');
    expect(after).toMatchObject({ current: false, changedSinceSigning: ['motivering'] });
    expect(after.signature.reasoning).toBe(VERDICTS.participatiewet[2]);
    // A changed solution also invalidates the verdict on it.
    await write(t, v.id, 'oplossing', `${SOLUTION} Plus een maatje voor vader.`);
    const again = (await (await as('jeugd')).get(`/api/cases/${t.caseId}/vraagstukken/${v.id}`)).body.laws.find((l: any) => l.law === 'participatiewet');
    expect(again.changedSinceSigning).toEqual(['motivering', 'oplossing']);
    // Signing again makes it current; the old signature stays in the history.
    const resigned = await sign(t, v.id, 'klantmanager', 'participatiewet');
    expect(resigned.status).toBe(200);
    expect(resigned.body.laws.find((l: any) => l.law === 'participatiewet').current).toBe(true);
    expect(resigned.body.signatures.filter((s: any) => s.law === 'participatiewet')).toHaveLength(2);
  });

  it('refuses signing for a law you are not responsible for, by outsiders, out of scope, stale or empty', async () => {
    const t = await table();
    const v = await openVraagstuk(t, 'Wonen', ['wmo', 'participatiewet']);
    await write(t, v.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v.id, 'participatiewet', 'past', 'Past bij de bedoeling: een stap richting werk.');
    const d = readVraagstukDraft(t.writer.doc, v.id)!;
    const body = { law: 'participatiewet', verdict: 'past', reasoning: d.verdicts.participatiewet.reasoning, solution: d.texts.oplossing };
    const url = `/api/cases/${t.caseId}/vraagstukken/${v.id}/signatures`;
    // The Wmo consultant is a member with edit rights, but does not answer for the Participatiewet.
    await refused(async () => (await as('wmo')).post(url, body), 403, 'NIET_VERANTWOORDELIJK');
    // The regisseur neither: responsibility is per law, not per seniority.
    await refused(async () => (await as('casusregisseur')).post(url, body), 403, 'NIET_VERANTWOORDELIJK');
    await refused(async () => (await as('ggz')).post(url, body), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('teamleider')).post(url, body), 403, 'GEEN_TOESTEMMING');
    await refused(async () => (await as('jeugd')).post(url, { ...body, law: 'jeugdwet' }), 422, 'WET_NIET_IN_TOETS');
    await refused(async () => (await as('klantmanager')).post(url, { ...body, reasoning: 'Iets anders dan er staat.' }), 409, 'CONCEPT_GEWIJZIGD');
    await refused(async () => (await as('klantmanager')).post(url, { ...body, solution: 'Een andere oplossing.' }), 409, 'CONCEPT_GEWIJZIGD');
    await refused(async () => (await as('wmo')).post(url, { ...body, law: 'wmo', reasoning: '', verdict: 'past' }), 422, 'GEEN_OORDEEL');
    await refused(async () => (await as('klantmanager')).post(url, { ...body, verdict: 'geweldig' }), 400, 'ONGELDIGE_INVOER');
    await refused(async () => (await as('klantmanager')).post(`/api/cases/${t.caseId}/vraagstukken/${randomUUID()}/signatures`, body), 404, 'NIET_GEVONDEN');
    const ok = await (await as('klantmanager')).post(url, body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('follows the municipality’s setting of who answers for a law', async () => {
    const admin = await as('beheer');
    const set = async (caseRole: string | null) => expect((await admin.put('/api/catalogue/responsibilities/participatiewet', { caseRole })).status).toBe(200);
    await set('consulent_wmo');
    try {
      const t = await table();
      const v = await openVraagstuk(t, 'Anders ingericht', ['participatiewet']);
      await write(t, v.id, 'oplossing', SOLUTION);
      await writeVerdict(t, v.id, 'participatiewet', 'past', 'Past bij de bedoeling van de Participatiewet.');
      await refused(() => sign(t, v.id, 'klantmanager', 'participatiewet'), 403, 'NIET_VERANTWOORDELIJK');
      expect((await sign(t, v.id, 'wmo', 'participatiewet')).status).toBe(200);
    } finally {
      await set('klantmanager_pw');
    }
  });
});

// ------------------------------------------------------------------ concluding

describe('concluding (step 6)', () => {
  it('the worked example: three laws signed, the internal deviation approved by a teamleider, concluded with its basis; partners never see the deviation', async () => {
    const t = await table();
    const id = await signedWorkedExample(t);
    const deviation = await proposeInternal(t.caseId);
    const link = await (await as('klantmanager')).post(`/api/cases/${t.caseId}/vraagstukken/${id}/deviations`, { deviationId: deviation.id });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.blockers.uitvoeren).toHaveLength(1);
    // The partner and the household can't tell that a hidden deviation holds the decision up.
    for (const who of ['ggz', 'inwoner']) {
      const r = await (await as(who)).get(`/api/cases/${t.caseId}/vraagstukken/${id}`);
      expect(r.status).toBe(200);
      expect(r.body.blockers.uitvoeren, who).toEqual([]);
      expect(r.body.deviations, who).toEqual([]);
      expect(JSON.stringify(r.body), who).not.toMatch(/niet zichtbaar|afwijking/i);
    }
    // Not approved yet: "we doen het" is refused.
    await refused(() => conclude(t, id), 422, 'AFWIJKING_NIET_GOEDGEKEURD');
    const approved = await (await as('teamleider')).post(`/api/cases/${t.caseId}/deviations/${deviation.id}/approve`, { note: 'Akkoord voor de looptijd van het plan.' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // The shared conclusion cites proportionality and Awb 4:84, not P-wet art. 3: the decision
    // is read at the whole table, and citing art. 3 there would name the suspicion.
    toggleEntry(t.writer.doc, id, 'artikelen', 'wet:awb:3:4 lid 2', true);
    toggleEntry(t.writer.doc, id, 'artikelen', 'wet:awb:4:84', true);
    await barrier(t.writer, [t.observer]);
    const seq = await maxAuditSeq(server);
    const res = await conclude(t, id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('besloten');
    const decision = res.body.decisions.at(-1);
    expect(decision).toMatchObject({ kind: 'besloten', outcome: 'uitvoeren', motivation: MOTIVATION, reviewDate: inDays(120), by: { id: uid('casusregisseur') }, caseRole: 'casusregisseur' });
    expect(decision.basis.laws).toEqual(['wmo', 'jeugdwet', 'participatiewet']);
    expect(decision.basis.signatures.map((s: any) => [s.law, s.by.id])).toEqual([
      ['wmo', uid('wmo')],
      ['jeugdwet', uid('jeugd')],
      ['participatiewet', uid('klantmanager')],
    ]);
    expect(decision.basis.deviations).toEqual([expect.objectContaining({ id: deviation.id, internal: true, status: 'goedgekeurd', approval: expect.objectContaining({ by: expect.objectContaining({ id: uid('teamleider') }), mandate: 'teamleider' }) })]);
    expect(decision.basis.citations.map((c: any) => [c.key, c.catalogueVersion])).toEqual([
      ['wet:awb:3:4 lid 2', expect.any(String)],
      ['wet:awb:4:84', expect.any(String)],
    ]);
    const rows = (await auditRowsSince(server, seq)).filter((r) => r.action === 'vraagstuk.concluded');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: uid('casusregisseur'), case_id: t.caseId });

    // The external partner and the household see the conclusion, never the internal deviation.
    for (const who of ['ggz', 'inwoner']) {
      const client = await as(who);
      for (const path of [`/api/cases/${t.caseId}/vraagstukken`, `/api/cases/${t.caseId}/vraagstukken/${id}`]) {
        const r = await client.get(path);
        expect(r.status).toBe(200);
        const text = JSON.stringify(r.body);
        expect(text).not.toContain(deviation.id);
        // The match with its context, so a failure shows where the suspicion surfaced.
        expect(/.{0,160}gezamenlijke huishouding.{0,60}/i.exec(text)?.[0] ?? null, `${who} ${path}`).toBeNull();
        expect(text).not.toMatch(/niet zichtbaar/i);
      }
      const one = (await client.get(`/api/cases/${t.caseId}/vraagstukken/${id}`)).body;
      expect(one.decisions.at(-1).basis.deviations).toEqual([]);
      expect(one.decisions.at(-1).basis.signatures).toHaveLength(3);
      expect(one.can).toEqual({ conclude: false, reopen: false, linkDeviations: false });
    }
    // The shared goal of the worked example, legitimised under three laws, agreed by the household.
    const goal = await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/goals`, {
      text: 'Ik wil weer stabiel worden, zodat ik voor de kinderen kan zorgen.',
      lifeDomain: 'geestelijke_gezondheid',
      legitimations: [
        { law: 'wmo', text: 'Zelfredzaamheid van moeder in haar eigen leefomgeving.' },
        { law: 'jeugdwet', text: 'Het opvoedklimaat: moeder neemt haar verantwoordelijkheid weer op.' },
        { law: 'participatiewet', text: 'Een stap richting activering.' },
      ],
      owner: { type: 'household', name: 'moeder' },
      dueDate: inDays(120),
      vraagstukId: id,
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    const agreed = await (await as('casusregisseur')).put(`/api/cases/${t.caseId}/goals/${goal.body.id}/agreement`, { agreedOn: today() });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    const seen = (await (await as('inwoner')).get(`/api/cases/${t.caseId}/goals`)).body.find((g: any) => g.id === goal.body.id);
    expect(seen.legitimations.map((l: any) => l.law).sort()).toEqual(['jeugdwet', 'participatiewet', 'wmo']);
    expect(JSON.stringify(seen)).toContain(today());

    // Concluded is concluded: no second conclusion, no signing, no linking until reopened.
    await refused(() => conclude(t, id), 409, 'VRAAGSTUK_BESLOTEN');
    await refused(() => sign(t, id, 'wmo', 'wmo'), 409, 'VRAAGSTUK_BESLOTEN');
  });

  it('a signed law stays in the decision when someone unticks it in the draft; an unsigned one can be taken out', async () => {
    const t = await table();
    const v = await openVraagstuk(t);
    await write(t, v.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v.id, 'participatiewet', 'past_niet', 'Past niet: zo komt werk voorlopig niet in beeld, terwijl dat kan.');
    expect((await sign(t, v.id, 'klantmanager', 'participatiewet')).status).toBe(200);
    // Someone at the table unticks the Participatiewet (signed "past niet") and the Jeugdwet (unsigned).
    toggleEntry(t.writer.doc, v.id, 'wetten', 'participatiewet', false);
    toggleEntry(t.writer.doc, v.id, 'wetten', 'jeugdwet', false);
    await barrier(t.writer, [t.observer]);
    expect(readVraagstukDraft(t.observer.doc, v.id)!.laws).toEqual(['wmo']);
    const view = (await (await as('casusregisseur')).get(`/api/cases/${t.caseId}/vraagstukken/${v.id}`)).body;
    expect(view.laws.map((l: any) => l.law)).toEqual(['wmo', 'participatiewet']);
    expect(view.laws.find((l: any) => l.law === 'participatiewet')).toMatchObject({ current: true, signature: { verdict: 'past_niet' } });
    // With the Wmo signed, the decision rests on both, and keeps the "past niet" in its basis.
    await writeVerdict(t, v.id, 'wmo', 'past', VERDICTS.wmo[2]);
    expect((await sign(t, v.id, 'wmo', 'wmo')).status).toBe(200);
    await write(t, v.id, 'besluit', 'We doen het niet: de Participatiewet verzet zich ertegen, zoals de klantmanager motiveert.');
    const res = await conclude(t, v.id, { outcome: 'niet_uitvoeren', reviewDate: undefined });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decisions.at(-1).basis.laws).toEqual(['wmo', 'participatiewet']);
    expect(res.body.decisions.at(-1).basis.signatures.map((s: any) => [s.law, s.verdict])).toEqual([
      ['wmo', 'past'],
      ['participatiewet', 'past_niet'],
    ]);
  });

  it('refuses concluding with unsigned laws, with a verdict changed after signing, by a non-regisseur, or with a review date in the past', async () => {
    const t = await table();
    const v = await openVraagstuk(t);
    await write(t, v.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v.id, 'wmo', 'past', VERDICTS.wmo[2]);
    expect((await sign(t, v.id, 'wmo', 'wmo')).status).toBe(200);
    await write(t, v.id, 'besluit', MOTIVATION);
    await refused(() => conclude(t, v.id), 422, 'NIET_ONDERTEKEND');
    // Also a "no" needs every law's verdict: it has to hold in objection and appeal too.
    await refused(() => conclude(t, v.id, { outcome: 'niet_uitvoeren' }), 422, 'NIET_ONDERTEKEND');

    const id = await signedWorkedExample(t);
    await writeVerdict(t, id, 'jeugdwet', 'past_deels', 'Toch maar deels: de kinderen hebben ook eigen hulp nodig.');
    const view = (await (await as('casusregisseur')).get(`/api/cases/${t.caseId}/vraagstukken/${id}`)).body;
    expect(view.blockers.any.join(' ')).toContain('Gewijzigd na ondertekening');
    await refused(() => conclude(t, id), 422, 'NIET_ONDERTEKEND');
    expect((await sign(t, id, 'jeugd', 'jeugdwet')).status).toBe(200);

    await refused(() => conclude(t, id, {}, 'klantmanager'), 403, 'GEEN_TOESTEMMING');
    await refused(() => conclude(t, id, {}, 'ggz'), 403, 'GEEN_TOESTEMMING');
    await refused(() => conclude(t, id, { reviewDate: inDays(-1) }), 422, 'REVIEWDATUM_VERLEDEN');
    await refused(() => conclude(t, id, { reviewDate: undefined }), 422, 'REVIEWDATUM_ONTBREEKT');
    await refused(() => conclude(t, id, { motivation: 'Wat de regisseur dacht dat er stond.' }), 409, 'CONCEPT_GEWIJZIGD');
    await refused(() => conclude(t, id, { reviewDate: '2026-02-30' }), 400, 'ONGELDIGE_INVOER');
    toggleEntry(t.writer.doc, id, 'artikelen', 'wet:participatiewet:99', true);
    await barrier(t.writer, [t.observer]);
    await refused(() => conclude(t, id), 422, 'ONBEKEND_ARTIKEL');
    toggleEntry(t.writer.doc, id, 'artikelen', 'wet:participatiewet:99', false);
    await barrier(t.writer, [t.observer]);
    // The procesregisseur may conclude as well as the regisseur.
    const ok = await conclude(t, id, {}, 'procesregisseur');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('records a negative conclusion just as easily, even when a relied-on deviation was rejected; reopening is audited', async () => {
    const t = await table();
    const id = await signedWorkedExample(t);
    const deviation = await proposeInternal(t.caseId);
    expect((await (await as('klantmanager')).post(`/api/cases/${t.caseId}/vraagstukken/${id}/deviations`, { deviationId: deviation.id })).status).toBe(200);
    expect((await (await as('teamleider')).post(`/api/cases/${t.caseId}/deviations/${deviation.id}/reject`, { note: 'Het risico op terugvordering is te groot.' })).status).toBe(200);
    await refused(() => conclude(t, id), 422, 'AFWIJKING_NIET_GOEDGEKEURD');
    await write(t, id, 'besluit', 'We doen dit niet, omdat de afwijking niet is goedgekeurd en het risico op terugvordering voor het gezin te groot is.');
    const no = await conclude(t, id, { outcome: 'niet_uitvoeren', reviewDate: undefined });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body.decisions.at(-1)).toMatchObject({ outcome: 'niet_uitvoeren', reviewDate: null });

    const seq = await maxAuditSeq(server);
    await refused(async () => (await as('klantmanager')).post(`/api/cases/${t.caseId}/vraagstukken/${id}/reopen`, { reason: 'Nieuwe feiten.' }), 403, 'GEEN_TOESTEMMING');
    const reopened = await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken/${id}/reopen`, { reason: 'Vader is verhuisd; de situatie is anders.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.decisions.map((d: any) => d.kind)).toEqual(['besloten', 'heropend']);
    expect((await auditRowsSince(server, seq)).map((r) => r.action)).toContain('vraagstuk.reopened');
    await refused(async () => (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken/${id}/reopen`, { reason: 'Nog eens.' }), 409, 'VRAAGSTUK_OPEN');
  });

  it('keeps the version of a local article it cited after the administrator replaces it', async () => {
    const admin = await as('beheer');
    const added = await admin.post('/api/catalogue/articles', {
      law: 'wmo',
      kind: 'hardheidsclausule',
      source: `Verordening Wmo testgemeente ${randomUUID().slice(0, 6)}`,
      ref: '12',
      title: 'Hardheidsclausule',
      body: 'Het college kan in bijzondere gevallen afwijken van deze verordening (eerste tekst).',
      validFrom: inDays(-30),
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const t = await table();
    const id = await signedWorkedExample(t);
    toggleEntry(t.writer.doc, id, 'artikelen', `lokaal:${added.body.id}`, true);
    await barrier(t.writer, [t.observer]);
    expect((await conclude(t, id)).status).toBe(200);
    const replaced = await admin.post(`/api/catalogue/articles/${added.body.id}/versions`, { body: 'Nieuwe tekst van de hardheidsclausule.', validFrom: inDays(-1) });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(201);
    const cited = (await (await as('wmo')).get(`/api/cases/${t.caseId}/vraagstukken/${id}`)).body.decisions.at(-1).basis.citations[0];
    expect(cited).toMatchObject({ key: `lokaal:${added.body.id}`, body: 'Het college kan in bijzondere gevallen afwijken van deze verordening (eerste tekst).', validFrom: inDays(-30) });

    // A second vraagstuk citing the replaced version is refused: cite the one in force.
    const v2 = await openVraagstuk(t, 'Tweede vraagstuk', ['wmo']);
    await write(t, v2.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v2.id, 'wmo', 'past', VERDICTS.wmo[2]);
    expect((await sign(t, v2.id, 'wmo', 'wmo')).status).toBe(200);
    await write(t, v2.id, 'besluit', MOTIVATION);
    toggleEntry(t.writer.doc, v2.id, 'artikelen', `lokaal:${added.body.id}`, true);
    await barrier(t.writer, [t.observer]);
    await refused(() => conclude(t, v2.id), 422, 'ARTIKEL_NIET_GELDEND');
  });
});

// ------------------------------------------------------------------ records and status

describe('records', () => {
  it('signatures and conclusions are append-only in the database', async () => {
    const t = await table();
    const id = await signedWorkedExample(t);
    expect((await conclude(t, id)).status).toBe(200);
    expect(await sqlError(execSql(server, "update verdict_signatures set verdict = 'past'"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from verdict_signatures'))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, "update vraagstuk_decisions set motivation = 'x'"))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from vraagstuk_decisions'))).toMatch(/append-only/);
  });

  it('a vraagstuk whose draft never reached the document (server stopped in between) gets its draft on the next read', async () => {
    const t = await table();
    const id = randomUUID();
    await execSql(server, 'insert into vraagstukken (id, case_id, title, created_by, created_at) values (?, ?, ?, ?, ?)', id, t.caseId, 'Half aangemaakt', uid('casusregisseur'), new Date().toISOString());
    expect(readVraagstukDraft(t.observer.doc, id)).toBeNull();
    const res = await (await as('ggz')).get(`/api/cases/${t.caseId}/vraagstukken/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.laws.map((l: any) => l.law)).toEqual(['wmo', 'jeugdwet', 'participatiewet']);
    await waitFor(async () => readVraagstukDraft(t.observer.doc, id) !== null);
  });

  it('a closed case is read-only for the reverse test (409), and a non-member gets 404 everywhere', async () => {
    const t = await table();
    const v = await openVraagstuk(t, 'Voor sluiten', ['participatiewet']);
    await write(t, v.id, 'oplossing', SOLUTION);
    await writeVerdict(t, v.id, 'participatiewet', 'past', 'Past bij de bedoeling van de Participatiewet.');
    const closed = await (await as('casusregisseur')).post(`/api/cases/${t.caseId}/close`, { borgingsafspraken: BORGING });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await refused(() => sign(t, v.id, 'klantmanager', 'participatiewet'), 409, 'CASUS_GESLOTEN');
    await refused(() => conclude(t, v.id), 409, 'CASUS_GESLOTEN');
    await refused(async () => (await as('casusregisseur')).post(`/api/cases/${t.caseId}/vraagstukken`, { title: 'Te laat' }), 409, 'CASUS_GESLOTEN');
    expect((await (await as('ggz')).get(`/api/cases/${t.caseId}/vraagstukken`)).status).toBe(200);
    for (const path of [`/api/cases/${t.caseId}/vraagstukken`, `/api/cases/${t.caseId}/vraagstukken/${v.id}`]) {
      expectError(await (await as('schuldhulp')).get(path), 404, 'CASUS_NIET_GEVONDEN');
    }
  });
});
