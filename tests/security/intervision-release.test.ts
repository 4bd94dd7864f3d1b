// Attack: seeing an intervision copy before its review is done. A begeleider prepares a copy
// whose plan still holds things only layer c flags (a bare first name, an insurer), adds a
// colleague, and the colleague tries every way in before the release: the session's API, its
// list, its room, publishing, stories. Everything is refused and writes nothing. The release
// itself is refused (409, in Dutch) while a flag is open; edits that put an identifier back are
// refused; after the release the colleague sees the copy as resolved, and nothing of what was
// replaced, in the API, the database or the room.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePlanDoc } from '../../server/plan/plan-doc';
import { readIntervisionDoc } from '../../shared/plan/intervision';
import { type ApiResponse, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError, expectRefusedWithoutWrites } from '../support/api';
import { addParagraph, connectSynced, destroyAll, rawUpgrade, verbeekLikeCase } from '../support/collab';
import { auditRowsSince, count, maxAuditSeq, queryRows } from '../support/db';
import { waitFor } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);
beforeAll(async () => {
  server = await startTestServer();
  for (const key of ['procesregisseur', 'jeugd', 'wmo']) await as(key);
});
afterAll(async () => {
  destroyAll();
  await server?.stop();
});

const PLAN = 'Moeder belt elke week. Kevin komt vaak langs en blijft soms slapen. De zorgverzekering loopt via Zilveren Kruis. Vader werkt 3 dagen.';
const FLAGGED = ['Kevin', 'Zilveren', 'Kruis'];

async function records() {
  return {
    audit: await maxAuditSeq(server),
    sessions: await queryRows(server, 'select id, title, content, review, released_at from intervision_sessions'),
    stories: await count(server, 'select count(*) as n from success_stories'),
    drafts: await count(server, 'select count(*) as n from story_drafts'),
    participants: await count(server, 'select count(*) as n from intervision_participants'),
  };
}

const refused = (make: () => Promise<ApiResponse>, status: number, code: string) => expectRefusedWithoutWrites(records, make, status, code);

describe('the release gate', () => {
  it('nobody but the begeleider sees anything before the release; the release waits for every flag', async () => {
    const caseId = await verbeekLikeCase(server, uid);
    await changePlanDoc(server.services, caseId, uid('casusregisseur'), (doc) => addParagraph(doc, PLAN, 'beeldvorming'));
    const pr = await as('procesregisseur');
    const created = await pr.post(`/api/cases/${caseId}/intervision`, {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = created.body;
    const base = `/api/intervision/${session.id}`;
    expect(session.releasedAt).toBeNull();
    expect(session.me.can).toEqual({ write: false, manageParticipants: true, close: false, publish: false, review: true });
    const flags = session.review.marks.filter((m: any) => m.resolution === 'open');
    expect(flags.map((m: any) => m.found)).toEqual(expect.arrayContaining(FLAGGED));
    expect(flags.every((m: any) => m.kind === 'verdacht' && m.layer === 'c')).toBe(true);
    expect(session.review.open).toBe(flags.length);
    // Every replacement is marked too (here: the number of working days is kept, "Vader"/"Moeder" are words).
    expect(session.review.fields.map((f: any) => f.path)).toContain('sections.0.text');

    // The begeleider may invite before the release; the guest sees nothing.
    expect((await pr.post(`${base}/participants`, { userId: uid('jeugd') })).status).toBe(201);
    const jeugd = await as('jeugd');
    await refused(() => jeugd.get(base), 409, 'NIET_VRIJGEGEVEN');
    await refused(() => jeugd.get(`${base}/stories`), 409, 'NIET_VRIJGEGEVEN');
    await refused(() => jeugd.post(`${base}/publish`, { kind: 'les', title: 'Les', body: 'Een les.' }), 409, 'NIET_VRIJGEGEVEN');
    await refused(() => jeugd.post(`${base}/review`, { resolutions: [{ markId: flags[0].id, resolution: 'behouden' }] }), 409, 'NIET_VRIJGEGEVEN');
    await refused(() => jeugd.post(`${base}/release`), 409, 'NIET_VRIJGEGEVEN');
    expect((await jeugd.get('/api/intervision')).body.map((s: any) => s.id)).not.toContain(session.id);
    await refused(async () => (await as('wmo')).get(base), 404, 'SESSIE_NIET_GEVONDEN');
    // The room does not exist before the release, for anyone.
    for (const key of ['jeugd', 'procesregisseur']) expect((await rawUpgrade(server, encodeURIComponent(session.room), { cookie: (await as(key)).cookie! })).status, key).toBe(404);
    // Nor can the begeleider use the session yet.
    await refused(() => pr.post(`${base}/publish`, { kind: 'les', title: 'Les', body: 'Een les.' }), 409, 'NIET_VRIJGEGEVEN');
    await refused(() => pr.post(`${base}/close`), 409, 'NIET_VRIJGEGEVEN');

    // The release is refused while a flag is open.
    const before = await records();
    const early = await pr.post(`${base}/release`);
    expectError(early, 409, 'OPEN_MARKERINGEN');
    expect(early.body.error.message).toMatch(/^Er (?:zijn|is) nog \d+ markering(?:en)? die u moet beoordelen voordat u de kopie vrijgeeft\.$/);
    expect(await records()).toEqual(before);

    // Resolutions that would put something back, or are no resolution at all, are refused.
    const replacement = session.review.marks.find((m: any) => m.kind === 'vervanging');
    if (replacement) await refused(() => pr.post(`${base}/review`, { resolutions: [{ markId: replacement.id, resolution: 'behouden' }] }), 422, 'ORIGINEEL_ONBEKEND');
    await refused(() => pr.post(`${base}/review`, { resolutions: [{ markId: 'm99999', resolution: 'behouden' }] }), 422, 'ONBEKENDE_MARKERING');
    await refused(() => pr.post(`${base}/review`, { resolutions: [{ markId: flags[0].id, resolution: 'bewerkt', text: 'buurman Kevin, 06-12345678' }] }), 422, 'BEWERKING_HERKENBAAR');
    await refused(() => pr.post(`${base}/review`, { resolutions: [{ markId: flags[0].id, resolution: 'bewerkt', text: 'Jansen' }] }), 422, 'BEWERKING_HERKENBAAR');

    // Resolving: the name becomes a placeholder, the insurer an edit, the rest is replaced; each call audited.
    const kevin = flags.find((m: any) => m.found === 'Kevin');
    const seq = await maxAuditSeq(server);
    const byId = (found: string) => flags.find((m: any) => m.found === found).id;
    const resolved = await pr.post(`${base}/review`, {
      resolutions: [
        { markId: kevin.id, resolution: 'vervangen', placeholder: '[naam]' },
        { markId: byId('Zilveren'), resolution: 'bewerkt', text: 'een zorgverzekeraar' },
        { markId: byId('Kruis'), resolution: 'vervangen', placeholder: '[weggelaten]' },
        ...flags.filter((m: any) => !FLAGGED.includes(m.found)).map((m: any) => ({ markId: m.id, resolution: 'behouden' })),
      ],
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.review.open).toBe(0);
    const text = resolved.body.copy.sections.find((s: any) => s.key === 'beeldvorming').text;
    expect(text).toContain('[naam] komt vaak langs');
    expect(text).toContain('via een zorgverzekeraar [weggelaten].');
    expect((await auditRowsSince(server, seq)).map((r) => [r.action, r.case_id])).toEqual([['intervision.review_resolved', null]]);

    const seqRelease = await maxAuditSeq(server);
    const released = await pr.post(`${base}/release`);
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.releasedAt).toEqual(expect.any(String));
    expect((await auditRowsSince(server, seqRelease)).map((r) => [r.action, JSON.parse(r.detail).sessionId])).toEqual([['intervision.released', session.id]]);
    await refused(() => pr.post(`${base}/release`), 409, 'AL_VRIJGEGEVEN');
    await refused(() => pr.post(`${base}/review`, { resolutions: [{ markId: kevin.id, resolution: 'behouden' }] }), 409, 'AL_VRIJGEGEVEN');

    // Now the colleague sees the copy as resolved, and the room opens with it.
    const seen = await jeugd.get(base);
    expect(seen.status).toBe(200);
    expect(seen.body.review).toBeNull();
    expect((await jeugd.get('/api/intervision')).body.map((s: any) => s.id)).toContain(session.id);
    const conn = await connectSynced(server, jeugd, session.room);
    await waitFor(async () => readIntervisionDoc(conn.doc).copy.beeldvorming.length > 0);
    const everything = [JSON.stringify(seen.body), JSON.stringify(readIntervisionDoc(conn.doc))];
    everything.push(JSON.stringify(await queryRows(server, 'select * from intervision_sessions where id = ?', session.id)));
    for (const t of everything) for (const f of FLAGGED) expect(t, f).not.toContain(f);
  });
});
