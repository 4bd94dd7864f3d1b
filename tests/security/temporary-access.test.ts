// Attack (issue 10, class 2): a mandate holder with temporary access to a case, because a
// breakthrough request waits for her decision, tries every write the API offers.
//
// The wethouder (demo account, not at this table) holds temporary access through three
// requests routed to her. The test walks EVERY mutating operation (POST/PUT/PATCH/DELETE) under
// /api/cases/{id} of the OpenAPI document, so a route added later is attacked too, with real
// ids in the path (a pending internal deviation, an approved one, a goal and its action, a
// vraagstuk, a running conference and its guest, her own requests and someone else's) and a
// body that passes validation, so that a refusal is about her rights and not about the input.
// Everything must be refused and write nothing; only the decisions on her own requests succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomAccess } from '../../server/collab/room-access';
import { ROOM_KINDS } from '../../server/room-kinds';
import { findUserById } from '../../db/queries/users';
import { INTERN_NOTES } from '../../shared/plan/doc';
import { conferenceRoomName, parseRoomName, roomName } from '../../shared/plan/rooms';
import { ApiClient, demoAccounts, startTestServer, type TestServer } from '../support/server';
import { expectError } from '../support/api';
import { addParagraph, barrier, connectSynced, destroyAll, updateRows, verbeekLikeCase, waitForText } from '../support/collab';
import { count, maxAuditSeq, queryRow, queryRows } from '../support/db';
import { breakthroughBody } from '../support/fixtures';
import { inDays, today } from '../support/time';

let server: TestServer;
const { as, uid } = demoAccounts(() => server);

/** The ids of the records the walk puts in the path. */
const ids = {
  caseId: '',
  pendingInternal: '',
  approved: '',
  goalId: '',
  actionId: '',
  vraagstukId: '',
  conferenceId: '',
  guestId: '',
  /** Routed to her; her grant covers them. One per kind of decision. */
  own: { grant: '', refuse: '', return: '' },
  /** Routed to the teamleider, a member. */
  other: '',
  /** Routed to her while she sat at the table, so no grant covers it: not hers to decide now. */
  ungranted: '',
};

async function ok(res: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

beforeAll(async () => {
  server = await startTestServer();
  const caseId = await verbeekLikeCase(server, uid);
  ids.caseId = caseId;
  const base = `/api/cases/${caseId}`;
  const pr = await as('procesregisseur');
  const cr = await as('casusregisseur');
  const km = await as('klantmanager');

  await ok(cr.post(`${base}/plan/versions`, {}), 201);
  const goal = await ok(
    cr.post(`${base}/goals`, { text: 'Rust in huis voor moeder en de kinderen', lifeDomain: 'geestelijke_gezondheid', legitimationWaiver: 'Een afspraak binnen het gezin zelf.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(90) }),
    201,
  );
  ids.goalId = goal.id;
  const withAction = await ok(cr.post(`${base}/goals/${goal.id}/actions`, { text: 'Afspraak bij de huisarts maken.', owner: { type: 'household', name: 'moeder' }, dueDate: inDays(14) }), 201);
  ids.actionId = String(withAction.actions[0].id);

  const deviation = (internal: boolean) => ({
    law: 'participatiewet',
    rule: 'Participatiewet art. 3 (gezamenlijke huishouding)',
    route: 'awb_4_84',
    willDo: 'Vader blijft betrokken bij de zorg voor de kinderen.',
    willNotDo: 'Het vermoeden van een gezamenlijke huishouding niet actief oppakken.',
    reasoning: 'Vader brengt stabiliteit; een onderzoek zou die betrokkenheid nu beëindigen.',
    startDate: today(),
    endDate: inDays(120),
    reviewDate: inDays(60),
    internal,
  });
  ids.pendingInternal = (await ok(km.post(`${base}/deviations`, deviation(true)), 201)).id;
  ids.approved = (await ok(km.post(`${base}/deviations`, deviation(false)), 201)).id;
  await ok((await as('teamleider')).post(`${base}/deviations/${ids.approved}/approve`, {}));

  ids.vraagstukId = (await ok(cr.post(`${base}/vraagstukken`, { title: 'Huishoudelijke hulp terwijl vader er vaak is', laws: ['wmo'] }), 201)).id;
  ids.conferenceId = (await ok(cr.post(`${base}/conferences`, {}), 201)).id;
  const guest = await ok(cr.post(`${base}/conferences/${ids.conferenceId}/attendance/guests`, { name: 'Petra Jansen', role: 'Wijkagent' }), 201);
  ids.guestId = String(guest.attendance.guests[0].id);

  // A flag and a lead exist, so clearing and handing back are refused for who she is, not for "nothing to clear".
  await ok((await as('ggz')).post(`${base}/stuck-flag`, { reason: 'Iedereen wacht op iedereen in dit gezin.' }));
  await ok(pr.post(`${base}/lead`, { note: 'Ik neem de regie tot de doorbraak er is.' }));

  // A request routed to her while she was a member (no grant), then she leaves the table.
  await ok(pr.post(`${base}/members`, { userId: uid('wethouder'), caseRole: 'mandaathouder', access: 'read' }), 201);
  ids.ungranted = (await ok(pr.post(`${base}/breakthroughs`, breakthroughBody(uid('wethouder'), { kind: 'wet', amountCents: 0 })), 201)).id;
  await ok(pr.delete(`${base}/members/${uid('wethouder')}`));
  for (const kind of ['grant', 'refuse', 'return'] as const) {
    ids.own[kind] = (await ok(pr.post(`${base}/breakthroughs`, breakthroughBody(uid('wethouder'), { kind: 'wet', amountCents: 0 })), 201)).id;
  }
  ids.other = (await ok(pr.post(`${base}/breakthroughs`, breakthroughBody(uid('teamleider'))), 201)).id;
  const grants = await queryRows(server, 'select request_id from temporary_access where case_id = ? and user_id = ? and ended_at is null', caseId, uid('wethouder')) as { request_id: string }[];
  expect(grants.map((g) => g.request_id).sort()).toEqual(Object.values(ids.own).sort());
});

afterAll(async () => {
  destroyAll();
  await server?.stop();
});

// ------------------------------------------------------------------ the OpenAPI walk

interface Param {
  name: string;
  in: 'path' | 'query';
}
type Schema = Record<string, any>;
type Doc = { paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

const DECISIONS = ['grant', 'refuse', 'return'] as const;
const decisionOf = (path: string) => DECISIONS.find((d) => path === `/api/cases/{id}/breakthroughs/{requestId}/${d}`);

/** Real values for every path parameter: each one a record that exists in this case. */
function pathValues(name: string, path: string): string[] {
  switch (name) {
    case 'id':
      return [ids.caseId];
    case 'userId':
      return [uid('wmo')];
    case 'deviationId':
      // The attack of the issue: approve the pending internal one, revoke the approved one.
      return [ids.pendingInternal, ids.approved];
    case 'goalId':
      return [ids.goalId];
    case 'actionId':
      return [ids.actionId];
    case 'vraagstukId':
      return [ids.vraagstukId];
    case 'conferenceId':
      return [ids.conferenceId];
    case 'guestId':
      return [ids.guestId];
    case 'number':
      return ['1'];
    case 'requestId':
      // Her own requests are decided at the end (they must succeed); here only what is not hers to decide.
      return decisionOf(path) ? [ids.other, ids.ungranted] : [ids.own.grant, ids.other];
    default:
      throw new Error(`Onbekende padparameter {${name}} in ${path}: geef de test een echte waarde voor deze parameter.`);
  }
}

function expand(path: string, params: Param[]): string[] {
  let paths = [path];
  for (const p of params.filter((x) => x.in === 'path')) {
    paths = paths.flatMap((x) => pathValues(p.name, path).map((v) => x.replace(`{${p.name}}`, encodeURIComponent(v))));
  }
  return paths;
}

const LONG_TEXT = 'Een tekst van de aanvaller die lang genoeg is voor elk minimum in het schema van deze route.';

/** A value that passes the schema (a valid body), built from the OpenAPI document itself. */
function sample(doc: Doc, schema: Schema | undefined, name = ''): unknown {
  if (!schema) return undefined;
  if (schema.$ref) return sample(doc, doc.components.schemas[String(schema.$ref).split('/').pop()!], name);
  if (schema.const !== undefined) return schema.const;
  if (schema.oneOf || schema.anyOf) return sample(doc, (schema.oneOf ?? schema.anyOf)[0], name);
  if (schema.enum) return schema.enum.find((v: unknown) => v !== null);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      // The required fields; a change with nothing required (PATCH) changes its first field.
      const keys: string[] = schema.required?.length ? schema.required : Object.keys(schema.properties ?? {}).slice(0, 1);
      return Object.fromEntries(keys.map((key) => [key, sample(doc, schema.properties?.[key], key)]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(doc, schema.items, name));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'string': {
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return inDays(30);
      if (schema.pattern) return 'agenda-1';
      // Ids in a body point at real records, as in the path.
      if (name === 'userId' || name === 'assigneeId') return uid('wmo');
      if (name === 'deviationId') return ids.approved;
      return LONG_TEXT.padEnd(schema.minLength ?? 0, '.').slice(0, Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? LONG_TEXT.length, LONG_TEXT.length)));
    }
    default:
      return undefined;
  }
}

/**
 * Where the schema alone cannot say what is valid (a rule across fields, such as an end date
 * after the start date), the body is written out. A new route whose generated body the server
 * refuses as invalid (400) fails the walk below, with a request to add its body here.
 */
function writtenBodies(): Record<string, unknown> {
  const request = breakthroughBody(uid('teamleider'));
  return {
    'post /api/cases/{id}/deviations': {
      law: 'wmo',
      rule: 'Beleidsregel Wmo: huishoudelijke hulp maximaal 2 uur per week',
      route: 'hardheidsclausule',
      willDo: 'Tijdelijk 4 uur huishoudelijke hulp.',
      willNotDo: 'Geen eigen bijdrage voor de extra uren.',
      reasoning: 'Moeder is in behandeling en kan het huishouden tijdelijk niet aan.',
      startDate: today(),
      endDate: inDays(90),
      reviewDate: inDays(45),
      internal: false,
    },
    'post /api/cases/{id}/breakthroughs': request,
    'post /api/cases/{id}/breakthroughs/{requestId}/versions': request,
    'post /api/cases/{id}/breakthroughs/{requestId}/grant': { conditions: 'Evaluatie na drie maanden.', budgetCents: 0, termEnd: inDays(180) },
    // A goal needs a law's legitimation or the reason why none.
    'post /api/cases/{id}/goals': { text: 'Rust in huis', lifeDomain: 'geestelijke_gezondheid', legitimations: [{ law: 'wmo', text: 'Zelfredzaamheid.' }], owner: { type: 'household', name: 'moeder' }, dueDate: inDays(90) },
    // Starting the timer asks for the planned minutes.
    'post /api/cases/{id}/conferences/{conferenceId}/timer': { action: 'start', itemId: 'agenda-1', minutes: 10 },
  };
}

function bodyFor(doc: Doc, method: string, path: string): unknown {
  const written = writtenBodies();
  const key = `${method} ${path}`;
  if (key in written) return written[key];
  return sample(doc, doc.paths[path]![method]!.requestBody?.content?.['application/json']?.schema);
}

/** Everything a refused write could have changed. */
async function snapshot() {
  const n = async (table: string) => await count(server, `select count(*) as n from ${table}`);
  return {
    tables: Object.fromEntries(
      await Promise.all(
        [
          'case_members',
          'deviations',
          'deviation_events',
          'goals',
          'goal_actions',
          'vraagstukken',
          'vraagstuk_decisions',
          'breakthrough_requests',
          'breakthrough_versions',
          'breakthrough_events',
          'breakthrough_outcomes',
          'case_stuck_flags',
          'conferences',
          'resident_comments',
          'plan_versions',
          'intervision_sessions',
          'temporary_access',
        ].map(async (t) => [t, await n(t)] as const),
      ),
    ),
    openGrants: await count(server, 'select count(*) as n from temporary_access where ended_at is null'),
    caseRow: await queryRow(server, 'select * from cases where id = ?', ids.caseId),
    audit: await maxAuditSeq(server),
  };
}

describe('temporary access is read access, and nothing more', () => {
  it('she reads the case; her seat says "lezen", and the capabilities the client gets are only reading and deciding', async () => {
    const wh = await as('wethouder');
    const seen = await wh.get(`/api/cases/${ids.caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.me).toMatchObject({ caseRole: 'mandaathouder', access: 'read' });
    const can = Object.entries(seen.body.me.can as Record<string, boolean>).filter(([, v]) => v).map(([k]) => k);
    expect(can.sort()).toEqual(['breakthrough.decide', 'case.intern.access', 'case.read']);
    // The deviations she reads say she can neither approve nor revoke.
    const deviations = await wh.get(`/api/cases/${ids.caseId}/deviations`);
    expect(deviations.status).toBe(200);
    for (const d of deviations.body) expect(d.can, d.id).toEqual({ approve: false, reject: false, revoke: false });
    expect(deviations.body.map((d: { id: string }) => d.id).sort()).toEqual([ids.pendingInternal, ids.approved].sort());
    // Of the requests only the ones her grant covers can be decided by her.
    const list = await wh.get(`/api/cases/${ids.caseId}/breakthroughs`);
    expect(list.body.temporaryAccessFor.sort()).toEqual(Object.values(ids.own).sort());
    const decidable = list.body.requests.filter((r: { can: { decide: boolean } }) => r.can.decide).map((r: { id: string }) => r.id);
    expect(decidable.sort()).toEqual(Object.values(ids.own).sort());
    // Signals: no flagging or clearing for her.
    const signals = await wh.get(`/api/cases/${ids.caseId}/signals`);
    expect(signals.body.can).toMatchObject({ flag: false, clearFlag: false, takeLead: false, releaseLead: false, setCluster: false });
  });

  it('walks every mutating route under /api/cases/{id} of the OpenAPI document with real ids: every one refused, nothing written', async () => {
    const wh = await as('wethouder');
    const doc = (await new ApiClient(server.url).get('/api/openapi.json')).body as Doc;
    const operations = Object.entries(doc.paths)
      .filter(([path]) => path === '/api/cases/{id}' || path.startsWith('/api/cases/{id}/'))
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method, path, params: ops[method]!.parameters ?? [] })));
    expect(operations.length).toBeGreaterThan(40);

    const before = await snapshot();
    const results: string[] = [];
    const problems: string[] = [];
    for (const op of operations) {
      const body = bodyFor(doc, op.method, op.path);
      for (const url of expand(op.path, op.params)) {
        const res = await wh.request(op.method.toUpperCase(), url, body);
        const line = `${res.status} ${res.body?.error?.code ?? ''} ${op.method.toUpperCase()} ${url}`;
        results.push(line);
        // Acceptable refusals:
        //  403: the matrix (or the per-record check behind it) refuses the temporary seat, the answer for nearly every route;
        //  404: what she may not see at all (none expected here: every id in the path is a record she may read);
        //  409: the state of the record refuses it before her rights are weighed (approving an approved deviation).
        // Never 2xx; and never 400 or 422: then the body was invalid and the test proves nothing.
        if (res.status >= 200 && res.status < 300) problems.push(`GESLAAGD: ${line}`);
        else if (res.status === 400 || res.status === 422) problems.push(`Ongeldige testinvoer, voeg een geldige body toe aan writtenBodies(): ${line} ${JSON.stringify(res.body)}`);
        else if (![403, 404, 409].includes(res.status)) problems.push(`Onverwacht: ${line}`);
      }
    }
    expect(problems, results.join('\n')).toEqual([]);
    expect(await snapshot()).toEqual(before);

    // The attacks the issue names are refused for who she is (403), not for the state of the record.
    const status = (method: string, path: string) => results.find((r) => r.endsWith(` ${method} /api/cases/${ids.caseId}${path}`))?.split(' ').slice(0, 2).join(' ');
    expect(status('POST', `/deviations/${ids.pendingInternal}/approve`)).toBe('403 GEEN_TOESTEMMING');
    expect(status('POST', `/deviations/${ids.pendingInternal}/reject`)).toBe('403 GEEN_TOESTEMMING');
    expect(status('POST', `/deviations/${ids.approved}/revoke`)).toBe('403 GEEN_TOESTEMMING');
    expect(status('POST', '/stuck-flag')).toBe('403 GEEN_TOESTEMMING');
    expect(status('POST', '/stuck-flag/clear')).toBe('403 GEEN_TOESTEMMING');
    // A request routed to her that her grant does not cover, and someone else's: not hers to decide.
    for (const d of DECISIONS) {
      expect(status('POST', `/breakthroughs/${ids.ungranted}/${d}`)).toBe('403 NIET_TOEGEWEZEN');
      expect(status('POST', `/breakthroughs/${ids.other}/${d}`)).toBe('403 NIET_TOEGEWEZEN');
    }
    // Only 409 where the record's state speaks first (approving what is approved); no 404 at all.
    const notForbidden = results.filter((r) => !r.startsWith('403 '));
    expect(notForbidden.map((r) => r.split(' ').slice(0, 2).join(' ') + ' ' + r.split(' ').slice(3).join(' '))).toEqual([
      `409 AL_BESLOTEN /api/cases/${ids.caseId}/deviations/${ids.approved}/approve`,
      `409 AL_BESLOTEN /api/cases/${ids.caseId}/deviations/${ids.approved}/reject`,
    ]);
  });

  it('in the rooms she reads along and writes nothing: plan, internal notes and the running conference', async () => {
    const user = (await findUserById(server.db, uid('wethouder')))!;
    for (const room of [roomName(ids.caseId, 'plan'), roomName(ids.caseId, 'intern'), conferenceRoomName(ids.caseId, ids.conferenceId)]) {
      const parsed = parseRoomName(room)!;
      const access = await roomAccess(ROOM_KINDS, server.db, user, parsed);
      expect(access, room).toMatchObject({ ok: true, access: { canWrite: false } });
    }
    const cr = await as('casusregisseur');
    const wh = await as('wethouder');
    for (const [room, key] of [
      [roomName(ids.caseId, 'plan'), 'beeldvorming'],
      [roomName(ids.caseId, 'intern'), INTERN_NOTES.key],
    ] as const) {
      const writer = await connectSynced(server, cr, room);
      const reader = await connectSynced(server, wh, room);
      addParagraph(writer.doc, `De regisseur schrijft in ${room}.`, key);
      await waitForText(reader, `De regisseur schrijft in ${room}.`, key);
      addParagraph(reader.doc, 'De wethouder schrijft mee.', key);
      await barrier(reader, [writer]);
      expect((await updateRows(server.db, room)).filter((u) => u.user_id === uid('wethouder')), room).toEqual([]);
      writer.destroy();
      reader.destroy();
    }
  });

  it('she decides her own requests, one of each kind; each decision ends its own grant, and after the last she reads nothing', async () => {
    const wh = await as('wethouder');
    const base = `/api/cases/${ids.caseId}/breakthroughs`;
    const bodies = { grant: writtenBodies()['post /api/cases/{id}/breakthroughs/{requestId}/grant'], refuse: { reasons: 'Buiten de kaders van de gemeente.' }, return: { missing: 'Een offerte ontbreekt.' } };
    const expected = { grant: 'toegekend', refuse: 'afgewezen', return: 'terug_voor_aanvulling' };
    let left = 3;
    for (const d of DECISIONS) {
      const res = await wh.post(`${base}/${ids.own[d]}/${d}`, bodies[d]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(expected[d]);
      left -= 1;
      expect(await count(server, 'select count(*) as n from temporary_access where case_id = ? and user_id = ? and ended_at is null', ids.caseId, uid('wethouder'))).toBe(left);
    }
    expectError(await wh.get(`/api/cases/${ids.caseId}`), 404, 'CASUS_NIET_GEVONDEN');
    expectError(await wh.post(`${base}/${ids.ungranted}/grant`, bodies.grant), 404, 'CASUS_NIET_GEVONDEN');
  });
});
