// The municipality's own catalogue through the API: reading the catalogue on a date, the
// administrator adding, rewording and ending local articles (immutable versions, history kept),
// who answers for which law, every refusal with its status and code (and nothing written), the
// audit row of every write, and resolving citations, also of a version that was replaced since.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawResponsibleRoles } from '../../db/queries/catalogue';
import { resolveCitation } from '../../server/catalogue/citations';
import { todayNl } from '../../server/dates';
import { CATALOGUE_VERSION, DEVIATION_ROUTES, LAW_KEYS, LAWS } from '../../shared/laws';
import { Catalogue, Citation, citationKeyOf, LocalArticleRecord } from '../../shared/schemas';
import { ApiClient, loginCache, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { auditRowsSince, count, execSql, maxAuditSeq, queryRow, queryRows, sqlError, userId } from '../support/db';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const as = loginCache(() => server);
const IP = '127.0.0.1';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const inDays = (n: number) => addDays(todayNl(), n);

/** A Wmo hardheidsclausule with a unique title, effective from today. */
function article(overrides: Record<string, unknown> = {}) {
  return {
    law: 'wmo',
    kind: 'hardheidsclausule',
    source: 'Verordening maatschappelijke ondersteuning Zuiderhaven 2025',
    ref: '2.9',
    title: `Afwijken bij mantelzorg (${randomUUID().slice(0, 8)})`,
    body: 'Het college kan afwijken van de verordening als de mantelzorger anders overbelast raakt.',
    validFrom: todayNl(),
    ...overrides,
  };
}

async function snapshot() {
  return {
    articles: await count(server, 'select count(*) as n from local_articles'),
    responsibilities: await queryRows(server, 'select * from law_responsibilities order by law'),
    auditSeq: await maxAuditSeq(server),
  };
}

async function add(overrides: Record<string, unknown> = {}): Promise<LocalArticleRecord> {
  const res = await (await as('beheer')).post('/api/catalogue/articles', article(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function catalogue(date?: string): Promise<Catalogue> {
  const res = await (await as('klantmanager')).get(`/api/catalogue${date ? `?date=${date}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const localOf = (c: Catalogue, law: string) => c.laws.find((l) => l.key === law)!.local;

// ------------------------------------------------------------------ reading

describe('GET /api/catalogue', () => {
  it('gives every law with purpose, default responsible role, articles with citation keys, the routes and the version; today by default', async () => {
    const c = await catalogue();
    expect(Catalogue.parse(c)).toEqual(c);
    expect(c.version).toBe(CATALOGUE_VERSION);
    expect(c.date).toBe(todayNl());
    expect(c.routes).toEqual(DEVIATION_ROUTES.map((r) => ({ key: r.key, label: r.label })));
    expect(c.laws.map((l) => l.key)).toEqual([...LAW_KEYS]);
    const pwet = c.laws.find((l) => l.key === 'participatiewet')!;
    expect(pwet.purpose).toBe(LAWS.find((l) => l.key === 'participatiewet')!.purpose);
    expect(pwet.responsibleRole).toBe('klantmanager_pw');
    expect(pwet.articles).toContainEqual({ ref: '18 lid 1', title: 'Afstemming van de bijstand op de omstandigheden', citationKey: 'wet:participatiewet:18 lid 1' });
    expect(c.laws.find((l) => l.key === 'awb')!.responsibleRole).toBeNull();
  });

  it('is readable for everyone logged in, also external partners and residents', async () => {
    for (const key of ['ggz', 'inwoner', 'teamleider', 'beheer']) {
      expect((await (await as(key)).get('/api/catalogue')).status, key).toBe(200);
    }
  });

  it('shows the seeded local articles in effect on the date: the newer Wmo wording today, the older one before it took effect, none before either', async () => {
    const now = localOf(await catalogue(), 'wmo').filter((a) => a.ref === '2.8');
    expect(now).toHaveLength(1);
    expect(now[0]!.validFrom).toBe('2026-07-01');
    expect(now[0]!.body).toContain('mantelzorger');
    expect(now[0]!.citationKey).toBe(`lokaal:${now[0]!.id}`);

    const before = localOf(await catalogue('2025-06-01'), 'wmo').filter((a) => a.ref === '2.8');
    expect(before).toHaveLength(1);
    expect(before[0]!.validFrom).toBe('2025-01-01');
    expect(now[0]!.replacesId).toBe(before[0]!.id);

    // The day before the new wording still has the old one; that day itself the new one.
    expect(localOf(await catalogue('2026-06-30'), 'wmo').find((a) => a.ref === '2.8')!.id).toBe(before[0]!.id);
    expect(localOf(await catalogue('2026-07-01'), 'wmo').find((a) => a.ref === '2.8')!.id).toBe(now[0]!.id);
    expect(localOf(await catalogue('2024-12-31'), 'wmo')).toEqual([]);
    // The kostendelersnorm rule only from 2026.
    expect(localOf(await catalogue('2025-12-31'), 'participatiewet')).toEqual([]);
    expect(localOf(await catalogue('2026-01-01'), 'participatiewet').map((a) => a.ref)).toEqual(['4.3']);
  });

  it.each([
    ['a date that does not exist', '2026-02-30'],
    ['no date at all', 'morgen'],
    ['a date with a time', '2026-01-01T00:00'],
  ])('refuses %s (400)', async (_name, date) => {
    expectError(await (await as('klantmanager')).get(`/api/catalogue?date=${encodeURIComponent(date)}`), 400, 'ONGELDIGE_INVOER');
  });

  it('without a session: 401', async () => {
    expectError(await new ApiClient(server.url).get('/api/catalogue'), 401, 'NIET_INGELOGD');
  });
});

// ------------------------------------------------------------------ the administrator's list

describe('GET /api/catalogue/articles', () => {
  it('lists every version with its history, who recorded it and whether it is current', async () => {
    const res = await (await as('beheer')).get('/api/catalogue/articles');
    expect(res.status).toBe(200);
    const rows = res.body as LocalArticleRecord[];
    for (const r of rows) expect(LocalArticleRecord.parse(r)).toEqual(r);
    const wmo = rows.filter((r) => r.law === 'wmo' && r.ref === '2.8');
    expect(wmo.map((r) => [r.validFrom, r.status, r.current, r.change])).toEqual([
      ['2025-01-01', 'vervangen', false, 'toegevoegd'],
      ['2026-07-01', 'geldend', true, 'nieuwe_tekst'],
    ]);
    expect(wmo[0]!.replacedBy).toEqual({ id: wmo[1]!.id, validFrom: '2026-07-01' });
    expect(wmo[1]!.replacedBy).toBeNull();
    expect(wmo[0]!.chainId).toBe(wmo[0]!.id);
    expect(wmo[1]!.chainId).toBe(wmo[0]!.id);
    expect(wmo[0]!.createdBy).toEqual({ id: userId(server, 'beheer'), name: 'Tom Kuipers' });
    // Laws in catalogue order.
    const order = rows.map((r) => LAW_KEYS.indexOf(r.law));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it.each(['klantmanager', 'procesregisseur', 'wethouder', 'ggz', 'inwoner'])('%s may not list them (403)', async (key) => {
    expectError(await (await as(key)).get('/api/catalogue/articles'), 403, 'GEEN_TOESTEMMING');
  });

  it('without a session: 401', async () => {
    expectError(await new ApiClient(server.url).get('/api/catalogue/articles'), 401, 'NIET_INGELOGD');
  });
});

// ------------------------------------------------------------------ adding

describe('POST /api/catalogue/articles', () => {
  it('adds a current article, audited in the same transaction, and it appears in the catalogue', async () => {
    const seq = await maxAuditSeq(server);
    const validUntil = inDays(365);
    const body = article({ validUntil });
    const res = await (await as('beheer')).post('/api/catalogue/articles', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ ...body, replacesId: null, status: 'geldend', current: true, change: 'toegevoegd', replacedBy: null, createdBy: { name: 'Tom Kuipers' } });
    expect(res.body.chainId).toBe(res.body.id);

    const rows = await auditRowsSince(server, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'catalogue.article_added', actor_user_id: userId(server, 'beheer'), case_id: null, ip: IP });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ articleId: res.body.id, law: 'wmo', kind: 'hardheidsclausule', ref: '2.9', validFrom: body.validFrom, validUntil });

    expect(localOf(await catalogue(), 'wmo').map((a) => a.id)).toContain(res.body.id);
    expect(localOf(await catalogue(inDays(366)), 'wmo').map((a) => a.id)).not.toContain(res.body.id);
  });

  it('an article from a later date is listed as not yet in effect, and is not in today’s catalogue', async () => {
    const a = await add({ validFrom: inDays(30) });
    expect(a).toMatchObject({ status: 'toekomstig', current: false });
    expect(localOf(await catalogue(), 'wmo').map((x) => x.id)).not.toContain(a.id);
    expect(localOf(await catalogue(inDays(30)), 'wmo').map((x) => x.id)).toContain(a.id);
  });

  it.each([
    ['an unknown law', { law: 'belastingwet' }],
    ['an unknown kind', { kind: 'circulaire' }],
    ['an end date before the start date', { validFrom: '2026-05-01', validUntil: '2026-04-30' }],
    ['a start date that does not exist', { validFrom: '2026-02-29' }],
    ['an end date that does not exist', { validUntil: '2027-13-01' }],
    ['an empty text', { body: '   ' }],
    ['no title', { title: undefined }],
    ['an unknown field', { replacesId: 'x' }],
  ])('refuses %s (400 ONGELDIGE_INVOER), nothing written', async (_name, overrides) => {
    const before = await snapshot();
    const res = await (await as('beheer')).post('/api/catalogue/articles', article(overrides));
    expectError(res, 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });

  it('the end-before-start refusal is in Dutch and names the field', async () => {
    const res = await (await as('beheer')).post('/api/catalogue/articles', article({ validFrom: '2026-05-01', validUntil: '2026-04-30' }));
    expect(res.body.error.message).toBe('Geldig tot en met: De einddatum ligt vóór de ingangsdatum.');
  });

  it.each(['klantmanager', 'wmo', 'procesregisseur', 'teamleider', 'wethouder', 'ggz', 'inwoner'])('%s may not add an article (403), nothing written', async (key) => {
    const client = await as(key);
    const before = await snapshot();
    const res = await client.post('/api/catalogue/articles', article());
    expectError(res, 403, 'GEEN_TOESTEMMING');
    expect(res.body.error.message).toContain('functioneel beheerder');
    expect(await snapshot()).toEqual(before);
  });

  it('without a session: 401, nothing written', async () => {
    const before = await snapshot();
    expectError(await new ApiClient(server.url).post('/api/catalogue/articles', article()), 401, 'NIET_INGELOGD');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ new wordings

describe('POST /api/catalogue/articles/{articleId}/versions', () => {
  it('a new wording replaces the old one from its own date; the old row stays unchanged as history; audited', async () => {
    const old = await add({ validFrom: inDays(-100) });
    const oldRow = await queryRow(server, 'select * from local_articles where id = ?', old.id);
    const seq = await maxAuditSeq(server);
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Nieuwe tekst van de hardheidsclausule.', validFrom: inDays(10) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const next = res.body as LocalArticleRecord;
    // Kind, source, ref and title are taken over from the replaced version.
    expect(next).toMatchObject({ law: 'wmo', kind: old.kind, source: old.source, ref: old.ref, title: old.title, replacesId: old.id, chainId: old.id, change: 'nieuwe_tekst', status: 'toekomstig' });
    expect(await queryRow(server, 'select * from local_articles where id = ?', old.id)).toEqual(oldRow);

    const rows = await auditRowsSince(server, seq);
    expect(rows.map((r) => r.action)).toEqual(['catalogue.article_replaced']);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ articleId: next.id, replacesId: old.id, validFrom: inDays(10) });

    // Until the new date the old wording applies; from then the new one.
    expect(localOf(await catalogue(), 'wmo').map((a) => a.id)).toContain(old.id);
    expect(localOf(await catalogue(inDays(9)), 'wmo').map((a) => a.id)).toContain(old.id);
    const later = localOf(await catalogue(inDays(10)), 'wmo').map((a) => a.id);
    expect(later).toContain(next.id);
    expect(later).not.toContain(old.id);

    const list = ((await (await as('beheer')).get('/api/catalogue/articles')).body as LocalArticleRecord[]).filter((r) => r.chainId === old.id);
    expect(list.map((r) => [r.id, r.status])).toEqual([
      [old.id, 'geldend'],
      [next.id, 'toekomstig'],
    ]);
    expect(list[0]!.replacedBy).toEqual({ id: next.id, validFrom: inDays(10) });
  });

  it('may change the title and reference too', async () => {
    const old = await add({ validFrom: inDays(-10) });
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { ref: '2.10', title: 'Hernummerd', body: 'Tekst.', validFrom: todayNl() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ref: '2.10', title: 'Hernummerd', status: 'geldend' });
    expect((await (await as('beheer')).get('/api/catalogue/articles')).body.find((r: LocalArticleRecord) => r.id === old.id).status).toBe('vervangen');
  });

  it('refuses a start date that is not after the replaced version’s (422), nothing written', async () => {
    const old = await add({ validFrom: '2026-03-01' });
    for (const validFrom of ['2026-03-01', '2026-02-28']) {
      const before = await snapshot();
      const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Tekst.', validFrom });
      expectError(res, 422, 'INGANG_NIET_NA_VORIGE');
      expect(res.body.error.message).toBe('Een nieuwe tekst gaat in na de ingangsdatum van de versie die hij vervangt (1 maart 2026).');
      expect(await snapshot()).toEqual(before);
    }
  });

  it('refuses to replace a version that was already replaced (409): only the latest version can change', async () => {
    const old = await add({ validFrom: inDays(-5) });
    expect((await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Tweede tekst.', validFrom: inDays(5) })).status).toBe(201);
    const before = await snapshot();
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Derde tekst.', validFrom: inDays(6) });
    expectError(res, 409, 'AL_VERVANGEN');
    expect(await snapshot()).toEqual(before);
    // Ending it is refused the same way.
    expectError(await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: inDays(20) }), 409, 'AL_VERVANGEN');
    expect(await snapshot()).toEqual(before);
  });

  it('two administrators replacing the same version at once: one wins, the other gets 409', async () => {
    const old = await add({ validFrom: inDays(-5) });
    const admin = await as('beheer');
    const results = await Promise.all([1, 2, 3].map((n) => admin.post(`/api/catalogue/articles/${old.id}/versions`, { body: `Tekst ${n}.`, validFrom: inDays(n) })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await count(server, 'select count(*) as n from local_articles where replaces_id = ?', old.id)).toBe(1);
  });

  it.each([
    ['an unknown article', () => `/api/catalogue/articles/${randomUUID()}/versions`, { body: 'Tekst.', validFrom: '2030-01-01' }, 404, 'ARTIKEL_NIET_GEVONDEN'],
    ['no new text', (id: string) => `/api/catalogue/articles/${id}/versions`, { validFrom: '2030-01-01' }, 400, 'ONGELDIGE_INVOER'],
    ['a different law', (id: string) => `/api/catalogue/articles/${id}/versions`, { law: 'jeugdwet', body: 'Tekst.', validFrom: '2030-01-01' }, 400, 'ONGELDIGE_INVOER'],
    ['an end before its start', (id: string) => `/api/catalogue/articles/${id}/versions`, { body: 'Tekst.', validFrom: '2030-01-01', validUntil: '2029-12-31' }, 400, 'ONGELDIGE_INVOER'],
    ['a start date that does not exist', (id: string) => `/api/catalogue/articles/${id}/versions`, { body: 'Tekst.', validFrom: '2030-02-30' }, 400, 'ONGELDIGE_INVOER'],
  ])('refuses %s, nothing written', async (_name, url, body, status, code) => {
    const old = await add();
    const before = await snapshot();
    expectError(await (await as('beheer')).post(url(old.id), body), status, code);
    expect(await snapshot()).toEqual(before);
  });

  it('a non-administrator may not reword (403); without a session 401', async () => {
    const old = await add();
    const wmo = await as('wmo');
    const before = await snapshot();
    expectError(await wmo.post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Tekst.', validFrom: inDays(1) }), 403, 'GEEN_TOESTEMMING');
    expectError(await new ApiClient(server.url).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'Tekst.', validFrom: inDays(1) }), 401, 'NIET_INGELOGD');
    expect(await snapshot()).toEqual(before);
  });
});

// ------------------------------------------------------------------ ending

describe('POST /api/catalogue/articles/{articleId}/end', () => {
  it('records the same wording with an end date; after that date the article is gone, before it still there; audited', async () => {
    const old = await add({ validFrom: '2026-01-01' });
    const seq = await maxAuditSeq(server);
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: inDays(7) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ended = res.body as LocalArticleRecord;
    expect(ended).toMatchObject({ body: old.body, title: old.title, ref: old.ref, validFrom: '2026-01-01', validUntil: inDays(7), replacesId: old.id, change: 'einddatum', status: 'geldend' });
    expect((await auditRowsSince(server, seq)).map((r) => r.action)).toEqual(['catalogue.article_ended']);
    expect(JSON.parse((await auditRowsSince(server, seq))[0]!.detail)).toMatchObject({ articleId: ended.id, replacesId: old.id, validUntil: inDays(7), previousValidUntil: null });

    // The ended version takes over on every date, with the same wording; the old row is history.
    expect(localOf(await catalogue('2026-01-01'), 'wmo').map((a) => a.id)).toContain(ended.id);
    expect(localOf(await catalogue('2026-01-01'), 'wmo').map((a) => a.id)).not.toContain(old.id);
    expect(localOf(await catalogue(inDays(7)), 'wmo').map((a) => a.id)).toContain(ended.id);
    expect(localOf(await catalogue(inDays(8)), 'wmo').filter((a) => [old.id, ended.id].includes(a.id))).toEqual([]);
    const list = ((await (await as('beheer')).get('/api/catalogue/articles')).body as LocalArticleRecord[]).filter((r) => r.chainId === old.id);
    expect(list.map((r) => [r.change, r.status])).toEqual([
      ['toegevoegd', 'vervangen'],
      ['einddatum', 'geldend'],
    ]);
  });

  it('an end date in the past makes the article lapse (vervallen) at once', async () => {
    const old = await add({ validFrom: '2025-01-01' });
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: '2025-12-31' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'vervallen', current: false });
    expect(localOf(await catalogue(), 'wmo').map((a) => a.id)).not.toContain(res.body.id);
  });

  it('refuses an end date before the version’s start (422) and the end date it already has (422), nothing written', async () => {
    const old = await add({ validFrom: '2026-03-01', validUntil: '2026-12-31' });
    let before = await snapshot();
    const res = await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: '2026-02-28' });
    expectError(res, 422, 'EINDE_VOOR_INGANG');
    expect(res.body.error.message).toBe('De einddatum ligt vóór de ingangsdatum van deze versie (1 maart 2026).');
    expect(await snapshot()).toEqual(before);
    before = await snapshot();
    expectError(await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: '2026-12-31' }), 422, 'NIETS_GEWIJZIGD');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['no end date', {}],
    ['a date that does not exist', { validUntil: '2026-04-31' }],
    ['an unknown field', { validUntil: '2030-01-01', reason: 'x' }],
  ])('refuses %s (400)', async (_name, body) => {
    const old = await add();
    const before = await snapshot();
    expectError(await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/end`, body), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });

  it('a non-administrator may not end an article (403); an unknown article is 404', async () => {
    const old = await add();
    expectError(await (await as('procesregisseur')).post(`/api/catalogue/articles/${old.id}/end`, { validUntil: inDays(1) }), 403, 'GEEN_TOESTEMMING');
    expectError(await (await as('beheer')).post(`/api/catalogue/articles/${randomUUID()}/end`, { validUntil: inDays(1) }), 404, 'ARTIKEL_NIET_GEVONDEN');
  });
});

// ------------------------------------------------------------------ the database keeps rows immutable

describe('local_articles is append-only', () => {
  it('the database refuses UPDATE and DELETE', async () => {
    const a = await add();
    expect(await sqlError(execSql(server, "update local_articles set body = 'x' where id = ?", a.id))).toMatch(/append-only/);
    expect(await sqlError(execSql(server, 'delete from local_articles where id = ?', a.id))).toMatch(/append-only/);
  });
});

// ------------------------------------------------------------------ who answers for which law

describe('PUT /api/catalogue/responsibilities/{law}', () => {
  it('sets the role that gives a law’s verdict; the catalogue and lawResponsibleRoles follow; audited with the previous role', async () => {
    const admin = await as('beheer');
    const seq = await maxAuditSeq(server);
    const res = await admin.put('/api/catalogue/responsibilities/inburgering', { caseRole: 'casusregisseur' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ law: 'inburgering', caseRole: 'casusregisseur' });
    expect((await catalogue()).laws.find((l) => l.key === 'inburgering')!.responsibleRole).toBe('casusregisseur');
    expect((await lawResponsibleRoles(server.db)).inburgering).toBe('casusregisseur');

    const rows = await auditRowsSince(server, seq);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'catalogue.responsibility_set', actor_user_id: userId(server, 'beheer'), ip: IP });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ law: 'inburgering', caseRole: 'casusregisseur', previous: 'consulent_inburgering' });

    // Nobody (null), then back to the default role.
    expect((await admin.put('/api/catalogue/responsibilities/inburgering', { caseRole: null })).body).toEqual({ law: 'inburgering', caseRole: null });
    expect((await lawResponsibleRoles(server.db)).inburgering).toBeNull();
    expect((await admin.put('/api/catalogue/responsibilities/inburgering', { caseRole: 'consulent_inburgering' })).status).toBe(200);
    expect(await count(server, "select count(*) as n from law_responsibilities where law = 'inburgering'")).toBe(1);
    expect(await lawResponsibleRoles(server.db)).toEqual(Object.fromEntries(LAWS.map((l) => [l.key, l.responsibleRole])));
  });

  it.each([
    ['an external partner', { caseRole: 'extern_partner' }],
    ['the household', { caseRole: 'inwoner' }],
    ['the mandate holder', { caseRole: 'mandaathouder' }],
    ['an unknown role', { caseRole: 'wethouder' }],
    ['no role given', {}],
    ['an unknown field', { caseRole: null, law: 'wmo' }],
  ])('refuses %s (400), nothing written', async (_name, body) => {
    const before = await snapshot();
    expectError(await (await as('beheer')).put('/api/catalogue/responsibilities/wmo', body), 400, 'ONGELDIGE_INVOER');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown law (400)', async () => {
    expectError(await (await as('beheer')).put('/api/catalogue/responsibilities/belastingwet', { caseRole: null }), 400, 'ONGELDIGE_INVOER');
  });

  it.each(['wmo', 'procesregisseur', 'teamleider', 'inwoner'])('%s may not set it (403), nothing written', async (key) => {
    const client = await as(key);
    const before = await snapshot();
    expectError(await client.put('/api/catalogue/responsibilities/wmo', { caseRole: 'procesregisseur' }), 403, 'GEEN_TOESTEMMING');
    expect(await snapshot()).toEqual(before);
  });

  it('without a session: 401', async () => {
    expectError(await new ApiClient(server.url).put('/api/catalogue/responsibilities/wmo', { caseRole: null }), 401, 'NIET_INGELOGD');
  });
});

// ------------------------------------------------------------------ citations

describe('resolveCitation', () => {
  it('resolves a built-in article with the catalogue version', async () => {
    const c = await resolveCitation(server.db, 'wet:participatiewet:18 lid 1');
    expect(c).toEqual({
      key: 'wet:participatiewet:18 lid 1',
      law: 'participatiewet',
      ref: '18 lid 1',
      title: 'Afstemming van de bijstand op de omstandigheden',
      source: 'Participatiewet',
      kind: 'wet',
      body: null,
      validFrom: null,
      validUntil: null,
      catalogueVersion: CATALOGUE_VERSION,
    });
    expect(Citation.parse(c)).toEqual(c);
    // Refs may contain colons.
    expect(await resolveCitation(server.db, citationKeyOf.wet('awb', '3:4 lid 2'))).toMatchObject({ law: 'awb', ref: '3:4 lid 2', source: 'Algemene wet bestuursrecht' });
  });

  it('resolves a local article to that exact version, also after it was replaced', async () => {
    const old = await add({ validFrom: inDays(-30), body: 'De oorspronkelijke tekst.' });
    const next = (await (await as('beheer')).post(`/api/catalogue/articles/${old.id}/versions`, { body: 'De nieuwe tekst.', validFrom: todayNl() })).body as LocalArticleRecord;
    const c = await resolveCitation(server.db, citationKeyOf.lokaal(old.id));
    expect(c).toEqual({
      key: `lokaal:${old.id}`,
      law: 'wmo',
      ref: old.ref,
      title: old.title,
      source: old.source,
      kind: 'hardheidsclausule',
      body: 'De oorspronkelijke tekst.',
      validFrom: inDays(-30),
      validUntil: null,
      catalogueVersion: null,
    });
    expect(Citation.parse(c)).toEqual(c);
    expect((await resolveCitation(server.db, `lokaal:${next.id}`))?.body).toBe('De nieuwe tekst.');
  });

  it.each([
    'wet:participatiewet:99',
    'wet:belastingwet:1',
    'wet:wmo',
    'wet::2.3.5',
    `lokaal:${randomUUID()}`,
    'lokaal:',
    'participatiewet:18 lid 1',
    '',
  ])('returns null for %j', async (key) => {
    expect(await resolveCitation(server.db, key)).toBeNull();
  });
});

// ------------------------------------------------------------------ the OpenAPI document

describe('the OpenAPI document', () => {
  it('documents the catalogue routes with strict request bodies', async () => {
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/catalogue'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/catalogue/articles']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/catalogue/articles/{articleId}/versions'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/catalogue/articles/{articleId}/end'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/catalogue/responsibilities/{law}'])).toEqual(['put']);
    for (const name of ['AddLocalArticleRequest', 'ReplaceLocalArticleRequest', 'EndLocalArticleRequest', 'SetLawResponsibilityRequest']) {
      expect(doc.components.schemas[name].additionalProperties, name).toBe(false);
    }
    expect(doc.paths['/api/catalogue'].get.parameters).toContainEqual(expect.objectContaining({ name: 'date', in: 'query' }));
  });
});
